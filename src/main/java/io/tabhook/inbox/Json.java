package io.tabhook.inbox;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;

import java.io.IOException;
import java.util.LinkedHashMap;

/** The one Jackson mapper of the inbox, and how a delivery body is read as JSON. */
final class Json {
    private Json() {}

    /**
     * Trailing tokens fail, so {@code {"a":1} junk} is not taken for JSON. It reads journal lines as well as bodies,
     * so it has the journal's limits: whatever a body holds, its line reads back.
     */
    static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(JournalLine.READ_LIMITS).build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();
    /** Made once, so the target type is not resolved again for every delivery. */
    private static final ObjectReader OBJECT = MAPPER.readerFor(new TypeReference<LinkedHashMap<String, Object>>() {});

    /** A body as JSON: whether it is JSON at all, and the payload when it is a JSON object. */
    record Body(boolean json, Payload payload) {
        static final Body NOT_JSON = new Body(false, null);
    }

    static Body parse(byte[] bytes) {
        int i = 0;
        while (i < bytes.length && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r' || bytes[i] == '\n')) i++;
        if (i == bytes.length) return Body.NOT_JSON;
        try {
            if (bytes[i] == '{') {
                return new Body(true, Payload.parsed(OBJECT.readValue(bytes)));
            }
            MAPPER.readTree(bytes); // anything but an object is only validated
            return new Body(true, null);
        } catch (IOException | RuntimeException e) {
            return Body.NOT_JSON;
        }
    }
}
