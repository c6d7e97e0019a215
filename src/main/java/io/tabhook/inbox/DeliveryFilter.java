package io.tabhook.inbox;

import io.tabhook.events.EventType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Which deliveries a waiter (or a look through the journal) wants. Every part that is set must match; {@link #any()}
 * sets none.
 *
 * @param event        the payload's {@code event_type} names this event (in any spelling Tableau uses), or null
 * @param resource     the payload's {@code resource}, compared ignoring case ({@code WORKBOOK}), or null
 * @param resourceName the payload's {@code resource_name}, exactly, or null
 * @param hook         the webhook it was sent for: the {@code hook} parameter of its address ({@link Inbox#urlFor}),
 *                     exactly, or null
 * @param path         its address (path and query) starts with this, or null
 * @param since        received at or after this, or null
 * @param until        received before this, or null
 * @param text         its body or address holds this text, ignoring case, or null
 * @param condition    any further test, or null
 * @param conditionLabel how {@link #describe()} names the condition
 */
public record DeliveryFilter(EventType event, String resource, String resourceName, String hook, String path,
                             Instant since, Instant until, String text, Predicate<Delivery> condition,
                             String conditionLabel) {

    public static DeliveryFilter any() {
        return new DeliveryFilter(null, null, null, null, null, null, null, null, null, null);
    }

    /** Deliveries of one event, named in any spelling: {@code WorkbookCreated}, {@code workbook-created}, … */
    public static DeliveryFilter event(String anySpelling) {
        return any().withEvent(anySpelling);
    }

    /** Deliveries of one event; an unknown name fails with the closest real ones. */
    public DeliveryFilter withEvent(String anySpelling) {
        return withEvent(EventType.parse(anySpelling));
    }

    public DeliveryFilter withEvent(EventType event) {
        return new DeliveryFilter(event, resource, resourceName, hook, path, since, until, text, condition, conditionLabel);
    }

    /** Also require this {@code resource} ({@code WORKBOOK}, {@code DATASOURCE}, {@code EXTRACTS}, …). */
    public DeliveryFilter resource(String resource) {
        return new DeliveryFilter(event, resource, resourceName, hook, path, since, until, text, condition, conditionLabel);
    }

    /** Also require this {@code resource_name}, the workbook's or data source's name. */
    public DeliveryFilter name(String resourceName) {
        return new DeliveryFilter(event, resource, resourceName, hook, path, since, until, text, condition, conditionLabel);
    }

    /** Also require the webhook's own address: sent to {@code ?hook=NAME} under the inbox. */
    public DeliveryFilter hook(String hook) {
        return new DeliveryFilter(event, resource, resourceName, hook, path, since, until, text, condition, conditionLabel);
    }

    /** Also require an address (path and query) that starts with this. */
    public DeliveryFilter path(String path) {
        return new DeliveryFilter(event, resource, resourceName, hook, path, since, until, text, condition, conditionLabel);
    }

    /** Also require a time of arrival: at or after {@code since}, before {@code until} (either may be null). */
    public DeliveryFilter between(Instant since, Instant until) {
        return new DeliveryFilter(event, resource, resourceName, hook, path, since, until, text, condition, conditionLabel);
    }

    /** Also require this text in the body or the address, in any case. */
    public DeliveryFilter containing(String text) {
        return new DeliveryFilter(event, resource, resourceName, hook, path, since, until, text, condition, conditionLabel);
    }

    /** Also require a condition of your own. */
    public DeliveryFilter where(Predicate<Delivery> test) {
        return where("a condition", test);
    }

    /** Also require a condition of your own, named for messages ("no delivery matching … within 30 s"). */
    public DeliveryFilter where(String label, Predicate<Delivery> test) {
        if (test == null) throw new IllegalArgumentException("where needs a condition");
        Predicate<Delivery> both = condition == null ? test : condition.and(test);
        String labels = conditionLabel == null ? label : conditionLabel + " and " + label;
        return new DeliveryFilter(event, resource, resourceName, hook, path, since, until, text, both, labels);
    }

    /** Whether anything but the payload's fields, the address and the time is asked: the body or a condition. */
    boolean readsBody() {
        return text != null || condition != null;
    }

    public boolean matches(Delivery d) {
        if (d == null) return false;
        if (event != null || resource != null || resourceName != null) {
            Payload p = d.payload();
            if (p == null) return false;
            if (event != null && EventType.find(p.eventType()).orElse(null) != event) return false;
            if (resource != null && !resource.equalsIgnoreCase(p.resource())) return false;
            if (resourceName != null && !resourceName.equals(p.resourceName())) return false;
        }
        if (hook != null && !hook.equals(d.hook())) return false;
        if (path != null && !d.path().startsWith(path)) return false;
        if (since != null && d.receivedAt().isBefore(since)) return false;
        if (until != null && !d.receivedAt().isBefore(until)) return false;
        if (text != null) {
            String t = text.toLowerCase(Locale.ROOT);
            if (!d.path().toLowerCase(Locale.ROOT).contains(t) && !d.body().toLowerCase(Locale.ROOT).contains(t))
                return false;
        }
        return condition == null || condition.test(d);
    }

    /**
     * For people: {@code event: WorkbookCreated, hook: sales, named "Q3 Sales"}, or {@code any delivery}. The parts
     * read as the DSL's arguments, so a message names them as the user typed them.
     */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (event != null) parts.add("event: " + event.apiName());
        if (hook != null) parts.add("hook: " + hook);
        if (path != null) parts.add("path: " + path);
        if (resource != null) parts.add("resource: " + resource.toUpperCase(Locale.ROOT));
        if (resourceName != null) parts.add("named \"" + resourceName + "\"");
        if (since != null) parts.add("since " + since);
        if (until != null) parts.add("until " + until);
        if (text != null) parts.add("text \"" + text + "\"");
        if (condition != null) parts.add(conditionLabel == null ? "a condition" : conditionLabel);
        return parts.isEmpty() ? "any delivery" : String.join(", ", parts);
    }
}
