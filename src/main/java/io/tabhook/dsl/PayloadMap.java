package io.tabhook.dsl;

import io.tabhook.inbox.Delivery;

import java.util.LinkedHashMap;

/**
 * A received payload as the DSL returns it: a map of the payload's fields ({@code p.resource_name}), printing as
 * pretty JSON. The delivery it came in is at {@link #delivery()}.
 */
public final class PayloadMap extends LinkedHashMap<String, Object> {
    private final transient Delivery delivery;

    private PayloadMap(Delivery delivery) {
        this.delivery = delivery;
    }

    static PayloadMap of(Delivery d) {
        PayloadMap m = new PayloadMap(d);
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
