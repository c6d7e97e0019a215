package io.tabhook.api;

/**
 * The answer to a sign-in: the session token and the site and user it belongs to. {@link #toString()} masks the
 * token.
 */
public record Credentials(String token, String siteId, String siteContentUrl, String userId,
                          String estimatedTimeToExpiration) {

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
    public String toString() {
        return "Credentials[token=" + Secrets.mask(token) + ", siteId=" + siteId + ", site=" + siteContentUrl
                + ", userId=" + userId + "]";
    }
}
