package io.tabhook.sandbox;

import io.tabhook.api.ApiVersion;
import io.tabhook.api.Element;
import io.tabhook.api.QualityWarning;
import io.tabhook.api.TableauError;
import io.tabhook.sandbox.SiteModel.Content;
import io.tabhook.sandbox.SiteModel.Label;

import java.io.IOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /sites/{site}/dataQualityWarnings/…}: Add, Query (by content or by id), Update and Delete (by id or by
 * content) Data Quality Warning, from API 3.5 (Tableau 2019.3), on data sources. They are Tableau's labels: adding one
 * fires LabelCreated, changing it LabelUpdated, deleting it LabelDeleted, each naming the data source. The REST API
 * puts no warnings on workbooks (databases, tables, flows and columns have them, which the sandbox does not model), so
 * workbook labels stay with the control endpoint.
 */
final class DataQualityWarningEndpoints {
    static final ApiVersion SINCE = new ApiVersion(3, 5);
    static final Set<String> TYPES = Set.of("WARNING", "DEPRECATED", "STALE", "SENSITIVE_DATA", "MAINTENANCE");

    private final SiteModel model;
    private final Activity activity;

    DataQualityWarningEndpoints(SiteModel model, Activity activity) {
        this.model = model;
        this.activity = activity;
    }

    void register(RestApi api) {
        RestApi.Access member = RestApi.Access.SITE_MEMBER;
        RestApi.Access admin = RestApi.Access.SITE_ADMIN;
        String byContent = "sites/{site}/dataQualityWarnings/{type}/{content}";
        String byId = "sites/{site}/dataQualityWarnings/{id}";
        api.route("POST", byContent, SINCE, admin, this::add);
        api.route("GET", byContent, SINCE, member, this::listOn);
        api.route("DELETE", byContent, SINCE, admin, this::deleteOn);
        api.route("GET", byId, SINCE, member, this::get);
        api.route("PUT", byId, SINCE, admin, this::update);
        api.route("DELETE", byId, SINCE, admin, this::delete);
    }

    /** One warning per data source: a second is refused with 409 (UNCERTAIN; Tableau's code is not documented). */
    private Reply add(RestCall call) throws IOException {
        Content ds = dataSource(call);
        Element body = call.element("dataQualityWarning");
        synchronized (model) {
            if (model.labelOn(call.site.id(), ds.id()).isPresent()) {
                throw new TableauError(409, "409000", "Conflict", "'" + ds.name() + "' already has a data "
                        + "quality warning; update it (PUT …/dataQualityWarnings/{id}) or delete it first.");
            }
            Instant now = model.now();
            Label added = new Label(SiteModel.luid(), ds.id(), type(body.attr("type"), "WARNING"),
                    body.attr("message") == null ? "" : body.attr("message"), flag(body, "isActive", true),
                    flag(body, "isSevere", false), call.user.id(), now, now);
            activity.labelPut(call.site, ds, added, true);
            return Reply.of(200, element(call, added));
        }
    }

    private Reply listOn(RestCall call) {
        Content ds = dataSource(call);
        Element list = new Element("dataQualityWarningList").repeated();
        model.labelOn(call.site.id(), ds.id()).ifPresent(l -> list.child(element(call, l)));
        return Reply.of(200, list);
    }

    private Reply get(RestCall call) {
        return Reply.of(200, element(call, existing(call)));
    }

    private Reply update(RestCall call) throws IOException {
        Element body = call.element("dataQualityWarning");
        synchronized (model) {
            Label l = existing(call);
            Label changed = new Label(l.id(), l.assetId(), type(body.attr("type"), l.type()),
                    body.attr("message") == null ? l.message() : body.attr("message"),
                    flag(body, "isActive", l.active()), flag(body, "isSevere", l.severe()), l.ownerId(),
                    l.createdAt(), model.now());
            activity.labelPut(call.site, asset(call, l), changed, false);
            return Reply.of(200, element(call, changed));
        }
    }

    private Reply delete(RestCall call) {
        synchronized (model) {
            Label l = existing(call);
            activity.labelRemoved(call.site, asset(call, l), l);
        }
        return Reply.empty(204);
    }

    /** Deletes the data source's warning, if it has one; 204 either way. */
    private Reply deleteOn(RestCall call) {
        synchronized (model) {
            Content ds = dataSource(call);
            model.labelOn(call.site.id(), ds.id()).ifPresent(l -> activity.labelRemoved(call.site, ds, l));
        }
        return Reply.empty(204);
    }

    // ---- reading the request ----

    private Content dataSource(RestCall call) {
        String type = call.param("type");
        if (!type.equalsIgnoreCase("datasource")) {
            throw Refusals.badRequest("The sandbox keeps data quality warnings on data sources only (content type "
                    + "datasource); '" + type + "' is one of Tableau's catalog types it does not model.");
        }
        String id = call.param("content");
        return model.content(call.site.id(), Content.Kind.DATASOURCE, id)
                .orElseThrow(() -> Refusals.notFound("Datasource", id));
    }

    /** A warning on a data source by its id; the control endpoint's workbook labels are not REST's to see. */
    private Label existing(RestCall call) {
        String id = call.param("id");
        return model.label(call.site.id(), id)
                .filter(l -> model.content(call.site.id(), Content.Kind.DATASOURCE, l.assetId()).isPresent())
                .orElseThrow(() -> Refusals.notFound("Data quality warning", id));
    }

    private Content asset(RestCall call, Label l) {
        return model.content(call.site.id(), Content.Kind.DATASOURCE, l.assetId()).orElseThrow();
    }

    private static String type(String given, String otherwise) {
        if (given == null || given.isBlank()) return otherwise;
        String t = given.trim().toUpperCase(Locale.ROOT).replace(' ', '_');
        if (t.equals("STALE_DATA")) t = "STALE";
        if (t.equals("UNDER_MAINTENANCE")) t = "MAINTENANCE";
        if (!TYPES.contains(t)) {
            throw Refusals.badRequest("A data quality warning's type is WARNING, DEPRECATED, STALE, SENSITIVE_DATA or "
                    + "MAINTENANCE, not '" + given + "'.");
        }
        return t;
    }

    private static boolean flag(Element body, String name, boolean otherwise) {
        Boolean v = body.flag(name);
        return v == null ? otherwise : v;
    }

    private Element element(RestCall call, Label l) {
        Optional<SiteModel.User> owner = model.user(call.site.id(), l.ownerId());
        return new QualityWarning(l.id(), owner.map(u -> u.fullName() != null ? u.fullName() : u.name()).orElse(""),
                l.assetId(), "datasource", l.message(), l.type(), l.active(), l.severe(), l.createdAt().toString(),
                l.updatedAt().toString(), call.site.id(), l.ownerId()).toElement();
    }
}
