package io.tabhook.api;

/**
 * The {@code credentials} of {@code POST /auth/signin}: one of password, personal access token or JWT, for a site.
 * {@link #toString()} never shows a secret.
 */
public record SignInRequest(Kind kind, String name, String secret, String siteContentUrl, String impersonateUserId) {

    public enum Kind { PASSWORD, PERSONAL_ACCESS_TOKEN, JWT }

    public static SignInRequest password(String user, String password, String site) {
        return new SignInRequest(Kind.PASSWORD, user, password, site, null);
    }

    public static SignInRequest personalAccessToken(String tokenName, String tokenSecret, String site) {
        return new SignInRequest(Kind.PERSONAL_ACCESS_TOKEN, tokenName, tokenSecret, site, null);
    }

    public static SignInRequest jwt(String jwt, String site) {
        return new SignInRequest(Kind.JWT, null, jwt, site, null);
    }

    /** The same credentials for another site (after Switch Site, a new sign-in goes to the site now in use). */
    public SignInRequest forSite(String site) {
        return new SignInRequest(kind, name, secret, site, impersonateUserId);
    }

    public Element toElement() {
        Element c = new Element("credentials");
        switch (kind) {
            case PASSWORD -> c.attr("name", name).attr("password", secret);
            case PERSONAL_ACCESS_TOKEN -> c.attr("personalAccessTokenName", name).attr("personalAccessTokenSecret", secret);
            case JWT -> c.attr("jwt", secret);
        }
        c.child(new Element("site").attr("contentUrl", siteContentUrl == null ? "" : siteContentUrl));
        if (impersonateUserId != null) c.child(new Element("user").attr("id", impersonateUserId));
        return c;
    }

    /** Reads credentials as a server receives them; fails when no kind of credential is present. */
    public static SignInRequest fromElement(Element c) {
        String site = c.first("site").map(s -> s.value("contentUrl")).orElse(null);
        String user = c.first("user").map(u -> u.attr("id")).orElse(null);
        if (c.attr("personalAccessTokenName") != null || c.attr("personalAccessTokenSecret") != null) {
            return new SignInRequest(Kind.PERSONAL_ACCESS_TOKEN, c.attr("personalAccessTokenName"),
                    c.attr("personalAccessTokenSecret"), site, user);
        }
        if (c.attr("jwt") != null) return new SignInRequest(Kind.JWT, null, c.attr("jwt"), site, user);
        if (c.attr("name") != null || c.attr("password") != null) {
            return new SignInRequest(Kind.PASSWORD, c.attr("name"), c.attr("password"), site, user);
        }
        throw new MalformedBodyException("credentials need name and password, personalAccessTokenName and "
                + "personalAccessTokenSecret, or jwt");
    }

    @Override
    public String toString() {
        return "SignInRequest[" + kind + ", name=" + name + ", secret=" + Secrets.mask(kind == Kind.JWT ? "jwt" : "secret", secret) + ", site="
                + siteContentUrl + "]";
    }
}
