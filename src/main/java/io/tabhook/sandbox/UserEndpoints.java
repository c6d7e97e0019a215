package io.tabhook.sandbox;

import io.tabhook.api.ApiVersion;
import io.tabhook.api.Element;
import io.tabhook.api.SiteUser;
import io.tabhook.api.TableauError;
import io.tabhook.sandbox.SiteModel.Content;
import io.tabhook.sandbox.SiteModel.User;

import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * {@code /sites/{site}/users[/{id}]}: Get Users on Site (paged, filtered and sorted), Query User On Site, Add User to
 * Site, Update User and Remove User from Site, as Tableau's Users and Groups reference describes them. A change of
 * site role into or out of a site administrator role fires AdminPromoted or AdminDemoted; a removal fires UserDeleted
 * and ends the user's sessions.
 */
final class UserEndpoints {
    /** The site roles Add User and Update User take (400013 lists them). */
    static final Set<String> SITE_ROLES = Set.of("Creator", "Explorer", "ExplorerCanPublish",
            "SiteAdministratorCreator", "SiteAdministratorExplorer", "Unlicensed", "Viewer");

    private static final ListQuery<User> LIST = ListQuery.<User>strict()
            .field("name", User::name).field("siteRole", User::siteRole).field("luid", User::id)
            .field("friendlyName", User::fullName).field("email", User::email)
            .field("lastLogin", u -> u.lastLogin() == null ? null : u.lastLogin().toString());

    private final SiteModel model;
    private final Activity activity;
    private final Sessions sessions;

    UserEndpoints(SiteModel model, Activity activity, Sessions sessions) {
        this.model = model;
        this.activity = activity;
        this.sessions = sessions;
    }

    void register(RestApi api) {
        ApiVersion any = RestApi.OLDEST;
        api.route("GET", "sites/{site}/users", any, RestApi.Access.SITE_ADMIN, this::list);
        api.route("POST", "sites/{site}/users", any, RestApi.Access.SITE_ADMIN, this::add);
        api.route("GET", "sites/{site}/users/{id}", any, RestApi.Access.SITE_MEMBER, this::get);
        api.route("PUT", "sites/{site}/users/{id}", any, RestApi.Access.SITE_ADMIN, this::update);
        api.route("DELETE", "sites/{site}/users/{id}", any, RestApi.Access.SITE_ADMIN, this::remove);
    }

    private Reply list(RestCall call) {
        ListQuery.Page<User> page = LIST.page(call, model.users(call.site.id()));
        Element users = new Element("users").repeated();
        page.items().forEach(u -> users.child(element(u)));
        return Reply.of(200, page.pagination(), users);
    }

    /** Administrators may look up anyone; other users only themselves (403133, as Tableau documents). */
    private Reply get(RestCall call) {
        User u = existing(call, call.param("id"));
        if (!call.user.isSiteAdmin() && !u.id().equals(call.user.id())) {
            throw new TableauError(403, "403133", "Query user permissions forbidden",
                    "The user does not have permissions to query user information for other users.");
        }
        return Reply.of(200, element(u));
    }

    private Reply add(RestCall call) throws IOException {
        Element body = call.element("user");
        String name = body.attr("name");
        if (name == null || name.isBlank()) throw Refusals.badRequest("A user needs a name (the name attribute).");
        String role = role(body.attr("siteRole"));
        if (role == null) throw Refusals.badRequest("A user needs a siteRole, e.g. siteRole=\"Viewer\".");
        if (model.userByName(call.site.id(), name.trim()).isPresent()) {
            throw new TableauError(409, "409000", "User conflict", "The user '" + name.trim()
                    + "' already exists on the site.");
        }
        User added = model.putUser(call.site.id(), new User(SiteModel.luid(), name.trim(), null, role, null, null,
                or(body.attr("authSetting"), "ServerDefault"), null));
        return Reply.of(201, new SiteUser(added.id(), added.name(), null, null, added.siteRole(),
                added.authSetting(), null, null, null).toElement());
    }

    /**
     * Changes what the body names (name, fullName, email, password, siteRole, authSetting). A server
     * administrator's site role belongs to the server and is not changed per site.
     */
    private Reply update(RestCall call) throws IOException {
        User before = existing(call, call.param("id"));
        Element body = call.element("user");
        String role = role(body.attr("siteRole"));
        if (role != null && before.isServerAdmin() && !role.equals(before.siteRole())) {
            throw Refusals.forbidden("'" + before.name() + "' is a server administrator; a server administrator's "
                    + "site role is set for the whole server, not per site.");
        }
        String name = body.attr("name");
        if (name != null && !name.trim().equalsIgnoreCase(before.name())
                && model.userByName(call.site.id(), name.trim()).isPresent()) {
            throw new TableauError(409, "409000", "User conflict", "The user '" + name.trim()
                    + "' already exists on the site.");
        }
        User after = new User(before.id(), name == null || name.isBlank() ? before.name() : name.trim(),
                or(body.attr("password"), before.password()), role == null ? before.siteRole() : role,
                or(body.attr("fullName"), before.fullName()), or(body.attr("email"), before.email()),
                or(body.attr("authSetting"), before.authSetting()), before.lastLogin());
        activity.userUpdated(call.site, before, after);
        return Reply.of(200, new SiteUser(null, after.name(), fullName(after), after.email(), after.siteRole(),
                after.authSetting(), null, null, null).toElement());
    }

    /**
     * Tableau's rule: a user who owns content (workbooks, data sources) is not removed but becomes Unlicensed,
     * unless {@code mapAssetsTo} names a user of the site to receive it. Webhooks are not content: they stay with
     * their (now unknown) owner unless mapAssetsTo passes them on (UNCERTAIN). The user's sessions end.
     */
    private Reply remove(RestCall call) {
        User u = existing(call, call.param("id"));
        if (u.isServerAdmin()) {
            throw Refusals.forbidden("'" + u.name() + "' is a server administrator, who belongs to every site; "
                    + "a server administrator is not removed from one site.");
        }
        String mapTo = call.query.get("mapAssetsTo");
        synchronized (model) {
            if (mapTo != null && !mapTo.isBlank()) {
                User heir = model.user(call.site.id(), mapTo.trim())
                        .orElseThrow(() -> Refusals.notFound("User", mapTo.trim()));
                if (heir.id().equals(u.id())) {
                    throw Refusals.badRequest("mapAssetsTo names the user being removed; name another user.");
                }
                model.transferOwnership(call.site.id(), u.id(), heir);
            } else {
                List<Content> owned = model.ownedBy(call.site.id(), u.id());
                if (!owned.isEmpty()) {
                    model.setRole(call.site.id(), u.id(), "Unlicensed");
                    throw new TableauError(409, "409000", "Conflict", "'" + u.name() + "' owns " + owned.size()
                            + " workbook(s) or data source(s) (" + owned.get(0).name() + (owned.size() > 1 ? ", …" : "")
                            + "), so the user was made Unlicensed and not removed; remove again with "
                            + "?mapAssetsTo=<user id> to pass the content on.");
                }
            }
            activity.userRemoved(call.site, u);
        }
        sessions.closeUser(call.site.id(), u.id());
        return Reply.empty(204);
    }

    // ---- bodies ----

    private User existing(RestCall call, String id) {
        return model.user(call.site.id(), id).orElseThrow(() -> new TableauError(404, "404002", "User not found",
                "The user ID '" + id + "' doesn't correspond to an existing user of the site."));
    }

    /** A site role as given (any case), or null when none was; anything else is Tableau's 400013. */
    private static String role(String given) {
        if (given == null || given.isBlank()) return null;
        for (String r : SITE_ROLES) if (r.equalsIgnoreCase(given.trim())) return r;
        throw new TableauError(400, "400013", "Invalid site role", "The value of the siteRole attribute must be "
                + "Creator, Explorer, ExplorerCanPublish, SiteAdministratorCreator, SiteAdministratorExplorer, "
                + "Unlicensed, or Viewer; '" + given + "' is not.");
    }

    /** A user as Get Users and Query User answer: every user is local; never signed in is an empty lastLogin. */
    static Element element(User u) {
        return new SiteUser(u.id(), u.name(), fullName(u), u.email(), u.siteRole(), u.authSetting(),
                u.lastLogin() == null ? "" : u.lastLogin().toString(), "", "local").toElement();
    }

    /** The display name: the one given, else the user name, as Tableau Server shows a local user. */
    private static String fullName(User u) {
        return u.fullName() != null ? u.fullName() : u.name();
    }

    private static String or(String given, String otherwise) {
        return given == null ? otherwise : given;
    }
}
