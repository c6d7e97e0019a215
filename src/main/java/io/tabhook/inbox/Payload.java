package io.tabhook.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.tabhook.Jackson;
import io.tabhook.events.EventType;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The JSON object Tableau posts: its six documented fields, and {@code fields} holding the whole object (extra
 * fields included) as parsed. A field that is missing, or is not a string, number or boolean, reads as null. For a
 * delivery, {@code fields} is read from its body when asked for, so a large body is not kept twice in memory.
 */
public record Payload(String resource, String eventType, String resourceName, String siteLuid, String resourceLuid,
                      String createdAt, Map<String, Object> fields) {

    private static final Class<?> READ_ONLY = Collections.unmodifiableMap(new LinkedHashMap<>()).getClass();

    public Payload {
        // a read-only map is taken as it is (the parser hands over one nobody else holds); anything else is copied
        if (fields == null) fields = Map.of();
        else if (fields.getClass() != READ_ONLY && !(fields instanceof ReadWhenAsked))
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** Reads the six fields out of a JSON object (copied). */
    public static Payload of(Map<String, Object> object) {
        return read(Collections.unmodifiableMap(new LinkedHashMap<>(object)));
    }

    /** Reads the six fields out of a parsed object; {@code fields} parses the whole object again when asked. */
    static Payload read(Map<String, Object> object, Supplier<Map<String, Object>> whole) {
        return new Payload(text(object.get("resource")), text(object.get("event_type")),
                text(object.get("resource_name")), text(object.get("site_luid")),
                text(object.get("resource_luid")), text(object.get("created_at")), new ReadWhenAsked(whole));
    }

    /** A payload's whole object, read from the body each time it is asked for (read-only). */
    private static final class ReadWhenAsked extends AbstractMap<String, Object> {
        private final Supplier<Map<String, Object>> whole;

        ReadWhenAsked(Supplier<Map<String, Object>> whole) {
            this.whole = whole;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return Collections.unmodifiableMap(whole.get()).entrySet();
        }

        @Override
        public Object get(Object key) {
            return whole.get().get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return whole.get().containsKey(key);
        }
    }

    private static Payload read(Map<String, Object> object) {
        return new Payload(text(object.get("resource")), text(object.get("event_type")),
                text(object.get("resource_name")), text(object.get("site_luid")),
                text(object.get("resource_luid")), text(object.get("created_at")), object);
    }

    /** The catalogue event named by {@code event_type}, if it names one. */
    public Optional<EventType> event() {
        return EventType.find(eventType);
    }

    /** The whole object as indented JSON, for people. */
    public String pretty() {
        try {
            return Jackson.pretty().writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            return String.valueOf(fields); // cannot happen for maps Jackson produced itself
        }
    }

    private static String text(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean ? value.toString() : null;
    }
}
