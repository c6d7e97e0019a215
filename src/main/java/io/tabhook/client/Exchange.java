package io.tabhook.client;

import java.net.URI;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP exchange with the server, as the trace and {@code lastExchange()} show it. Every secret in the headers and
 * bodies is already redacted (see {@link io.tabhook.api.Secrets}); header names are looked up case-insensitively.
 */
public record Exchange(String method, URI uri, int status, long millis, Map<String, String> requestHeaders,
                       String requestBody, Map<String, String> responseHeaders, String responseBody) {

    public Exchange {
        requestHeaders = frozen(requestHeaders);
        responseHeaders = frozen(responseHeaders);
        requestBody = requestBody == null ? "" : requestBody;
        responseBody = responseBody == null ? "" : responseBody;
    }

    private static Map<String, String> frozen(Map<String, String> headers) {
        Map<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) copy.putAll(headers);
        return Collections.unmodifiableMap(copy);
    }

    /** The response's Content-Type, or null. */
    public String responseContentType() { return responseHeaders.get("Content-Type"); }

    /** One line: {@code POST http://…/auth/signin → 200 in 12 ms}. */
    public String summary() {
        return method + " " + uri + " → " + status + " in " + millis + " ms";
    }

    @Override
    public String toString() { return summary(); }
}
