package io.tabhook.client;

import io.tabhook.api.Secrets;

import java.net.URI;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * One HTTP exchange with the server, as the trace and {@code lastExchange()} show it. Every secret in the headers and
 * bodies is already redacted (see {@link io.tabhook.api.Secrets}); header names are looked up case-insensitively.
 *
 * @param status the HTTP status; 0 when no answer came (the response body then says what became of the request)
 * @param note   why this exchange happened when the call alone does not say: a redirect followed, a try after a
 *               failure, a new sign-in, the look-up after a failed create; "" for none
 */
public record Exchange(String method, URI uri, int status, long millis, Map<String, String> requestHeaders,
                       String requestBody, Map<String, String> responseHeaders, String responseBody, String note) {

    public Exchange {
        requestHeaders = frozen(requestHeaders);
        responseHeaders = frozen(responseHeaders);
        requestBody = requestBody == null ? "" : requestBody;
        responseBody = responseBody == null ? "" : responseBody;
        note = note == null ? "" : note;
    }

    private static Map<String, String> frozen(Map<String, String> headers) {
        Map<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) copy.putAll(headers);
        return Collections.unmodifiableMap(copy);
    }

    /**
     * This exchange with {@code hide} applied to its note, header values and bodies: for what the session masks in
     * traces beyond the secrets policy (a relay's address, shown to the user but kept out of traces).
     */
    public Exchange hiding(UnaryOperator<String> hide) {
        return new Exchange(method, uri, status, millis, hidden(requestHeaders, hide), hide.apply(requestBody),
                hidden(responseHeaders, hide), hide.apply(responseBody), hide.apply(note));
    }

    private static Map<String, String> hidden(Map<String, String> headers, UnaryOperator<String> hide) {
        Map<String, String> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> out.put(k, hide.apply(v)));
        return out;
    }

    /** The response's Content-Type, or null. */
    public String responseContentType() { return responseHeaders.get("Content-Type"); }

    /** One line: {@code POST http://…/auth/signin → 200 in 12 ms}. */
    public String summary() {
        return method + " " + Secrets.redactUrl(uri.toString()) + " → " + status + " in " + millis + " ms";
    }

    /**
     * The whole exchange as the trace prints it: the note, the request line, headers and body, then the status, time,
     * headers and body of the answer; bodies and headers as redacted here, the URL's secret parameters masked.
     */
    public String text() {
        StringBuilder sb = new StringBuilder();
        if (!note.isEmpty()) sb.append("· ").append(note).append('\n');
        sb.append("→ ").append(method).append(' ').append(Secrets.redactUrl(uri.toString())).append('\n');
        requestHeaders.forEach((k, v) -> sb.append("  ").append(k).append(": ").append(v).append('\n'));
        if (!requestBody.isBlank()) sb.append(requestBody.strip().indent(2));
        if (status == 0) return sb.append("← no answer after ").append(millis).append(" ms: ").append(responseBody)
                .toString();
        sb.append("← ").append(status).append(" in ").append(millis).append(" ms").append('\n');
        responseHeaders.forEach((k, v) -> sb.append("  ").append(k).append(": ").append(v).append('\n'));
        if (!responseBody.isBlank()) sb.append(responseBody.strip().indent(2));
        return sb.toString().stripTrailing();
    }

    @Override
    public String toString() { return summary(); }
}
