package io.tabhook.api;

/**
 * The answer to a sign-in: the session token and the site and user it belongs to. Every rendering of it, {@link
 * #toString()} included, masks the token.
 */
public record Credentials(String token, String siteId, String siteContentUrl, String userId,
                          String estimatedTimeToExpiration) implements Shown {

    /** Tableau's JSON shape (site and user as objects); people read the site's name, "(Default)" for "". */
    @Override
    public Fields fields() {
        return new Fields("credentials", "credentials")
                .add("token", token).secret()
                .add("site.id", "siteId", siteId)
                .add("site.contentUrl", "site", siteContentUrl).shown(siteName(siteContentUrl))
                .add("user.id", "userId", userId)
                .add("estimatedTimeToExpiration", estimatedTimeToExpiration);
    }

    /** The Default site's contentUrl is empty: say so rather than print nothing. */
    public static String siteName(String contentUrl) {
        return contentUrl == null || contentUrl.isEmpty() ? "(Default)" : contentUrl;
    }

    public Element toElement() {
        return new Element("credentials")
                .attr("token", token)
                .attr("estimatedTimeToExpiration", estimatedTimeToExpiration)
                .child(new Element("site").attr("id", siteId).attr("contentUrl", siteContentUrl))
                .child(new Element("user").attr("id", userId));
    }

    public static Credentials fromElement(Element c) {
        String token = c.value("token");
        if (token == null) throw new MalformedBodyException("sign-in answer has no token");
        Element site = c.first("site").orElse(new Element("site"));
        Element user = c.first("user").orElse(new Element("user"));
        return new Credentials(token, site.attr("id"), site.attr("contentUrl"), user.attr("id"),
                c.value("estimatedTimeToExpiration"));
    }

    @Override
    public String toString() { return fields().toString(); }
}
