package io.tabhook.api;

import io.tabhook.events.EventType;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A webhook as Tableau returns it. {@code event} is the friendly name when the server named a known event
 * (from the {@code event} attribute or the {@code webhook-source} child), else the raw name it sent.
 */
public record Webhook(String id, String name, String event, Boolean enabled, String statusChangeReason,
                      String url, String ownerId, String ownerName, String createdAt, String updatedAt)
        implements Shown {

    public Optional<EventType> eventType() { return EventType.find(event); }

    /** Whether it delivers: a server before 3.8 has no flag, and every webhook there is enabled. */
    public boolean isEnabled() { return enabled == null || enabled; }

    /**
     * Since when a disabled webhook is disabled: its {@code updatedAt}, the time of its last change, when the server
     * sends it (the sandbox does; Tableau's XSD has it, no observed answer shows it). Empty for an enabled webhook.
     */
    public Optional<Instant> disabledSince() {
        if (isEnabled() || updatedAt == null || updatedAt.isBlank()) return Optional.empty();
        try {
            return Optional.of(OffsetDateTime.parse(updatedAt.trim()).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** {@link #disabledSince()} as the webhooks table and the doctor show it: {@code 2026-12-02 06:30:00 UTC}. */
    public Optional<String> disabledSinceShown() {
        return disabledSince().map(SINCE::format);
    }

    /**
     * As people and {@code --json} see it: Tableau's JSON names ({@code isEnabled}, {@code statusChangeReason}, the
     * owner as an object), the url flat. A table shows ENABLED as yes, or no with since when and the reason.
     */
    @Override
    public Fields fields() {
        boolean on = isEnabled();
        String reason = statusChangeReason == null || statusChangeReason.isBlank() ? "" : " (" + statusChangeReason + ")";
        String since = disabledSinceShown().map(t -> "disabled since " + t).orElse(null);
        String owner = ownerName == null && ownerId == null ? null
                : (ownerName == null ? "" : ownerName) + (ownerId == null ? "" : " (" + ownerId + ")");
        return new Fields("webhook", "webhooks")
                .add("id", id)
                .add("name", name)
                .add("event", event)
                .add("isEnabled", "enabled", on).shown(since == null ? null : "false, " + since)
                .cell(on ? "yes" : since == null ? "no" + reason : "no, " + since + reason)
                .add("statusChangeReason", "reason", statusChangeReason)
                .add("url", url).url()
                .add("owner.id", ownerId).hidden()
                .add("owner.name", "owner", ownerName).shown(owner)
                .add("createdAt", createdAt)
                .add("updatedAt", updatedAt)
                .columns("name", "event", "enabled", "url", "id");
    }

    @Override
    public String toString() { return fields().toString(); }

    /**
     * The {@code <webhook>} element as a server at {@code version} answers it: before 3.8 without
     * {@code isEnabled}/{@code statusChangeReason}, before 3.9 without {@code event}, {@code createdAt} and
     * {@code updatedAt}; always with
     * {@code webhook-source}, whose child names the event (observed at 3.6 and 3.12).
     */
    public Element toElement(ApiVersion version) {
        Element w = new Element("webhook").attr("id", id).attr("name", name);
        if (version.atLeast(ApiVersion.V3_8)) {
            w.attr("isEnabled", isEnabled()).attr("statusChangeReason", statusChangeReason == null ? "" : statusChangeReason);
        }
        Optional<EventType> type = eventType();
        if (version.atLeast(ApiVersion.V3_9)) {
            w.attr("event", type.map(EventType::apiName).orElse(event));
            // In the XSD generation that has `event` (UNCERTAIN from which version; the observed 3.6 answer lacks them).
            w.attr("createdAt", createdAt).attr("updatedAt", updatedAt);
        }
        if (event != null) {
            w.child(new Element("webhook-source").child(new Element(type.map(EventType::sourceName).orElse(event))));
        }
        w.child(destination(url));
        if (ownerId != null || ownerName != null) {
            w.child(new Element("owner").attr("id", ownerId).attr("name", ownerName));
        }
        return w;
    }

    static Element destination(String url) {
        return new Element("webhook-destination")
                .child(new Element("webhook-destination-http").attr("method", "POST").attr("url", url));
    }

    /** Reads a {@code <webhook>} tolerantly: {@code event} or {@code webhook-source}, {@code isEnabled} or {@code enabled}. */
    public static Webhook fromElement(Element w) {
        String event = w.attr("event");
        String source = sourceEvent(w);
        if (event == null || event.isEmpty()) event = source;
        event = EventType.find(event).map(EventType::apiName).orElse(event);
        String enabled = w.attr("isEnabled") != null ? w.attr("isEnabled") : w.attr("enabled");
        String url = w.first("webhook-destination").flatMap(d -> d.first("webhook-destination-http"))
                .map(h -> h.attr("url")).orElse(null);
        Element owner = w.first("owner").orElse(new Element("owner"));
        return new Webhook(w.attr("id"), w.attr("name"), event,
                enabled == null ? null : Boolean.valueOf(enabled.trim()), w.attr("statusChangeReason"),
                url, owner.attr("id"), owner.attr("name"), w.attr("createdAt"), w.attr("updatedAt"));
    }

    /** The tag of the single child of {@code <webhook-source>}, or null. */
    public static String sourceEvent(Element w) {
        return w.first("webhook-source").flatMap(s -> s.children().stream().findFirst()).map(Element::name).orElse(null);
    }

    /** {@code <webhooks>} as a list answer; in JSON always an array under {@code webhook}. */
    public static Element listElement(List<Webhook> hooks, ApiVersion version) {
        Element list = new Element("webhooks").repeated();
        for (Webhook h : hooks) list.child(h.toElement(version));
        return list;
    }

    public static List<Webhook> fromListElement(Element list) {
        List<Webhook> out = new ArrayList<>();
        for (Element w : list.all("webhook")) out.add(fromElement(w));
        return out;
    }
}
