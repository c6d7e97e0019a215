package io.tabhook.sandbox;

import io.tabhook.api.ApiVersion;
import io.tabhook.api.Element;
import io.tabhook.sandbox.SiteModel.Content;
import io.tabhook.sandbox.SiteModel.Site;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Workbooks, data sources and views, as far as webhooks need them: list, get, update (name, owner), delete, run an
 * extract refresh now, delete a view (Delete View, API 3.27). Changes go through {@link Activity}, so they fire their events. Bodies keep
 * Tableau's documented shape with its most used attributes.
 */
final class ContentEndpoints {
    private static final ApiVersion REFRESH_SINCE = new ApiVersion(2, 8);

    private final SiteModel model;
    private final Activity activity;
    private final JobEndpoints jobs;
    private final Supplier<URI> baseUrl;

    ContentEndpoints(SiteModel model, Activity activity, JobEndpoints jobs, Supplier<URI> baseUrl) {
        this.model = model;
        this.activity = activity;
        this.jobs = jobs;
        this.baseUrl = baseUrl;
    }

    void register(RestApi api) {
        RestApi.Access member = RestApi.Access.SITE_MEMBER;
        RestApi.Access admin = RestApi.Access.SITE_ADMIN;
        ApiVersion any = RestApi.OLDEST;
        for (Content.Kind kind : Content.Kind.values()) {
            String plural = kind == Content.Kind.WORKBOOK ? "workbooks" : "datasources";
            api.route("GET", "sites/{site}/" + plural, any, member, c -> list(c, kind));
            api.route("GET", "sites/{site}/" + plural + "/{id}", any, member, c -> get(c, kind));
            api.route("PUT", "sites/{site}/" + plural + "/{id}", any, admin, c -> rename(c, kind));
            api.route("DELETE", "sites/{site}/" + plural + "/{id}", any, admin, c -> delete(c, kind));
            api.route("POST", "sites/{site}/" + plural + "/{id}/refresh", REFRESH_SINCE, admin, c -> refresh(c, kind));
        }
        api.route("GET", "sites/{site}/workbooks/{id}/views", any, member, this::workbookViews);
        api.route("GET", "sites/{site}/views", any, member, this::views);
        api.route("GET", "sites/{site}/views/{id}", any, member, this::view);
        api.route("DELETE", "sites/{site}/views/{id}", ApiVersion.V3_27, admin, this::deleteView);
    }

    /** The documented filter and sort fields the sandbox knows; others are refused rather than ignored. */
    private ListQuery<Content> contentQuery(Site site) {
        return ListQuery.<Content>strict().field("name", Content::name).field("contentUrl", Content::contentUrl)
                .field("createdAt", c -> time(c.createdAt())).field("updatedAt", c -> time(c.updatedAt()))
                .field("projectName", c -> model.project(site.id(), c.projectId()).orElseGet(() -> model.defaultProject(site.id())).name())
                .field("ownerName", c -> model.user(site.id(), c.ownerId()).map(SiteModel.User::name).orElse(null));
    }

    private Reply list(RestCall call, Content.Kind kind) {
        ListQuery.Page<Content> page = contentQuery(call.site).page(call, model.content(call.site.id(), kind));
        Element list = new Element(kind == Content.Kind.WORKBOOK ? "workbooks" : "datasources").repeated();
        page.items().forEach(c -> list.child(queried(call.site, c)));
        return Reply.of(200, page.pagination(), list);
    }

    private Reply get(RestCall call, Content.Kind kind) {
        Content c = existing(call, kind);
        Element e = queried(call.site, c);
        if (kind == Content.Kind.WORKBOOK) e.child(viewList(call.site, viewsOf(call.site, c.id())));
        return Reply.of(200, e);
    }

    private Reply rename(RestCall call, Content.Kind kind) throws IOException {
        Content c = existing(call, kind);
        Element body = call.element(kind == Content.Kind.WORKBOOK ? "workbook" : "datasource");
        String name = body.attr("name");
        if (name != null && name.isBlank()) throw Refusals.badRequest("The name cannot be empty.");
        String ownerId = body.first("owner").map(o -> o.attr("id")).orElse(null);
        if (ownerId != null) {
            SiteModel.User owner = model.user(call.site.id(), ownerId)
                    .orElseThrow(() -> Refusals.notFound("User", ownerId));
            model.setOwner(call.site.id(), c.id(), owner.id());
        }
        activity.contentUpdated(call.site, c, name == null ? null : name.trim());
        return Reply.of(200, element(call.site, model.content(call.site.id(), kind, c.id()).orElseThrow()));
    }

    private Reply delete(RestCall call, Content.Kind kind) {
        activity.contentDeleted(call.site, existing(call, kind));
        return Reply.empty(204);
    }

    /** Update Workbook Now / Update Data Source Now: 202 with the job, which Query Job then reports done. */
    private Reply refresh(RestCall call, Content.Kind kind) {
        return jobs.refresh(call, existing(call, kind), 202);
    }

    private Reply workbookViews(RestCall call) {
        Content wb = existing(call, Content.Kind.WORKBOOK);
        return Reply.of(200, viewList(call.site, viewsOf(call.site, wb.id())));
    }

    private static final ListQuery<SiteModel.View> VIEWS = ListQuery.<SiteModel.View>strict()
            .field("name", SiteModel.View::name).field("contentUrl", SiteModel.View::contentUrl)
            .field("createdAt", v -> time(v.createdAt())).field("updatedAt", v -> time(v.updatedAt()));

    private Reply views(RestCall call) {
        ListQuery.Page<SiteModel.View> page = VIEWS.page(call, model.views(call.site.id()));
        return Reply.of(200, page.pagination(), viewList(call.site, page.items()));
    }

    private Reply view(RestCall call) {
        return Reply.of(200, viewElement(existingView(call)));
    }

    private Reply deleteView(RestCall call) {
        activity.viewDeleted(call.site, existingView(call));
        return Reply.empty(204);
    }

    // ---- bodies ----

    private Content existing(RestCall call, Content.Kind kind) {
        String id = call.param("id");
        return model.content(call.site.id(), kind, id).orElseThrow(() ->
                Refusals.notFound(kind == Content.Kind.WORKBOOK ? "Workbook" : "Datasource", id));
    }

    private SiteModel.View existingView(RestCall call) {
        String id = call.param("id");
        return model.view(call.site.id(), id).orElseThrow(() -> Refusals.notFound("View", id));
    }

    private List<SiteModel.View> viewsOf(Site site, String workbookId) {
        return model.views(site.id()).stream().filter(v -> v.workbookId().equals(workbookId)).toList();
    }

    /**
     * A workbook as Query Workbooks for Site and Query Workbook answer it: the published form plus its web page,
     * whether its extracts are encrypted and its default view; a data source as published.
     */
    private Element queried(Site site, Content c) {
        Element e = element(site, c);
        if (c.kind() != Content.Kind.WORKBOOK) return e;
        List<SiteModel.View> views = viewsOf(site, c.id());
        String sitePath = site.contentUrl().isEmpty() ? "" : "site/" + site.contentUrl() + "/";
        return e.attr("webpageUrl", baseUrl.get() + "/#/" + sitePath + "workbooks/" + c.id())
                .attr("encryptExtracts", "false")
                .attr("defaultViewId", views.isEmpty() ? null : views.get(0).id());
    }

    private Element element(Site site, Content c) {
        boolean wb = c.kind() == Content.Kind.WORKBOOK;
        Element e = new Element(wb ? "workbook" : "datasource").attr("id", c.id()).attr("name", c.name())
                .attr("contentUrl", c.contentUrl());
        if (wb) e.attr("showTabs", String.valueOf(c.showTabs())).attr("size", String.valueOf(c.sizeMb()));
        else e.attr("type", "excel-direct").attr("hasExtracts", "true").attr("isCertified", "false");
        e.attr("createdAt", time(c.createdAt())).attr("updatedAt", time(c.updatedAt()));
        SiteModel.Project p = model.project(site.id(), c.projectId()).orElseGet(() -> model.defaultProject(site.id()));
        e.child(new Element("project").attr("id", p.id()).attr("name", p.name()));
        Optional<SiteModel.User> owner = model.user(site.id(), c.ownerId());
        e.child(new Element("owner").attr("id", c.ownerId()).attr("name", owner.map(SiteModel.User::name).orElse(null)));
        e.child(new Element("tags"));
        return e;
    }

    private Element viewList(Site site, List<SiteModel.View> views) {
        Element list = new Element("views").repeated();
        views.forEach(v -> list.child(viewElement(v)));
        return list;
    }

    private Element viewElement(SiteModel.View v) {
        return new io.tabhook.api.View(v.id(), v.name(), v.contentUrl(), v.workbookId(), v.ownerId(),
                time(v.createdAt()), time(v.updatedAt())).toElement();
    }

    private static String time(Instant t) {
        return t.toString();
    }
}
