package io.tabhook.inbox;

import io.tabhook.events.EventType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Which deliveries a waiter wants. Every part that is set must match; {@link #any()} sets none.
 *
 * @param event        the payload's {@code event_type} names this event (in any spelling Tableau uses), or null
 * @param resource     the payload's {@code resource}, compared ignoring case ({@code WORKBOOK}), or null
 * @param resourceName the payload's {@code resource_name}, exactly, or null
 * @param condition    any further test, or null
 * @param conditionLabel how {@link #describe()} names the condition
 */
public record DeliveryFilter(EventType event, String resource, String resourceName, Predicate<Delivery> condition,
                             String conditionLabel) {

    public static DeliveryFilter any() {
        return new DeliveryFilter(null, null, null, null, null);
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
        return new DeliveryFilter(event, resource, resourceName, condition, conditionLabel);
    }

    /** Also require this {@code resource} ({@code WORKBOOK}, {@code DATASOURCE}, {@code EXTRACTS}, …). */
    public DeliveryFilter resource(String resource) {
        return new DeliveryFilter(event, resource, resourceName, condition, conditionLabel);
    }

    /** Also require this {@code resource_name}, the workbook's or data source's name. */
    public DeliveryFilter name(String resourceName) {
        return new DeliveryFilter(event, resource, resourceName, condition, conditionLabel);
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
        return new DeliveryFilter(event, resource, resourceName, both, labels);
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
        return condition == null || condition.test(d);
    }

    /** For people: {@code WorkbookCreated, resource WORKBOOK, named "Q3 Sales"}, or {@code any delivery}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (event != null) parts.add(event.apiName());
        if (resource != null) parts.add("resource " + resource.toUpperCase(Locale.ROOT));
        if (resourceName != null) parts.add("named \"" + resourceName + "\"");
        if (condition != null) parts.add(conditionLabel == null ? "a condition" : conditionLabel);
        return parts.isEmpty() ? "any delivery" : String.join(", ", parts);
    }
}
