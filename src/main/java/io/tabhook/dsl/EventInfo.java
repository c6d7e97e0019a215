package io.tabhook.dsl;

import io.tabhook.events.EventType;

/** One row of {@code events}: the catalogue as a user reads it. */
public record EventInfo(String name, String source, String resource, String since) {
    static EventInfo of(EventType e) {
        return new EventInfo(e.apiName(), e.sourceName(), e.resource() == EventType.Resource.LABEL
                ? "DATASOURCE/WORKBOOK" : e.resource().name(), e.since());
    }

    @Override
    public String toString() { return name + " " + source + " " + resource; }
}
