package io.tabhook.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabhook.BoundedServer;
import io.tabhook.Jackson;
import io.tabhook.OneLine;
import io.tabhook.WebPage;
import io.tabhook.api.ApiVersion;
import io.tabhook.events.EventType;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code /sandbox}: the sandbox's own control endpoints, not Tableau's. {@code GET /sandbox} describes the sandbox,
 * {@code POST /sandbox/sites/{contentUrl}/activity} makes an event happen, {@code GET /sandbox/deliveries} is the
 * delivery timeline (filtered by webhook, event and site), {@code GET /sandbox/webhooks} every site's webhooks. JSON in
 * and out; an error is {@code {"error":"one line"}}. The body is read in full before anything runs, without a thread
 * while it arrives. A browser asking {@code GET /sandbox} for HTML gets the sandbox's page, which reads those three.
 */
final class ControlApi extends Handler.Abstract {
    private final SiteModel model;
    private final Activity activity;
    private final DeliveryLog log;
    private final SandboxOptions options;
    private final Supplier<URI> baseUrl;

    ControlApi(SiteModel model, Activity activity, DeliveryLog log, SandboxOptions options, Supplier<URI> baseUrl) {
        this.model = model;
        this.activity = activity;
        this.log = log;
        this.options = options;
        this.baseUrl = baseUrl;
    }

    /** A refusal of the control endpoint: status and one line. */
    private static final class Refused extends RuntimeException {
        final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        BoundedServer.readBody(request, options.maxBodyBytes(), (raw, failure) -> answer(request, response, callback,
                raw, failure));
        return true;
    }

    /** The page's files, under {@code /sandbox/}. */
    private static final Set<String> PAGE_FILES = Set.of("page.css", "page.js", "sandbox.js");

    private void answer(Request request, Response response, Callback callback, byte[] raw, Throwable failure) {
        if (failure == null && request.getMethod().equals("GET") && page(request, response, callback)) return;
        int status;
        JsonNode body;
        String allow = null;
        try {
            if (failure != null) refuseBody(failure);
            String path = request.getHttpURI().getPath();
            String method = request.getMethod().toUpperCase(Locale.ROOT);
            String[] parts = path.split("/", -1); // "", "sandbox", ...
            if (path.equals("/sandbox") || path.equals("/sandbox/")) {
                allow = "GET";
                requireMethod(method, "GET");
                status = 200;
                body = info();
            } else if (path.equals("/sandbox/webhooks")) {
                allow = "GET";
                requireMethod(method, "GET");
                status = 200;
                body = webhooks();
            } else if (path.equals("/sandbox/deliveries")) {
                allow = "GET";
                requireMethod(method, "GET");
                status = 200;
                body = deliveries(request.getHttpURI().getQuery());
            } else if (parts.length == 5 && parts[2].equals("sites") && parts[4].equals("activity")) {
                allow = "POST";
                requireMethod(method, "POST");
                status = 202;
                body = activity(URLDecoder.decode(parts[3].replace("+", "%2B"), StandardCharsets.UTF_8),
                        raw);
            } else {
                throw new Refused(404, "no such sandbox endpoint " + OneLine.capped(path, 200)
                        + "; try GET /sandbox or POST /sandbox/sites/{contentUrl}/activity");
            }
        } catch (Refused e) {
            status = e.status;
            body = error(e.getMessage());
        } catch (ActivityException e) {
            status = e.status();
            body = error(e.getMessage());
        } catch (IllegalArgumentException e) {
            status = 400;
            body = error(OneLine.of(e.getMessage()));
        } catch (RuntimeException e) {
            status = 500;
            body = error("the sandbox failed: " + e.getClass().getSimpleName());
        }
        if (status == 405 && allow != null) response.getHeaders().put("Allow", allow);
        byte[] bytes;
        try {
            bytes = Jackson.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            callback.failed(e);
            return;
        }
        BoundedServer.answer(response, callback, status, "application/json;charset=UTF-8", bytes,
                failure != null);
    }

    /** The sandbox's page, for a browser at {@code /sandbox}, and its files; false for anything else. */
    private static boolean page(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getPath();
        if ((path.equals("/sandbox") || path.equals("/sandbox/"))
                && WebPage.wantsPage(request.getHeaders().get(HttpHeader.ACCEPT))) {
            WebPage.serve(response, callback, "sandbox.html");
            return true;
        }
        if (path.startsWith("/sandbox/") && PAGE_FILES.contains(path.substring("/sandbox/".length()))) {
            WebPage.serve(response, callback, path.substring("/sandbox/".length()));
            return true;
        }
        return false;
    }

    /** {@code GET /sandbox/webhooks}: every site's webhooks, each as {@code webhooks --json} shows it, with its site. */
    private JsonNode webhooks() {
        ArrayNode list = Jackson.mapper().createArrayNode();
        for (SiteModel.Site site : model.sites()) {
            for (io.tabhook.api.Webhook w : model.webhooks(site.id())) {
                ObjectNode n = list.addObject();
                n.put("site", site.contentUrl());
                n.put("siteName", site.name());
                n.setAll((ObjectNode) Jackson.mapper().valueToTree(w.fields().json()));
            }
        }
        return list;
    }

    private static void requireMethod(String method, String allowed) {
        if (!method.equals(allowed)) throw new Refused(405, method + " is not allowed here; use " + allowed);
    }

    private JsonNode activity(String site, byte[] raw) {
        JsonNode req;
        try {
            req = raw.length == 0 ? Jackson.mapper().createObjectNode() : Jackson.mapper().readTree(raw);
        } catch (JsonProcessingException e) {
            throw new Refused(400, "the body must be JSON like {\"event\":\"WorkbookCreated\",\"name\":\"Sales\"}: "
                    + Jackson.problem(e));
        } catch (IOException e) {
            throw new Refused(400, "unreadable body");
        }
        if (req == null || !req.isObject()) throw new Refused(400, "the body must be a JSON object");
        String event = text(req, "event");
        if (event == null || event.isBlank()) {
            throw new Refused(400, "say which event, e.g. {\"event\":\"WorkbookCreated\"}; GET /sandbox lists all 22");
        }
        EventType type = EventType.find(event).orElseThrow(() -> new Refused(400, "unknown event '" + OneLine.capped(event, 60)
                + "'; did you mean " + String.join(", ", EventType.closest(event, 3)) + "? GET /sandbox lists all 22"));
        ActivityResult r = activity.fire(site, type, text(req, "name"), text(req, "outcome"));
        ObjectNode out = Jackson.mapper().createObjectNode();
        out.put("resource_luid", r.resourceLuid());
        out.put("resource_name", r.resourceName());
        out.put("event", r.event().apiName());
        return out;
    }

    private static String text(JsonNode req, String key) {
        JsonNode v = req.get(key);
        if (v == null || v.isNull()) return null;
        if (!v.isValueNode()) throw new Refused(400, "'" + key + "' must be a string");
        return v.asText();
    }

    private JsonNode info() {
        ObjectNode o = Jackson.mapper().createObjectNode();
        o.put("sandbox", "tabhook sandbox: a local emulator of the Tableau REST API for webhooks");
        o.put("baseUrl", baseUrl.get().toString());
        o.put("restApiVersion", ApiVersion.LATEST.toString());
        o.put("productVersion", Demo.PRODUCT_VERSION);
        ArrayNode sites = o.putArray("sites");
        for (SiteModel.Site s : model.sites()) {
            ObjectNode n = sites.addObject();
            n.put("name", s.name());
            n.put("contentUrl", s.contentUrl());
            n.put("id", s.id());
        }
        ObjectNode demo = o.putObject("demo");
        demo.put("admin", Demo.ADMIN_USER + "/" + Demo.ADMIN_PASSWORD);
        demo.put("siteAdmin", Demo.SITE_ADMIN_USER + "/" + Demo.SITE_ADMIN_PASSWORD);
        demo.put("viewer", Demo.VIEWER_USER + "/" + Demo.VIEWER_PASSWORD);
        demo.put("personalAccessToken", Demo.PAT_NAME + "/" + Demo.PAT_SECRET);
        ArrayNode events = o.putArray("events");
        EventType.apiNames().forEach(events::add);
        o.put("activity", "POST /sandbox/sites/{contentUrl}/activity {\"event\":\"WorkbookCreated\",\"name\":\"Sales\"}"
                + " (contentUrl 'default' is the Default site; outcome succeeded|failed for refreshes)");
        o.put("retryBackoffMillis", options.retryBackoff().toMillis());
        o.put("pendingDeliveries", log.pending());
        return o;
    }

    /** What {@code GET /sandbox/deliveries} takes. */
    private static final List<String> DELIVERIES_PARAMETERS = List.of("webhook", "event", "site", "limit");
    private static final int MAX_PARAMETER_LENGTH = 200;

    /**
     * {@code GET /sandbox/deliveries[?webhook=ID_OR_NAME&event=EVENT&site=CONTENT_URL&limit=N]}: the delivery
     * timeline, oldest first (the latest {@code limit} lines), each line as {@code sandbox.deliveries} shows it in
     * JSON.
     */
    private JsonNode deliveries(String rawQuery) {
        Map<String, String> query = RestCall.parseQuery(rawQuery);
        for (Map.Entry<String, String> p : query.entrySet()) {
            // neither echoed nor compared at length: names, ids and events are short
            if (!DELIVERIES_PARAMETERS.contains(p.getKey())) {
                throw new Refused(400, "GET /sandbox/deliveries takes only "
                        + String.join(", ", DELIVERIES_PARAMETERS));
            }
            if (p.getValue().length() > MAX_PARAMETER_LENGTH) {
                throw new Refused(400, p.getKey() + " is longer than " + MAX_PARAMETER_LENGTH + " characters");
            }
        }
        String site = query.get("site") == null ? null : activity.site(query.get("site")).id();
        String event = query.get("event");
        EventType type = event == null ? null : EventType.find(event).orElseThrow(() -> new Refused(400,
                "unknown event '" + OneLine.of(event) + "'; did you mean "
                        + String.join(", ", EventType.closest(event, 3)) + "? GET /sandbox lists all 22"));
        List<DeliveryAttempt> lines = log.timeline(site, query.get("webhook"), type);
        if (query.get("limit") != null) {
            int limit;
            try {
                limit = Integer.parseInt(query.get("limit").trim());
            } catch (NumberFormatException e) {
                limit = 0;
            }
            if (limit < 1) throw new Refused(400, "limit must be a whole number of 1 or more");
            lines = lines.subList(Math.max(0, lines.size() - limit), lines.size());
        }
        ArrayNode list = Jackson.mapper().createArrayNode();
        for (DeliveryAttempt a : lines) list.add(Jackson.mapper().valueToTree(a.fields().json()));
        return list;
    }

    /** A body that could not be read: 413 over the limit, 408 too slow, 400 malformed (the client may be gone). */
    private void refuseBody(Throwable failure) {
        int status = BoundedServer.statusOf(failure);
        if (status == 413) throw new Refused(413, "body over " + options.maxBodyBytes() + " bytes");
        throw new Refused(status == 0 ? 400 : status, BoundedServer.reasonOf(failure));
    }

    private static JsonNode error(String message) {
        return Jackson.mapper().createObjectNode().put("error", message);
    }
}
