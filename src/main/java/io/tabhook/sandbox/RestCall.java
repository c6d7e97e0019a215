package io.tabhook.sandbox;

import io.tabhook.BoundedBody;
import io.tabhook.BoundedServer;
import io.tabhook.api.ApiVersion;
import io.tabhook.api.Element;
import io.tabhook.api.WireCodec;
import io.tabhook.api.WireFormat;
import org.eclipse.jetty.server.Request;

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
 * parameters the route matched, and (once authenticated) the session, site and user. With {@link RestApi}, the only
 * REST class that knows the HTTP server (Jetty): the body is read before the endpoint runs, without a thread
 * ({@link BoundedServer#readBody}), except for a route that streams it ({@link #bodyStream()}).
 */
final class RestCall {
    private final Request request;
    final String method;
    /** The path after {@code /api}, as Tableau quotes it in 404003 details: {@code /3.9/sites/…/webhooks}. */
    final String resourcePath;
    final List<String> segments;
    final Map<String, String> params = new HashMap<>();
    final Map<String, String> query;
    ApiVersion version;
    Sessions.SignIn session;
    SiteModel.Site site;
    SiteModel.User user;

    private final WireFormat declaredFormat;
    private WireFormat responseFormat;
    private final boolean responseFormatChosen;
    private final long maxBodyBytes;
    private byte[] body;
    private boolean bodyTooLarge;

    RestCall(Request request, String resourcePath, List<String> segments, long maxBodyBytes) {
        this.request = request;
        this.method = request.getMethod().toUpperCase(Locale.ROOT);
        this.resourcePath = resourcePath;
        this.segments = segments;
        this.query = parseQuery(request.getHttpURI().getQuery());
        this.maxBodyBytes = maxBodyBytes;
        this.declaredFormat = WireFormat.ofMediaType(header("Content-Type")).orElse(null);
        WireFormat accepted = WireFormat.ofMediaType(header("Accept")).orElse(null);
        this.responseFormat = accepted != null ? accepted : declaredFormat != null ? declaredFormat : WireFormat.XML;
        this.responseFormatChosen = accepted != null || declaredFormat != null;
    }

    WireFormat responseFormat() { return responseFormat; }

    String param(String name) { return params.get(name); }

    /**
     * The request body, read at most to the size limit before the endpoint ran. Over the limit (declared or sent) it
     * is 413000, raised only when an endpoint asks for the body, so Tableau's order of checks holds.
     */
    byte[] body() {
        if (bodyTooLarge) throw Refusals.tooLarge(maxBodyBytes);
        return body == null ? new byte[0] : body;
    }

    /** What {@link BoundedServer#readBody} read: the body, or that it was over the limit. */
    void bodyRead(byte[] bytes, boolean tooLarge) {
        this.body = bytes;
        this.bodyTooLarge = tooLarge;
    }

    /** A request header, or null. */
    String header(String name) {
        return request.getHeaders().get(name);
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
     * The body as it arrives, for the routes that must not hold it whole (publishing, {@link RestApi#streamingRoute}):
     * the general body limit does not apply, so the caller bounds what it reads; a sender that stalls or trickles is
     * cut off as {@link BoundedServer#bodyStream} says.
     */
    InputStream bodyStream() {
        return BoundedServer.bodyStream(request);
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
        return WireCodec.readRequest(format, b);
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
