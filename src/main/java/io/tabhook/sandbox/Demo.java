package io.tabhook.sandbox;

/**
 * The demo state every sandbox starts with. {@code admin} is the server administrator (ServerAdministrator on every
 * site, so it may create, update and delete sites), {@code siteadmin} a site administrator of both sites only,
 * {@code viewer} is neither; the personal access token belongs to admin and signs in to either site.
 */
public final class Demo {
    private Demo() {}

    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "admin";
    public static final String VIEWER_USER = "viewer";
    public static final String VIEWER_PASSWORD = "viewer";
    /** A third user (Explorer) for promote, demote and delete activity, so the demo users stay as they are. */
    public static final String ANALYST_USER = "analyst";
    public static final String ANALYST_PASSWORD = "analyst";
    /** A site administrator (SiteAdministratorCreator) who is not a server administrator: sites are not theirs. */
    public static final String SITE_ADMIN_USER = "siteadmin";
    public static final String SITE_ADMIN_PASSWORD = "siteadmin";
    public static final String PAT_NAME = "workshop-pat";
    public static final String PAT_SECRET = "workshop-secret";

    /** The Default site's name; its contentUrl is the empty string. */
    public static final String DEFAULT_SITE_NAME = "Default";
    public static final String DEFAULT_SITE = "";
    public static final String WORKSHOP_SITE_NAME = "Workshop";
    public static final String WORKSHOP_SITE = "workshop";

    /** Tableau Server 2025.3, the newest Server release (REST API 3.27); the build number is made up. */
    public static final String PRODUCT_VERSION = "2025.3.0";
    public static final String BUILD = "20253.25.0101.0000";
}
