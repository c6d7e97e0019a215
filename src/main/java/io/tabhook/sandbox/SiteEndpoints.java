package io.tabhook.sandbox;

import io.tabhook.api.ApiVersion;
import io.tabhook.api.Credentials;
import io.tabhook.api.Element;
import io.tabhook.api.TableauError;
import io.tabhook.api.TableauSite;
import io.tabhook.sandbox.SiteModel.Site;
import io.tabhook.sandbox.SiteModel.User;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code /sites[/{site}]} and {@code /auth/switchSite}: Query Sites, Query Site (by id, or by name or contentUrl with
 * {@code ?key=}), Create, Update and Delete Site, and Switch Site. Creating, updating and deleting sites is a server
 * administrator's; a site administrator may query their own site. SiteCreated and SiteUpdated go to the webhooks of
 * the site the call was made from; a site is deleted from inside it, so SiteDeleted goes to the Default site's
 * webhooks (UNCERTAIN).
 */
final class SiteEndpoints {
    static final ApiVersion SWITCH_SITE_SINCE = new ApiVersion(2, 6);

    private static final ListQuery<Site> LIST = ListQuery.<Site>strict()
            .field("name", Site::name).field("contentUrl", Site::contentUrl).field("state", Site::state)
            .field("adminMode", Site::adminMode);

    private final SiteModel model;
    private final Activity activity;
    private final Sessions sessions;

    SiteEndpoints(SiteModel model, Activity activity, Sessions sessions) {
        this.model = model;
        this.activity = activity;
        this.sessions = sessions;
    }

    void register(RestApi api) {
        ApiVersion any = RestApi.OLDEST;
        RestApi.Access signedIn = RestApi.Access.SIGNED_IN;
        api.route("GET", "sites", any, signedIn, this::list);
        api.route("POST", "sites", any, signedIn, this::create);
        api.route("GET", "sites/{site}", any, signedIn, this::get);
        api.route("PUT", "sites/{site}", any, signedIn, this::update);
        api.route("DELETE", "sites/{site}", any, signedIn, this::delete);
        api.route("POST", "auth/switchSite", SWITCH_SITE_SINCE, signedIn, this::switchSite);
    }

    /** A server administrator sees every site; anyone else the sites they are a user of. */
    private Reply list(RestCall call) {
        List<Site> visible = model.sites().stream()
                .filter(s -> call.user.isServerAdmin() || model.userByName(s.id(), call.user.name()).isPresent())
                .toList();
        ListQuery.Page<Site> page = LIST.page(call, visible);
        Element sites = new Element("sites").repeated();
        page.items().forEach(s -> sites.child(element(s)));
        return Reply.of(200, page.pagination(), sites);
    }

    private Reply get(RestCall call) {
        Site site = named(call);
        if (!call.user.isServerAdmin() && !(call.user.isSiteAdmin() && site.id().equals(call.site.id()))) {
            throw Refusals.forbidden("Query Site needs a server administrator, or a site administrator of that "
                    + "site; '" + call.user.name() + "' is " + call.user.siteRole() + " on the signed-in site.");
        }
        return Reply.of(200, element(site));
    }

    private Reply create(RestCall call) throws IOException {
        requireServerAdmin(call, "Create Site");
        Element body = call.element("site");
        String name = body.attr("name");
        String contentUrl = body.attr("contentUrl");
        if (name == null || name.isBlank() || contentUrl == null || contentUrl.isBlank()) {
            throw Refusals.badRequest("A site needs a name and a contentUrl, e.g. <site name=\"Sales\" "
                    + "contentUrl=\"sales\"/>.");
        }
        Site settings = settings(new Site(null, name.trim(), contentUrl.trim()), body);
        synchronized (model) {
            requireFree(settings, null);
            activity.siteCreated(call.site, settings);
            return Reply.of(201, element(model.siteByContentUrl(settings.contentUrl()).orElseThrow()));
        }
    }

    /** Changes a site's name, contentUrl, adminMode or state; other settings are read and not kept. */
    private Reply update(RestCall call) throws IOException {
        requireServerAdmin(call, "Update Site");
        Site site = named(call);
        Site changed = settings(site, call.element("site"));
        if (site.contentUrl().isEmpty() && !changed.contentUrl().isEmpty()) {
            throw Refusals.badRequest("The Default site's contentUrl is empty and stays so.");
        }
        synchronized (model) {
            requireFree(changed, site.id());
            activity.siteUpdated(call.site, changed);
        }
        return Reply.of(200, element(changed));
    }

    private Reply delete(RestCall call) {
        requireServerAdmin(call, "Delete Site");
        Site site = named(call);
        if (site.contentUrl().isEmpty()) throw Refusals.forbidden("The Default site cannot be deleted.");
        if (!site.id().equals(call.site.id())) {
            throw Refusals.forbidden("A site is deleted from inside it: switch to '" + site.contentUrl()
                    + "' (auth/switchSite) or sign in to it, then delete it.");
        }
        Site defaultSite = model.siteByContentUrl("").orElseThrow();
        activity.siteDeleted(defaultSite, site);
        sessions.closeSite(site.id());
        return Reply.empty(204);
    }

    /**
     * Signs the caller in to another site as the user of the same name there; the old token stops working.
     * Switching to the site one is on is Tableau's 403070, which TSC takes as "nothing to do".
     */
    private Reply switchSite(RestCall call) throws IOException {
        String contentUrl = call.element("site").attr("contentUrl");
        String wanted = contentUrl == null ? "" : contentUrl.trim();
        Site target = model.siteByContentUrl(wanted).orElseThrow(() -> new TableauError(404, "404000",
                "Site not found", "No site has the contentUrl '" + wanted + "'."));
        if (target.id().equals(call.site.id())) {
            throw new TableauError(403, "403070", "Forbidden", "You are already signed in to the site '"
                    + Credentials.siteName(target.contentUrl()) + "'.");
        }
        User there = model.userByName(target.id(), call.user.name()).orElseThrow(() ->
                Refusals.signInError("'" + call.user.name() + "' is not a user of the site '" + wanted + "'."));
        sessions.close(call.session.token());
        Sessions.SignIn s = sessions.open(target.id(), there.id());
        model.recordLogin(target.id(), there.id());
        return Reply.of(200, new Credentials(s.token(), target.id(), target.contentUrl(), there.id(), null)
                .toElement());
    }

    // ---- reading the request ----

    private static void requireServerAdmin(RestCall call, String method) {
        if (!call.user.isServerAdmin()) {
            throw Refusals.forbidden(method + " needs a server administrator; '" + call.user.name() + "' is "
                    + call.user.siteRole() + ".");
        }
    }

    /** The site the path names: by LUID, or with {@code ?key=name} or {@code ?key=contentUrl}. */
    private Site named(RestCall call) {
        String ref = call.param("site");
        String key = call.query.getOrDefault("key", "id").toLowerCase(Locale.ROOT);
        Optional<Site> site = switch (key) {
            case "id" -> model.site(ref);
            case "name" -> model.sites().stream().filter(s -> s.name().equalsIgnoreCase(ref)).findFirst();
            case "contenturl" -> model.siteByContentUrl(ref);
            default -> throw Refusals.badRequest("key must be id, name or contentUrl, not '" + key + "'.");
        };
        return site.orElseThrow(() -> Refusals.siteNotFound(ref));
    }

    /** A site with what the body sets: name, contentUrl, adminMode, state. */
    private static Site settings(Site site, Element body) {
        String contentUrl = Objects.requireNonNullElse(body.attr("contentUrl"), site.contentUrl()).trim();
        if (!contentUrl.matches("[A-Za-z0-9_-]*")) {
            throw Refusals.badRequest("A contentUrl may hold only letters, digits, dashes and underscores, not '"
                    + contentUrl + "'.");
        }
        String adminMode = Objects.requireNonNullElse(body.attr("adminMode"), site.adminMode());
        if (!adminMode.equals("ContentAndUsers") && !adminMode.equals("ContentOnly")) {
            throw Refusals.badRequest("adminMode must be ContentAndUsers or ContentOnly, not '" + adminMode + "'.");
        }
        String state = Objects.requireNonNullElse(body.attr("state"), site.state());
        if (!state.equals("Active") && !state.equals("Suspended")) {
            throw Refusals.badRequest("state must be Active or Suspended, not '" + state + "'.");
        }
        String name = Objects.requireNonNullElse(body.attr("name"), site.name()).trim();
        if (name.isEmpty()) throw Refusals.badRequest("A site's name cannot be empty.");
        return new Site(site.id(), name, contentUrl, adminMode, state);
    }

    private void requireFree(Site wanted, String ownId) {
        for (Site other : model.sites()) {
            if (other.id().equals(ownId)) continue;
            if (other.contentUrl().equalsIgnoreCase(wanted.contentUrl()) || other.name().equalsIgnoreCase(wanted.name())) {
                throw new TableauError(409, "409000", "Site conflict", "A site named '" + other.name()
                        + "' with the contentUrl '" + other.contentUrl() + "' already exists.");
            }
        }
    }

    /** A site with the settings the sandbox keeps, and Tableau's defaults for three more every answer carries. */
    static Element element(Site s) {
        return new TableauSite(s.id(), s.name(), s.contentUrl(), s.adminMode(), s.state(), false, true, "25")
                .toElement();
    }
}
