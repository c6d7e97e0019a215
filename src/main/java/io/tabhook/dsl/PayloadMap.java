package io.tabhook.dsl;

import io.tabhook.inbox.Delivery;

import java.util.LinkedHashMap;

/**
 * A received payload as the DSL returns it: a map of the payload's fields ({@code p.resource_name}), printing as
 * pretty JSON. The delivery it came in is at {@link #delivery()}.
 */
public class PayloadMap extends LinkedHashMap<String, Object> {
    private final transient Delivery delivery;

    private PayloadMap(Delivery delivery) {
        this.delivery = delivery;
    }

    static PayloadMap of(Delivery d) {
        return of(d, null);
    }

    /**
     * The payload of {@code d}, as a where closure sees it: each field it asks for that the payload lacks
     * ({@code it.resourc_name}) is added to {@code missed}, so a wait that found nothing can say so.
     */
    static PayloadMap of(Delivery d, java.util.Set<String> missed) {
        PayloadMap m = missed == null ? new PayloadMap(d) : new PayloadMap(d) {
            @Override
            public Object get(Object key) {
                Object value = super.get(key);
                if (value == null && key instanceof String k && !containsKey(k)) missed.add(k);
                return value;
            }
        };
        if (d.payload() != null && d.payload().fields() != null) m.putAll(d.payload().fields());
        return m;
    }

    public Delivery delivery() { return delivery; }

    public String pretty() {
        return Display.json(this);
    }

    @Override
    public String toString() { return pretty(); }
}
