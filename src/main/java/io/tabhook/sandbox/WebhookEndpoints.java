package io.tabhook.sandbox;

import io.tabhook.OneLine;
import io.tabhook.api.ApiVersion;
import io.tabhook.api.Element;
import io.tabhook.api.TableauError;
import io.tabhook.api.Webhook;
import io.tabhook.api.WebhookTestResult;
import io.tabhook.events.EventType;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code /sites/{site}/webhooks[/{id}[/test]]}: create, list, get, update (3.8+), test and delete, for site
 * administrators. Requests are read from the raw {@code <webhook>} element, so the event can come as the
 * {@code event} attribute (3.9+), the legacy {@code webhook-source} child, or both when they agree.
 */
final class WebhookEndpoints {
    private final SiteModel model;
    private final DeliveryEngine engine;

    WebhookEndpoints(SiteModel model, DeliveryEngine engine) {
        this.model = model;
        this.engine = engine;
    }

    void register(RestApi api) {
        RestApi.Access admin = RestApi.Access.SITE_ADMIN;
        api.route("GET", "sites/{site}/webhooks", ApiVersion.V3_6, admin, this::list);
        api.route("POST", "sites/{site}/webhooks", ApiVersion.V3_6, admin, this::create);
        api.route("GET", "sites/{site}/webhooks/{id}", ApiVersion.V3_6, admin, this::get);
        api.route("PUT", "sites/{site}/webhooks/{id}", ApiVersion.V3_8, admin, this::update);
        api.route("DELETE", "sites/{site}/webhooks/{id}", ApiVersion.V3_6, admin, this::delete);
        api.route("GET", "sites/{site}/webhooks/{id}/test", ApiVersion.V3_6, admin, this::test);
    }

    /** Filtered and sorted by name where asked; not paged, as Tableau documents no paging here (UNCERTAIN). */
    private static final ListQuery<Webhook> LIST = ListQuery.<Webhook>lenient().field("name", Webhook::name);

    private Reply list(RestCall call) {
        return Reply.of(200, Webhook.listElement(LIST.select(call, model.webhooks(call.site.id())), call.version));
    }

    private Reply get(RestCall call) {
        return Reply.of(200, existing(call).toElement(call.version));
    }

    private Reply create(RestCall call) throws IOException {
        Element w = call.element("webhook");
        String name = w.attr("name");
        if (name == null || name.isBlank()) throw Refusals.badRequest("A webhook needs a name (the name attribute).");
        EventType event = event(w, call.version)
                .orElseThrow(() -> Refusals.badRequest("A webhook needs an event: the event attribute (API 3.9+, "
                        + "e.g. event=\"WorkbookCreated\") or a <webhook-source> element."));
        String url = url(w).orElseThrow(() -> Refusals.badRequest("A webhook needs a destination: "
                + "<webhook-destination><webhook-destination-http method=\"POST\" url=\"https://…\"/>."));
        Boolean enabled = w.flag("isEnabled");
        String reason = "";
        if (Boolean.FALSE.equals(enabled)) {
            String given = w.attr("statusChangeReason");
            reason = given == null || given.isBlank() ? WebhookChange.DISABLED_BY_USER : given;
        }
        Webhook hook = model.addWebhook(call.site.id(), new Webhook(SiteModel.luid(), name, event.apiName(),
                enabled == null || enabled, reason, url, call.user.id(), call.user.name(), null, null));
        return Reply.of(201, hook.toElement(call.version)).header("Location", location(call, hook));
    }

    private Reply update(RestCall call) throws IOException {
        Webhook old = existing(call);
        Element w = call.element("webhook");
        String name = w.attr("name");
        if (name != null && name.isBlank()) throw Refusals.badRequest("A webhook's name cannot be empty.");
        Optional<EventType> event = event(w, call.version);
        boolean hasDestination = w.first("webhook-destination").isPresent();
        Optional<String> url = url(w);
        if (hasDestination && url.isEmpty()) {
            throw Refusals.badRequest("webhook-destination needs <webhook-destination-http method=\"POST\" url=\"…\"/>.");
        }
        WebhookChange change = new WebhookChange(name, event.orElse(null), url.orElse(null), w.flag("isEnabled"),
                w.attr("statusChangeReason"));
        Webhook changed = model.changeWebhook(call.site.id(), old.id(), change)
                .orElseThrow(() -> Refusals.notFound("Webhook", old.id()));
        return Reply.of(201, changed.toElement(call.version)).header("Location", location(call, changed));
    }

    private Reply delete(RestCall call) {
        Webhook hook = existing(call);
        if (!model.removeWebhook(call.site.id(), hook.id())) throw Refusals.notFound("Webhook", hook.id());
        return Reply.empty(204);
    }

    /**
     * What Tableau reports when the destination gives no HTTP answer: status 408 and "unable to connect to the url"
     * (tableau/webhooks-docs#17, tableau/rest-api-samples#61 and #62); why is in the delivery log.
     */
    static final int UNREACHABLE_STATUS = 408;

    private Reply test(RestCall call) throws IOException {
        Webhook hook = existing(call);
        WebhookTestResult result;
        try {
            result = engine.test(call.site.id(), hook).get(engine.longestAttempt().toMillis() + 5_000,
                    TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            result = new WebhookTestResult(hook.id(), 0, "");
        }
        if (result.status() == 0) {
            result = new WebhookTestResult(hook.id(), UNREACHABLE_STATUS,
                    "unable to connect to the url \"" + hook.url() + "\"");
        }
        return Reply.of(200, result.toElement());
    }

    private static String location(RestCall call, Webhook hook) {
        return "/api/" + call.version + "/sites/" + call.site.id() + "/webhooks/" + hook.id();
    }

    // ---- reading the request's <webhook> ----

    private Webhook existing(RestCall call) {
        String id = call.param("id");
        return model.webhook(call.site.id(), id).orElseThrow(() -> Refusals.notFound("Webhook", id));
    }

    /**
     * The event a request names: the {@code event} attribute (friendly name, API 3.9+), the child of
     * {@code <webhook-source>} (either prefix, or the documented LabelDeleted typo), or both if they agree.
     */
    static Optional<EventType> event(Element w, ApiVersion version) {
        String attr = w.attr("event");
        EventType fromAttr = null;
        if (attr != null && !attr.isBlank()) {
            if (version.before(ApiVersion.V3_9)) {
                throw Refusals.badRequest("The event attribute needs API 3.9 or later; at " + version
                        + " name the event with <webhook-source><webhook-source-event-…/></webhook-source>, "
                        + "or call /api/3.9 or later.");
            }
            Optional<EventType> found = EventType.find(attr);
            if (found.isEmpty()) throw unknownEvent(attr);
            if (!found.get().apiName().equalsIgnoreCase(attr.trim())) {
                throw Refusals.badRequest("The event attribute takes the event's name, such as "
                        + found.get().apiName() + ", not '" + OneLine.capped(attr, 60) + "'.");
            }
            fromAttr = found.get();
        }
        EventType fromSource = null;
        Optional<Element> source = w.first("webhook-source");
        if (source.isPresent()) {
            List<Element> named = source.get().children();
            if (named.size() > 1) {
                throw Refusals.badRequest("<webhook-source> must hold one event element, not " + named.size() + " ("
                        + OneLine.capped(String.join(", ", named.stream().map(Element::name).toList()), 200)
                        + "); a webhook listens for one event, so make one webhook per event.");
            }
            String tag = Webhook.sourceEvent(w);
            if (tag == null) {
                if (fromAttr == null) {
                    throw Refusals.badRequest("<webhook-source> must hold one event element, such as "
                            + "<webhook-source-event-workbook-created/>.");
                }
            } else {
                Optional<EventType> found = tag.startsWith("webhook-") ? EventType.find(tag) : Optional.empty();
                fromSource = found.orElseThrow(() -> unknownEvent(tag));
            }
        }
        if (fromAttr != null && fromSource != null && fromAttr != fromSource) {
            throw Refusals.badRequest("The event attribute (" + fromAttr.apiName() + ") and <webhook-source> ("
                    + fromSource.sourceName() + ") name different events; give one, or the same event in both.");
        }
        Optional<EventType> event = Optional.ofNullable(fromAttr != null ? fromAttr : fromSource);
        event.ifPresent(e -> requireAvailable(e, version));
        return event;
    }

    /**
     * Refuses an event older than its sourced first version. An event whose first version no source gives is taken
     * at every version that has webhooks: the sandbox refuses nothing on a guess.
     */
    static void requireAvailable(EventType event, ApiVersion version) {
        Optional<ApiVersion> first = event.firstVersion().map(ApiVersion::parse);
        if (first.isPresent() && version.before(first.get())) {
            throw Refusals.badRequest("The event " + event.apiName() + " needs API " + first.get()
                    + " or later; this call used " + version + ".");
        }
    }

    private static TableauError unknownEvent(String name) {
        return Refusals.badRequest("Unknown webhook event '" + OneLine.capped(name, 60) + "'. Closest events: "
                + String.join(", ", EventType.closest(name, 3)) + ".");
    }

    private static Optional<String> url(Element w) {
        Optional<Element> http = w.first("webhook-destination").flatMap(d -> d.first("webhook-destination-http"));
        if (http.isEmpty()) return Optional.empty();
        String method = http.get().attr("method");
        if (method != null && !method.equalsIgnoreCase("POST")) {
            throw Refusals.badRequest("webhook-destination-http method must be POST, not '" + method + "'.");
        }
        String url = http.get().attr("url");
        if (url == null || url.isBlank()) return Optional.empty();
        Optional<String> problem = Destinations.problem(url);
        if (problem.isPresent()) throw Refusals.badRequest(problem.get());
        return Optional.of(url.trim());
    }
}
