package io.tabhook.sandbox;

import com.sun.net.httpserver.HttpExchange;
import io.tabhook.BoundedBody;
import io.tabhook.api.ApiVersion;
import io.tabhook.api.Element;
import io.tabhook.api.WireCodec;
import io.tabhook.api.WireFormat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One REST call as the sandbox sees it: method, version, path, the wire formats of request and answer, the path
 * parameters the route matched, and (once authenticated) the session, site and user.
 */
final class RestCall {
    final HttpExchange exchange;
    final String method;
    /** The path after {@code /api}, as Tableau quotes it in 404003 details: {@code /3.9/sites/…/webhooks}. */
    final String resourcePath;
    final List<String> segments;
    final Map<String, String> params = new HashMap<>();
    final Map<String, String> query;
    ApiVersion version;
    Sessions.Session session;
    SiteModel.Site site;
    SiteModel.User user;

    private final WireFormat declaredFormat;
    private WireFormat responseFormat;
    private final boolean responseFormatChosen;
    private final long maxBodyBytes;
    private byte[] body;

    RestCall(HttpExchange exchange, String resourcePath, List<String> segments, long maxBodyBytes) {
        this.exchange = exchange;
        this.method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        this.resourcePath = resourcePath;
        this.segments = segments;
        this.query = parseQuery(exchange.getRequestURI().getRawQuery());
        this.maxBodyBytes = maxBodyBytes;
        this.declaredFormat = WireFormat.ofMediaType(exchange.getRequestHeaders().getFirst("Content-Type")).orElse(null);
        WireFormat accepted = WireFormat.ofMediaType(exchange.getRequestHeaders().getFirst("Accept")).orElse(null);
        this.responseFormat = accepted != null ? accepted : declaredFormat != null ? declaredFormat : WireFormat.XML;
        this.responseFormatChosen = accepted != null || declaredFormat != null;
    }

    WireFormat responseFormat() { return responseFormat; }

    String param(String name) { return params.get(name); }

    /**
     * The request body, read at most to the size limit. A declared length over the limit is refused before reading
     * a byte; a chunked body is cut off at the limit.
     */
    byte[] body() throws IOException {
        if (body != null) return body;
        long declared = declaredLength();
        try {
            body = BoundedBody.read(exchange.getRequestBody(), declared, maxBodyBytes);
        } catch (BoundedBody.TooLarge e) {
            throw Refusals.tooLarge(maxBodyBytes);
        }
        return body;
    }

    /** A request header, or null. */
    String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    /** The declared Content-Length, or -1 for none (chunked); 400000 when it is not a number. */
    long declaredLength() {
        try {
            return BoundedBody.declaredLength(header("Content-Length"));
        } catch (IllegalArgumentException e) {
            throw Refusals.badRequest("Content-Length is not a number.");
        }
    }

    /**
     * The body as it arrives, for the methods that must not hold it whole (publishing): the general body limit does
     * not apply, so the caller bounds what it reads. Use either this or {@link #body()}, not both.
     */
    InputStream bodyStream() {
        return exchange.getRequestBody();
    }

    /** A body read from a stream (a multipart part) was in this format: answer in it unless Accept said otherwise. */
    void requestFormat(WireFormat format) {
        if (!responseFormatChosen) responseFormat = format;
    }

    /** The elements under {@code tsRequest} (or the JSON object), in the declared format or the sniffed one. */
    List<Element> elements() throws IOException {
        byte[] b = body();
        WireFormat format = declaredFormat != null ? declaredFormat : WireCodec.sniff(b);
        if (!responseFormatChosen && b.length > 0) responseFormat = format;
        return WireCodec.read(format, b);
    }

    /** The one element of the request a method needs, or 400000 saying what was expected. */
    Element element(String name) throws IOException {
        List<Element> els = elements();
        return els.stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow(() ->
                Refusals.badRequest("The request body must contain a <" + name + "> element"
                        + (els.isEmpty() ? "; it was empty." : "; it had " + els.get(0).name() + ".")));
    }

    /** A query string's parameters, decoded; the first of a repeated one counts. */
    static Map<String, String> parseQuery(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) return q;
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            try {
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                q.putIfAbsent(k, v);
            } catch (IllegalArgumentException ignored) {
                // a malformed escape in a query parameter is ignored, as the parameters are only hints here
            }
        }
        return q;
    }
}
