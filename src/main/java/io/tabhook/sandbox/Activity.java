package io.tabhook.sandbox;

import io.tabhook.events.EventType;
import io.tabhook.sandbox.SiteModel.Content;
import io.tabhook.sandbox.SiteModel.Site;
import io.tabhook.sandbox.SiteModel.User;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Things that happen on the sandbox's sites and fire webhook events: content published, changed, refreshed and
 * deleted, users promoted, demoted and deleted, sites and labels created, updated and deleted. Each changes the site
 * model first (a deleted workbook is gone, with its views), then queues the delivery and returns at once.
 *
 * <p>A site is named by its contentUrl; {@code ""}, {@code null} and {@code "default"} mean the Default site. When a
 * name is left out, a created resource gets a fresh name; an update or refresh takes the oldest resource; a delete
 * takes the newest one. Users and sites spare the demo ones unless named: promote takes the newest non-administrator,
 * demote the newest site administrator other than {@code siteadmin} ({@code admin} is a server administrator, whose
 * role is not a site's), user delete the newest user other than {@code admin}, {@code viewer} and {@code siteadmin},
 * site delete the newest site other than Default and {@code workshop}.
 */
public final class Activity {
    private final SiteModel model;
    private final DeliveryEngine engine;

    Activity(SiteModel model, DeliveryEngine engine) {
        this.model = model;
        this.engine = engine;
    }

    /**
     * Makes any of the 22 events happen. {@code outcome} ("succeeded" or "failed") matters only for refresh events,
     * which always fire Started and then Succeeded or Failed; the answer is the result for {@code event} itself.
     */
    public ActivityResult fire(String site, EventType event, String name, String outcome) {
        return switch (event) {
            case WORKBOOK_CREATED -> createWorkbook(site, name);
            case WORKBOOK_UPDATED -> updateWorkbook(site, name);
            case WORKBOOK_DELETED -> deleteWorkbook(site, name);
            case DATASOURCE_CREATED -> createDatasource(site, name);
            case DATASOURCE_UPDATED -> updateDatasource(site, name);
            case DATASOURCE_DELETED -> deleteDatasource(site, name);
            case WORKBOOK_REFRESH_STARTED, WORKBOOK_REFRESH_SUCCEEDED, WORKBOOK_REFRESH_FAILED ->
                    pick(event, refresh(site(site), Content.Kind.WORKBOOK, name, failed(event, outcome)));
            case DATASOURCE_REFRESH_STARTED, DATASOURCE_REFRESH_SUCCEEDED, DATASOURCE_REFRESH_FAILED ->
                    pick(event, refresh(site(site), Content.Kind.DATASOURCE, name, failed(event, outcome)));
            case VIEW_DELETED -> deleteView(site, name);
            case ADMIN_PROMOTED -> promoteUser(site, name);
            case ADMIN_DEMOTED -> demoteUser(site, name);
            case USER_DELETED -> deleteUser(site, name);
            case SITE_CREATED -> createSite(site, name);
            case SITE_UPDATED -> updateSite(site, name);
            case SITE_DELETED -> deleteSite(site, name);
            case LABEL_CREATED -> createLabel(site, name);
            case LABEL_UPDATED -> updateLabel(site, name);
            case LABEL_DELETED -> deleteLabel(site, name);
        };
    }

    // ---- workbooks and data sources ----

    public ActivityResult createWorkbook(String site, String name) {
        return create(site(site), Content.Kind.WORKBOOK, name);
    }

    public ActivityResult updateWorkbook(String site, String name) {
        Site s = site(site);
        return updated(s, find(s, Content.Kind.WORKBOOK, name, false), null);
    }

    public ActivityResult deleteWorkbook(String site, String name) {
        Site s = site(site);
        return deleted(s, find(s, Content.Kind.WORKBOOK, name, true));
    }

    public ActivityResult createDatasource(String site, String name) {
        return create(site(site), Content.Kind.DATASOURCE, name);
    }

    public ActivityResult updateDatasource(String site, String name) {
        Site s = site(site);
        return updated(s, find(s, Content.Kind.DATASOURCE, name, false), null);
    }

    public ActivityResult deleteDatasource(String site, String name) {
        Site s = site(site);
        return deleted(s, find(s, Content.Kind.DATASOURCE, name, true));
    }

    /** An extract refresh: fires WorkbookRefreshStarted, then Succeeded or Failed; answers the second. */
    public ActivityResult refreshWorkbook(String site, String name, boolean failed) {
        return refresh(site(site), Content.Kind.WORKBOOK, name, failed).get(1);
    }

    /** An extract refresh: fires DatasourceRefreshStarted, then Succeeded or Failed; answers the second. */
    public ActivityResult refreshDatasource(String site, String name, boolean failed) {
        return refresh(site(site), Content.Kind.DATASOURCE, name, failed).get(1);
    }

    public ActivityResult deleteView(String site, String name) {
        Site s = site(site);
        synchronized (model) {
            List<SiteModel.View> views = model.views(s.id());
            SiteModel.View v = name == null || name.isBlank()
                    ? views.stream().reduce((a, b) -> b).orElseThrow(() -> none(s, "view", "delete"))
                    : views.stream().filter(x -> x.name().equalsIgnoreCase(name.trim())).findFirst()
                            .orElseThrow(() -> unknown(s, "view", name, views.stream().map(SiteModel.View::name)));
            return viewDeleted(s, v);
        }
    }

    // ---- users ----

    public ActivityResult promoteUser(String site, String name) {
        Site s = site(site);
        synchronized (model) {
            User u = user(s, name, x -> !x.isSiteAdmin(), "promote");
            if (u.isSiteAdmin()) throw new ActivityException(409, "user '" + u.name() + "' is already an administrator");
            String role = u.siteRole().equals("Creator") ? "SiteAdministratorCreator" : "SiteAdministratorExplorer";
            return userUpdated(s, u, u.withRole(role)).orElseThrow();
        }
    }

    public ActivityResult demoteUser(String site, String name) {
        Site s = site(site);
        synchronized (model) {
            User u = user(s, name, x -> User.isSiteAdminRole(x.siteRole())
                    && !x.name().equals(Demo.SITE_ADMIN_USER), "demote");
            if (!User.isSiteAdminRole(u.siteRole())) {
                throw new ActivityException(409, "user '" + u.name() + "' is not a site administrator ("
                        + u.siteRole() + ")");
            }
            String role = u.siteRole().equals("SiteAdministratorCreator") ? "Creator" : "Explorer";
            return userUpdated(s, u, u.withRole(role)).orElseThrow();
        }
    }

    public ActivityResult deleteUser(String site, String name) {
        Site s = site(site);
        synchronized (model) {
            return userRemoved(s, user(s, name, x -> !x.name().equals(Demo.ADMIN_USER)
                    && !x.name().equals(Demo.VIEWER_USER) && !x.name().equals(Demo.SITE_ADMIN_USER), "delete"));
        }
    }

    // ---- sites (the event goes to the webhooks of the site named first, where the change is observed) ----

    public ActivityResult createSite(String site, String name) {
        Site observer = site(site);
        synchronized (model) {
            String n = name == null || name.isBlank() ? freshName("Site", x -> model.sites().stream()
                    .anyMatch(s -> s.name().equalsIgnoreCase(x))) : name.trim();
            String base = SiteModel.contentUrlOf(n).toLowerCase(Locale.ROOT);
            String contentUrl = base;
            for (int i = 2; contentUrl.equals("default") || model.siteByContentUrl(contentUrl).isPresent(); i++) {
                contentUrl = base + i;
            }
            return siteCreated(observer, new Site(null, n, contentUrl));
        }
    }

    public ActivityResult updateSite(String site, String name) {
        Site observer = site(site);
        Site target = name == null || name.isBlank() ? observer : site(name);
        return emit(observer, EventType.SITE_UPDATED, "SITE", target.name(), target.id());
    }

    public ActivityResult deleteSite(String site, String name) {
        Site observer = site(site);
        synchronized (model) {
            Site target;
            if (name == null || name.isBlank()) {
                target = model.sites().stream()
                        .filter(s -> !s.contentUrl().isEmpty() && !s.contentUrl().equals(Demo.WORKSHOP_SITE))
                        .filter(s -> !s.id().equals(observer.id()))
                        .reduce((a, b) -> b)
                        .orElseThrow(() -> new ActivityException(404, "no site to delete besides the demo sites; "
                                + "create one first (SiteCreated) or name one"));
            } else {
                target = site(name);
            }
            if (target.contentUrl().isEmpty()) throw new ActivityException(409, "the Default site cannot be deleted");
            if (target.id().equals(observer.id())) {
                throw new ActivityException(409, "a site cannot observe its own deletion; fire SiteDeleted on another site");
            }
            return siteDeleted(observer, target);
        }
    }

    // ---- labels (on a workbook or data source, named by the asset's name) ----

    public ActivityResult createLabel(String site, String name) {
        Site s = site(site);
        synchronized (model) {
            Content asset = asset(s, name, a -> model.labelOn(s.id(), a.id()).isEmpty(), "label");
            if (model.labelOn(s.id(), asset.id()).isPresent()) {
                throw new ActivityException(409, "'" + asset.name() + "' already has a label; fire LabelUpdated or LabelDeleted");
            }
            Instant now = model.now();
            return labelPut(s, asset, new SiteModel.Label(SiteModel.luid(), asset.id(), "WARNING",
                    "Data quality warning", true, false, asset.ownerId(), now, now), true);
        }
    }

    public ActivityResult updateLabel(String site, String name) {
        Site s = site(site);
        synchronized (model) {
            Content asset = labelled(s, name);
            SiteModel.Label l = model.labelOn(s.id(), asset.id()).orElseThrow();
            return labelPut(s, asset, new SiteModel.Label(l.id(), l.assetId(), l.type(), l.message(), l.active(),
                    l.severe(), l.ownerId(), l.createdAt(), model.now()), false);
        }
    }

    public ActivityResult deleteLabel(String site, String name) {
        Site s = site(site);
        synchronized (model) {
            Content asset = labelled(s, name);
            return labelRemoved(s, asset, model.labelOn(s.id(), asset.id()).orElseThrow());
        }
    }

    // ---- for the REST endpoints, which name things by LUID; each changes the model, then fires ----

    ActivityResult contentUpdated(Site s, Content c, String newName) {
        return updated(s, c, newName);
    }

    ActivityResult contentDeleted(Site s, Content c) {
        return deleted(s, c);
    }

    List<ActivityResult> contentRefreshed(Site s, Content c, boolean failed) {
        return refreshed(s, c, failed);
    }

    /** A publish over REST stored {@code c}: a new one fires …Created, one published over fires …Updated. */
    ActivityResult contentPublished(Site s, Content c, boolean created) {
        boolean wb = c.kind() == Content.Kind.WORKBOOK;
        EventType event = created
                ? wb ? EventType.WORKBOOK_CREATED : EventType.DATASOURCE_CREATED
                : wb ? EventType.WORKBOOK_UPDATED : EventType.DATASOURCE_UPDATED;
        return emit(s, event, c.kind().name(), c.name(), c.id());
    }

    ActivityResult viewDeleted(Site s, SiteModel.View v) {
        model.removeView(s.id(), v.id());
        return emit(s, EventType.VIEW_DELETED, "VIEW", v.name(), v.id());
    }

    /**
     * Stores a changed user. A site role that moves into a site administrator role fires AdminPromoted, one that
     * moves out of it AdminDemoted; any other change fires nothing (the answer is then empty).
     */
    Optional<ActivityResult> userUpdated(Site s, User before, User after) {
        model.putUser(s.id(), after);
        boolean was = User.isSiteAdminRole(before.siteRole());
        boolean is = User.isSiteAdminRole(after.siteRole());
        if (was == is) return Optional.empty();
        return Optional.of(emit(s, is ? EventType.ADMIN_PROMOTED : EventType.ADMIN_DEMOTED, "USER", after.name(),
                after.id()));
    }

    ActivityResult userRemoved(Site s, User u) {
        model.removeUser(s.id(), u.id());
        return emit(s, EventType.USER_DELETED, "USER", u.name(), u.id());
    }

    /**
     * Adds a site (a fresh LUID whatever {@code settings} holds) with every server administrator on it; SiteCreated
     * goes to the webhooks of the site it was created from.
     */
    ActivityResult siteCreated(Site observer, Site settings) {
        synchronized (model) {
            Site created = model.updateSite(model.addSite(settings.name(), settings.contentUrl()).withSettings(settings));
            for (User admin : model.serverAdministrators()) {
                model.addUser(created.id(), admin.name(), admin.password(), User.SERVER_ADMINISTRATOR);
            }
            return emit(observer, EventType.SITE_CREATED, "SITE", created.name(), created.id());
        }
    }

    ActivityResult siteUpdated(Site observer, Site changed) {
        Site stored = model.updateSite(changed);
        return emit(observer, EventType.SITE_UPDATED, "SITE", stored.name(), stored.id());
    }

    /** Removes a site with its webhooks; SiteDeleted goes to the webhooks of {@code observer}. */
    ActivityResult siteDeleted(Site observer, Site target) {
        model.removeSite(target.id());
        return emit(observer, EventType.SITE_DELETED, "SITE", target.name(), target.id());
    }

    /** Stores a data quality warning; fires LabelCreated for a new one, LabelUpdated for a changed one. */
    ActivityResult labelPut(Site s, Content asset, SiteModel.Label label, boolean created) {
        model.putLabel(s.id(), label);
        return emit(s, created ? EventType.LABEL_CREATED : EventType.LABEL_UPDATED, asset.kind().name(), asset.name(),
                asset.id());
    }

    ActivityResult labelRemoved(Site s, Content asset, SiteModel.Label label) {
        model.removeLabel(s.id(), label.id());
        return emit(s, EventType.LABEL_DELETED, asset.kind().name(), asset.name(), asset.id());
    }

    // ---- the common steps ----

    private ActivityResult create(Site s, Content.Kind kind, String name) {
        synchronized (model) {
            String label = kind == Content.Kind.WORKBOOK ? "Workbook" : "Datasource";
            String n = name == null || name.isBlank()
                    ? freshName(label, x -> model.content(s.id(), kind).stream().anyMatch(c -> c.name().equalsIgnoreCase(x)))
                    : name.trim();
            Content c = model.addContent(s.id(), n, kind);
            if (kind == Content.Kind.WORKBOOK) model.addView(s.id(), c.id(), "Sheet 1");
            return emit(s, kind == Content.Kind.WORKBOOK ? EventType.WORKBOOK_CREATED : EventType.DATASOURCE_CREATED,
                    kind.name(), c.name(), c.id());
        }
    }

    private ActivityResult updated(Site s, Content c, String newName) {
        Content changed = model.touchContent(s.id(), c.id(), newName);
        return emit(s, c.kind() == Content.Kind.WORKBOOK ? EventType.WORKBOOK_UPDATED : EventType.DATASOURCE_UPDATED,
                c.kind().name(), changed.name(), changed.id());
    }

    private ActivityResult deleted(Site s, Content c) {
        model.removeContent(s.id(), c.id());
        return emit(s, c.kind() == Content.Kind.WORKBOOK ? EventType.WORKBOOK_DELETED : EventType.DATASOURCE_DELETED,
                c.kind().name(), c.name(), c.id());
    }

    private List<ActivityResult> refresh(Site s, Content.Kind kind, String name, boolean failed) {
        return refreshed(s, find(s, kind, name, false), failed);
    }

    private List<ActivityResult> refreshed(Site s, Content c, boolean failed) {
        boolean wb = c.kind() == Content.Kind.WORKBOOK;
        ActivityResult started = emit(s, wb ? EventType.WORKBOOK_REFRESH_STARTED : EventType.DATASOURCE_REFRESH_STARTED,
                "EXTRACTS", c.name(), c.id());
        EventType end = failed
                ? wb ? EventType.WORKBOOK_REFRESH_FAILED : EventType.DATASOURCE_REFRESH_FAILED
                : wb ? EventType.WORKBOOK_REFRESH_SUCCEEDED : EventType.DATASOURCE_REFRESH_SUCCEEDED;
        if (!failed) model.touchContent(s.id(), c.id(), null);
        return List.of(started, emit(s, end, "EXTRACTS", c.name(), c.id()));
    }

    private static ActivityResult pick(EventType event, List<ActivityResult> results) {
        return results.stream().filter(r -> r.event() == event).findFirst().orElse(results.get(results.size() - 1));
    }

    private static boolean failed(EventType event, String outcome) {
        boolean askedFailed = event == EventType.WORKBOOK_REFRESH_FAILED || event == EventType.DATASOURCE_REFRESH_FAILED;
        boolean askedSucceeded = event == EventType.WORKBOOK_REFRESH_SUCCEEDED
                || event == EventType.DATASOURCE_REFRESH_SUCCEEDED;
        if (outcome == null || outcome.isBlank()) return askedFailed;
        boolean failed = switch (outcome.trim().toLowerCase(Locale.ROOT)) {
            case "failed", "failure", "fail" -> true;
            case "succeeded", "success", "succeed", "ok" -> false;
            default -> throw new ActivityException(400, "outcome must be succeeded or failed, not '" + outcome + "'");
        };
        if ((failed && askedSucceeded) || (!failed && askedFailed)) {
            throw new ActivityException(400, "outcome '" + outcome + "' contradicts " + event.apiName());
        }
        return failed;
    }

    private ActivityResult emit(Site s, EventType event, String resource, String name, String luid) {
        engine.deliver(s.id(), event, resource, name, luid, model.now());
        return new ActivityResult(event, name, luid, s.id());
    }

    /** A site by contentUrl ("", null and "default" are the Default site), LUID or name. */
    Site site(String site) {
        String key = site == null ? "" : site.trim();
        if (key.equalsIgnoreCase("default")) key = "";
        String k = key;
        return model.siteByContentUrl(k)
                .or(() -> model.site(k))
                .or(() -> model.sites().stream().filter(s -> s.name().equalsIgnoreCase(k)).findFirst())
                .orElseThrow(() -> new ActivityException(404, "no site '" + k + "'; sites: " + model.sites().stream()
                        .map(s -> s.contentUrl().isEmpty() ? "default" : s.contentUrl())
                        .collect(Collectors.joining(", "))));
    }

    private Content find(Site s, Content.Kind kind, String name, boolean newest) {
        List<Content> all = model.content(s.id(), kind);
        String what = kind == Content.Kind.WORKBOOK ? "workbook" : "data source";
        if (name == null || name.isBlank()) {
            Optional<Content> c = newest ? all.stream().reduce((a, b) -> b) : all.stream().findFirst();
            return c.orElseThrow(() -> none(s, what, newest ? "delete" : "change"));
        }
        return all.stream().filter(c -> c.name().equalsIgnoreCase(name.trim())).findFirst()
                .orElseThrow(() -> unknown(s, what, name, all.stream().map(Content::name)));
    }

    private User user(Site s, String name, Predicate<User> byDefault, String verb) {
        List<User> users = model.users(s.id());
        if (name == null || name.isBlank()) {
            return users.stream().filter(byDefault).reduce((a, b) -> b)
                    .orElseThrow(() -> new ActivityException(404, "no user to " + verb + " on site '" + label(s)
                            + "' without a name; name one (users: " + users.stream().map(User::name)
                            .collect(Collectors.joining(", ")) + ")"));
        }
        return model.userByName(s.id(), name.trim())
                .orElseThrow(() -> unknown(s, "user", name, users.stream().map(User::name)));
    }

    private Content asset(Site s, String name, Predicate<Content> byDefault, String verb) {
        List<Content> all = model.content(s.id(), Content.Kind.WORKBOOK);
        all = new java.util.ArrayList<>(all);
        all.addAll(model.content(s.id(), Content.Kind.DATASOURCE));
        if (name == null || name.isBlank()) {
            return all.stream().filter(byDefault).findFirst()
                    .orElseThrow(() -> none(s, "workbook or data source", verb));
        }
        return all.stream().filter(c -> c.name().equalsIgnoreCase(name.trim())).findFirst()
                .orElseThrow(() -> unknown(s, "workbook or data source", name,
                        model.content(s.id(), Content.Kind.WORKBOOK).stream().map(Content::name)));
    }

    private Content labelled(Site s, String name) {
        Content asset = asset(s, name, a -> model.labelOn(s.id(), a.id()).isPresent(), "unlabel");
        if (model.labelOn(s.id(), asset.id()).isEmpty()) {
            throw new ActivityException(404, "'" + asset.name() + "' has no label; fire LabelCreated first");
        }
        return asset;
    }

    private static String freshName(String stem, Predicate<String> taken) {
        for (int i = 1; ; i++) {
            if (!taken.test(stem + " " + i)) return stem + " " + i;
        }
    }

    private static String label(Site s) {
        return s.contentUrl().isEmpty() ? "default" : s.contentUrl();
    }

    private static ActivityException none(Site s, String what, String verb) {
        return new ActivityException(404, "no " + what + " to " + verb + " on site '" + label(s) + "'");
    }

    private static ActivityException unknown(Site s, String what, String name, java.util.stream.Stream<String> names) {
        return new ActivityException(404, "no " + what + " named '" + name + "' on site '" + label(s) + "'; there are: "
                + names.sorted(Comparator.naturalOrder()).collect(Collectors.joining(", ")));
    }
}
