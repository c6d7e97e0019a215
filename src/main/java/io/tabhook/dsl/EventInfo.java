package io.tabhook.dsl;

import io.tabhook.api.Fields;
import io.tabhook.api.Shown;
import io.tabhook.events.EventType;

/** One row of {@code events}: the catalogue as a user reads it. */
public record EventInfo(String name, String source, String resource, String since) implements Shown {
    static EventInfo of(EventType e) {
        return new EventInfo(e.apiName(), e.sourceName(), e.resource() == EventType.Resource.LABEL
                ? "DATASOURCE/WORKBOOK" : e.resource().name(), e.since());
    }

    @Override
    public Fields fields() {
        return new Fields("event", "events")
                .add("name", "event", name)
                .add("source", "source element", source)
                .add("resource", resource)
                .add("since", since)
                .columns("event", "source element", "resource", "since");
    }

    @Override
    public String toString() { return fields().toString(); }
}
