package io.tabhook.inbox;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.tabhook.Jackson;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** How the inbox reads JSON: journal lines, and a delivery body as a Tableau payload. */
final class Json {
    private Json() {}

    /**
     * The shared mapper ({@link Jackson}: strict, the same nesting limit) with the journal's length limits: it reads
     * journal lines as well as bodies, and whatever a body holds, its line reads back.
     */
    static final ObjectMapper MAPPER = Jackson.mapper().copyWith(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxDocumentLength(JournalLine.MAX_BYTES).maxStringLength(JournalLine.MAX_BYTES)
                    .maxNameLength(JournalLine.MAX_BYTES).maxNestingDepth(Jackson.MAX_NESTING).build())
            .build());
    /** Made once, so the target type is not resolved again for every delivery. */
    private static final ObjectReader OBJECT = MAPPER.readerFor(new TypeReference<LinkedHashMap<String, Object>>() {});

    /** A body as JSON: whether it is JSON at all, and the payload when it is a JSON object. */
    record Body(boolean json, Payload payload) {
        static final Body NOT_JSON = new Body(false, null);
    }

    /**
     * Reads a body: a JSON object becomes a payload whose six fields are kept, and whose whole object is parsed
     * again from {@code source} when asked for (so a large body is not held twice, as bytes and as a map).
     */
    static Body parse(byte[] bytes, DeliveryBody source) {
        int i = 0;
        while (i < bytes.length && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r' || bytes[i] == '\n')) i++;
        if (i == bytes.length) return Body.NOT_JSON;
        try {
            if (bytes[i] == '{') {
                LinkedHashMap<String, Object> object = OBJECT.readValue(bytes);
                return new Body(true, Payload.read(object, () -> object(source)));
            }
            MAPPER.readTree(bytes); // anything but an object is only validated
            return new Body(true, null);
        } catch (IOException | RuntimeException e) {
            return Body.NOT_JSON;
        }
    }

    /** The body's JSON object, parsed again. */
    static Map<String, Object> object(DeliveryBody source) {
        try {
            return OBJECT.readValue(source.raw());
        } catch (IOException e) {
            throw new IllegalStateException("the body is no longer the JSON object it was: " + e.getMessage(), e);
        }
    }
}
