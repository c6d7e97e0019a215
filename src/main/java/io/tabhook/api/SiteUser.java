package io.tabhook.api;

import java.util.List;

/**
 * A user of a site as Tableau's Users methods answer it. Fields a particular answer leaves out are null: Add User
 * answers without {@code lastLogin}, Update User without the id. {@code lastLogin} is empty for a user who never
 * signed in.
 */
public record SiteUser(String id, String name, String fullName, String email, String siteRole, String authSetting,
                       String lastLogin, String externalAuthUserId, String domain) implements Shown {

    /** Administrators of the site: SiteAdministratorCreator, SiteAdministratorExplorer, or a server administrator. */
    public boolean isAdministrator() {
        return siteRole != null && (siteRole.startsWith("SiteAdministrator") || siteRole.equals("ServerAdministrator"));
    }

    @Override
    public Fields fields() {
        return new Fields("user", "users")
                .add("id", id)
                .add("name", name)
                .add("fullName", "full name", fullName)
                .add("email", email)
                .add("siteRole", "site role", siteRole)
                .add("authSetting", "auth", authSetting)
                .add("lastLogin", "last login", lastLogin)
                .columns("name", "site role", "last login", "id");
    }

    @Override
    public String toString() { return fields().toString(); }

    /** The {@code <user>} element with the fields this user holds; {@code <domain>} when it has one. */
    public Element toElement() {
        Element u = new Element("user").attr("id", id).attr("name", name).attr("fullName", fullName)
                .attr("email", email).attr("siteRole", siteRole).attr("authSetting", authSetting)
                .attr("lastLogin", lastLogin).attr("externalAuthUserId", externalAuthUserId);
        if (domain != null) u.child(new Element("domain").attr("name", domain));
        return u;
    }

    public static SiteUser fromElement(Element u) {
        return new SiteUser(u.value("id"), u.value("name"), u.value("fullName"), u.value("email"),
                u.value("siteRole"), u.value("authSetting"), u.value("lastLogin"), u.value("externalAuthUserId"),
                u.first("domain").map(d -> d.value("name")).orElse(null));
    }

    /** The users of a {@code <users>} list (an empty list may come as {@code {}} in JSON). */
    public static List<SiteUser> fromListElement(Element users) {
        return users.all("user").stream().map(SiteUser::fromElement).toList();
    }
}
