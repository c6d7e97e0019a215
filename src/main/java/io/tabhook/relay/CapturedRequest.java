package io.tabhook.relay;

import com.fasterxml.jackson.databind.JsonNode;
import io.tabhook.inbox.Arrival;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request webhook.site captured, as an arrival: its {@code method}, {@code headers} (lower-case names, each a list
 * of values), {@code content} (the raw body, so the bytes are the sender's when they are text) and the address
 * below the token, read from its {@code url} ({@code https://webhook.site/TOKEN/hooks?x=1} is {@code /hooks?x=1}).
 */
final class CapturedRequest {
    private CapturedRequest() {}

    /** Only what came over HTTP as a POST is a delivery (webhook.site also captures e-mails, DNS look-ups, visits). */
    static boolean isDelivery(JsonNode r) {
        String type = r.path("type").asText("web");
        return type.equals("web") && r.path("method").asText("").equalsIgnoreCase("POST");
    }

    static Arrival arrival(JsonNode r, String token, Instant receivedAt) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        r.path("headers").fields().forEachRemaining(h -> {
            List<String> values = new ArrayList<>();
            if (h.getValue().isArray()) {
                h.getValue().forEach(v -> values.add(v.asText()));
            } else if (!h.getValue().isNull()) {
                values.add(h.getValue().asText());
            }
            headers.put(h.getKey(), values);
        });
        JsonNode content = r.path("content");
        byte[] body = content.isTextual() ? content.asText().getBytes(StandardCharsets.UTF_8) : new byte[0];
        return new Arrival(receivedAt, r.path("method").asText("POST").toUpperCase(java.util.Locale.ROOT),
                path(r, token), headers, body);
    }

    /** The address below the token, with its query; {@code /} and the parsed query when the URL cannot be read. */
    private static String path(JsonNode r, String token) {
        try {
            URI u = new URI(r.path("url").asText(""));
            String path = u.getRawPath() == null ? "" : u.getRawPath();
            int at = path.indexOf("/" + token);
            String below = at >= 0 ? path.substring(at + 1 + token.length())
                    : u.getHost() != null && u.getHost().startsWith(token) ? path : null;
            if (below != null) {
                if (!below.startsWith("/")) below = "/" + below;
                return u.getRawQuery() == null ? below : below + "?" + u.getRawQuery();
            }
        } catch (URISyntaxException e) {
            // read from the parsed query below
        }
        return SmeeMessage.pathWithQuery("/", r.path("query"));
    }
}
