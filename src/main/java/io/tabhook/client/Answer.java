package io.tabhook.client;

import io.tabhook.api.Element;
import io.tabhook.api.MalformedBodyException;
import io.tabhook.api.TableauError;
import io.tabhook.api.WireCodec;
import io.tabhook.api.WireFormat;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the server answered one request, and how it reads: the body of a 2xx answer as Tableau's elements, any other
 * status as a {@link TableauError}, and whatever is not Tableau's (an HTML page, plain text, an empty error) as a
 * {@link NotTableauAnswer} that says what it was.
 *
 * @param server the server's base address the call was made against, for the hint when a path under it is unknown
 */
record Answer(String method, URI uri, int status, HttpHeaders headers, byte[] body, URI server) {

    boolean ok() { return status >= 200 && status < 300; }

    String header(String name) { return headers.firstValue(name).orElse(null); }

    String contentType() { return header("Content-Type"); }

    String location() { return header("Location"); }

    /** The same request, answered as done with nothing to say ({@code 204}). */
    Answer done() {
        return new Answer(method, uri, 204, HttpHeaders.of(Map.of(), (k, v) -> true), new byte[0], server);
    }

    /** The body of a 2xx answer; any other status is thrown as its {@link #error()}. */
    List<Element> success() {
        if (!ok()) throw error();
        if (body.length > 0 && isPage()) throw notTableau();
        try {
            return read();
        } catch (MalformedBodyException e) {
            throw notTableau();
        }
    }

    /**
     * The {@code <error>} of the answer as a {@link TableauError}; without one (a proxy's page, an empty body), a
     * {@link NotTableauAnswer} that says what came back instead. An error without a code is a server's own line, not
     * Tableau's (tabhook's sandbox and inbox refuse a {@code Host} they do not answer to with {@code {"error": "…"}}):
     * that line comes whole, as what to do.
     */
    RuntimeException error() {
        try {
            if (!isPage()) {
                Optional<Element> e = first(read(), "error");
                String line = e.filter(x -> x.value("code") == null).map(Element::text).map(String::strip).orElse("");
                if (!line.isEmpty()) {
                    return new NotTableauAnswer(method, uri, status, reasonOrNull(status), contentType(), body, line);
                }
                if (e.isPresent()) return TableauError.fromElement(e.get(), status);
            }
        } catch (MalformedBodyException notTableau) {
            // said below
        }
        return notTableau();
    }

    /** True for Tableau's own error with this code ({@code 401002}: the token expired). */
    boolean isTableauError(String code) {
        return !ok() && error() instanceof TableauError e && code.equals(e.code());
    }

    /** The element {@code name} the answer must hold. */
    Element expect(String name) {
        return first(success(), name).orElseThrow(() -> missing(name));
    }

    /** An answer without the element a call needs: empty, it is not Tableau's; else Tableau's in a shape not known. */
    RuntimeException missing(String name) {
        if (new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) return notTableau();
        return new MalformedBodyException("the answer from " + uri + " (HTTP " + status + ") has no <" + name + ">");
    }

    static Optional<Element> first(List<Element> body, String name) {
        return body.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** An HTML page: what a web server, a proxy or a login form sends; never a Tableau REST answer. */
    private boolean isPage() {
        return contentType() != null && contentType().toLowerCase(Locale.ROOT).contains("html");
    }

    /**
     * A body in the format its Content-Type names; when that is missing, unknown or wrong (a JSON body sent as
     * text/plain or even as XML), in the format the body's first character suggests.
     */
    private List<Element> read() {
        if (body.length == 0) return List.of();
        WireFormat sniffed = WireCodec.sniff(body);
        WireFormat declared = WireFormat.ofMediaType(contentType()).orElse(null);
        WireFormat first = declared != null ? declared : sniffed;
        try {
            return WireCodec.read(first, body);
        } catch (MalformedBodyException e) {
            if (first == sniffed) throw e;
            return WireCodec.read(sniffed, body);
        }
    }

    private NotTableauAnswer notTableau() {
        return new NotTableauAnswer(method, uri, status, reasonOrNull(status), contentType(), body, pathHint());
    }

    /**
     * A 404 page for a call under a server address with a path ({@code https://host/tableau}): that path is where
     * the REST API is not, and the user gave it.
     */
    private String pathHint() {
        String path = server == null || server.getRawPath() == null ? "" : server.getRawPath();
        if (status != 404 || path.isEmpty() || !uri.toString().startsWith(server.toString())) return null;
        return "nothing under " + path + " answers as Tableau's REST API; give the server's address without it: "
                + Redirect.origin(server);
    }

    /** The reason phrase of a status, or null for one without a common phrase. */
    static String reasonOrNull(int status) {
        return switch (status) {
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 303 -> "See Other";
            case 307 -> "Temporary Redirect";
            case 308 -> "Permanent Redirect";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 415 -> "Unsupported Media Type";
            case 421 -> "Misdirected Request";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> null;
        };
    }
}
