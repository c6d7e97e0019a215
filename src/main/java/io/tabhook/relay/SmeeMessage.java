package io.tabhook.relay;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.tabhook.Jackson;
import io.tabhook.inbox.Arrival;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A smee message event as an arrival. smee's server sends, for each POST to the channel, one JSON object: every
 * request header under its lower-cased name, plus {@code body} (the request's JSON, parsed), {@code query} (the
 * parsed query string) and {@code timestamp}. The body kept is the {@code body} value exactly as smee wrote it: JSON
 * that smee re-serialised, equal in meaning to what the sender posted but not its bytes (which is also what the
 * smee client forwards). The address is {@code /} with the query.
 */
final class SmeeMessage {
    private SmeeMessage() {}

    /** Fields of the event that are not headers. */
    private static final String BODY = "body";
    private static final String QUERY = "query";
    private static final java.util.Set<String> NOT_HEADERS = java.util.Set.of(BODY, QUERY, "timestamp");

    /**
     * @throws IOException when the data is not a JSON object
     */
    static Arrival arrival(String data, Instant receivedAt) throws IOException {
        JsonNode message = Jackson.mapper().readTree(data);
        if (message == null || !message.isObject()) throw new IOException("a smee message is a JSON object");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        message.fields().forEachRemaining(f -> {
            String name = f.getKey();
            // content-length was the sender's body's length, not this one's
            if (!NOT_HEADERS.contains(name) && !name.equals("content-length") && !f.getValue().isNull()) {
                headers.put(name, texts(f.getValue()));
            }
        });
        return new Arrival(receivedAt, "POST", pathWithQuery("/", message.get(QUERY)), headers, body(data));
    }

    /** The {@code body} value's text exactly as smee wrote it (not written again here); none when null or absent. */
    private static byte[] body(String data) throws IOException {
        try (JsonParser p = Jackson.mapper().getFactory().createParser(data)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                boolean body = p.currentName().equals(BODY);
                JsonToken value = p.nextToken();
                int start = (int) p.currentTokenLocation().getCharOffset();
                if (value.isScalarValue()) p.getText(); // reads the whole token, so the location is past it
                p.skipChildren();
                if (body && value != JsonToken.VALUE_NULL) {
                    return data.substring(start, (int) p.currentLocation().getCharOffset()).getBytes(StandardCharsets.UTF_8);
                }
            }
        }
        return new byte[0];
    }

    private static List<String> texts(JsonNode v) {
        List<String> out = new ArrayList<>();
        if (v.isArray()) {
            v.forEach(e -> out.add(e.isValueNode() ? e.asText() : e.toString()));
        } else {
            out.add(v.isValueNode() ? v.asText() : v.toString());
        }
        return out;
    }

    /**
     * {@code path} with a parsed query ({@code {"hook":"sales"}}, a repeated key as an array) written back on:
     * {@code /?hook=sales}. Keys and values are encoded as a form would be.
     */
    static String pathWithQuery(String path, JsonNode query) {
        if (query == null || !query.isObject() || query.isEmpty()) return path;
        StringBuilder sb = new StringBuilder(path);
        char sep = '?';
        for (var fields = query.fields(); fields.hasNext(); ) {
            var f = fields.next();
            for (String v : f.getValue().isArray() ? texts(f.getValue()) : List.of(f.getValue().asText())) {
                sb.append(sep).append(encode(f.getKey())).append('=').append(encode(v));
                sep = '&';
            }
        }
        return sb.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
