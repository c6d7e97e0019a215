package io.tabhook.api;

import io.tabhook.events.EventType;

/**
 * The {@code <webhook>} of a create or update request. Null fields are left out, so an update changes only what it
 * names.
 */
public record WebhookSpec(String name, EventType event, String url, Boolean enabled, String statusChangeReason) {

    public static WebhookSpec create(String name, EventType event, String url) {
        return new WebhookSpec(name, event, url, null, null);
    }

    /**
     * The request element for a server at {@code version}: the {@code event} attribute from 3.9, the legacy
     * {@code webhook-source} element before (the only carrier 3.6–3.8 understand).
     */
    public Element toElement(ApiVersion version) {
        Element w = new Element("webhook").attr("name", name);
        if (event != null && version.atLeast(ApiVersion.V3_9)) w.attr("event", event.apiName());
        if (enabled != null) w.attr("isEnabled", enabled);
        if (statusChangeReason != null) w.attr("statusChangeReason", statusChangeReason);
        if (event != null && version.before(ApiVersion.V3_9)) {
            w.child(new Element("webhook-source").child(new Element(event.sourceName())));
        }
        if (url != null) w.child(Webhook.destination(url));
        return w;
    }
}
