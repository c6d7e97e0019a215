package io.tabhook.client;

import io.tabhook.Causes;
import io.tabhook.HumanDuration;
import io.tabhook.NoConnection;
import io.tabhook.OneLine;
import io.tabhook.api.Secrets;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One HTTP exchange at a time over {@code java.net.http}: sends a request as given (redirects stay the caller's, so
 * a POST keeps its body and a token never follows one unasked), waits at most the request timeout for the whole
 * answer, and offers the exchange, redacted, to the trace. A failure to get an answer is one line that says which
 * server and what to check, and whether the connection dropped after the request went out.
 */
final class Exchanges {
    static final String USER_AGENT = TableauClient.USER_AGENT;

    private final HttpClient http;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Consumer<Exchange> trace;
    private volatile Exchange last;

    Exchanges(Duration connectTimeout, Duration requestTimeout, SSLContext tls, Consumer<Exchange> trace) {
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
        this.trace = trace;
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(tls)
                .build();
    }

    /** The last exchange, redacted; null before the first. */
    Exchange last() { return last; }

    /**
     * Sends a request; {@code traceBody} is what the trace shows of the body (redacted on the way), {@code note} why
     * it is sent ("" for a first try), {@code server} the base it was made against.
     */
    Answer send(String method, URI uri, String accept, String contentType, HttpRequest.BodyPublisher body,
                String traceBody, String token, String note, URI server) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", accept);
        if (contentType != null) headers.put("Content-Type", contentType);
        headers.put("User-Agent", USER_AGENT);
        if (token != null) headers.put("X-Tableau-Auth", token);

        HttpRequest.Builder rb = HttpRequest.newBuilder(uri).timeout(requestTimeout).method(method, body);
        headers.forEach(rb::header);

        long start = System.nanoTime();
        HttpResponse<byte[]> r;
        try {
            r = exchange(rb.build());
        } catch (TableauConnectionException failed) {
            // No answer: the trace still shows what was sent and what became of it (a try after it says why).
            offer(new Exchange(method, uri, 0, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
                    redacted(headers), Secrets.redactBody(traceBody), Map.of(), failed.getMessage(), note));
            throw failed;
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        byte[] answer = r.body() == null ? new byte[0] : r.body();
        Map<String, String> responseHeaders = new LinkedHashMap<>();
        r.headers().map().forEach((k, v) -> {
            if (!k.startsWith(":")) responseHeaders.put(k, String.join(", ", v));
        });
        Exchange ex = new Exchange(method, uri, r.statusCode(), millis, redacted(headers),
                Secrets.redactBody(traceBody), redacted(responseHeaders),
                Secrets.redactBody(new String(answer, StandardCharsets.UTF_8)), note);
        last = ex;
        offer(ex);
        return new Answer(method, uri, r.statusCode(), r.headers(), answer, server);
    }

    private void offer(Exchange ex) {
        if (trace == null) return;
        try {
            trace.accept(ex);
        } catch (RuntimeException ignored) {
            // A failing trace must not fail the user's call.
        }
    }

    /** Headers as the trace shows them: secrets masked, names looked up in any case. */
    private static Map<String, String> redacted(Map<String, String> headers) {
        Map<String, String> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> out.put(k, Secrets.redactHeader(k, v)));
        return out;
    }

    /** Sends and waits at most the request timeout for the whole answer, body included. */
    private HttpResponse<byte[]> exchange(HttpRequest request) {
        CompletableFuture<HttpResponse<byte[]>> pending =
                http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            return pending.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw timedOut(request, e);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new TableauConnectionException("interrupted while waiting for " + request.method() + " "
                    + request.uri(), false, e);
        } catch (ExecutionException e) {
            throw unreachable(request, e.getCause() == null ? e : e.getCause());
        }
    }

    private TableauConnectionException timedOut(HttpRequest request, Throwable cause) {
        return new TableauConnectionException("timed out after " + HumanDuration.of(requestTimeout) + " waiting for "
                + request.method() + " " + request.uri() + " — is the server overloaded or the timeout too short?",
                true, cause);
    }

    /** One line that says which server could not be reached and what to check. */
    private TableauConnectionException unreachable(HttpRequest request, Throwable failure) {
        String where = "cannot reach " + Redirect.origin(request.uri()) + ": ";
        if (Causes.find(failure, HttpConnectTimeoutException.class) != null) {
            return new TableauConnectionException(where + "no connection within " + HumanDuration.of(connectTimeout)
                    + " — is the host right and reachable?", true, failure);
        }
        if (Causes.find(failure, HttpTimeoutException.class) != null) return timedOut(request, failure);
        String noConnection = NoConnection.why(failure, request.uri());
        if (noConnection != null) {
            return new TableauConnectionException(where + noConnection + (noConnection.startsWith("unknown host")
                    ? " — is the name spelled right?" : " — is the server running?"), false, failure);
        }
        SSLException tls = Causes.find(failure, SSLException.class);
        boolean closedUnderTls = Causes.find(failure, java.net.SocketException.class) != null
                || Causes.find(failure, java.io.EOFException.class) != null;
        if (tls != null && (Causes.find(failure, SSLHandshakeException.class) != null || !closedUnderTls)) return tlsFailure(where, tls, failure);
        IOException io = Causes.find(failure, IOException.class);
        if (io == null) return new TableauConnectionException(where + OneLine.of(failure), false, failure);
        // The request went out and the connection closed (or was reset) before the whole answer came.
        return new TableauConnectionException("the connection to " + Redirect.origin(request.uri()) + " dropped before "
                + "the whole answer to " + request.method() + " " + request.uri() + " came (" + OneLine.of(io) + ")",
                false, true, failure);
    }

    private static TableauConnectionException tlsFailure(String where, SSLException tls, Throwable failure) {
        java.security.cert.CertificateException cert = Causes.find(failure, java.security.cert.CertificateException.class);
        if (Causes.find(failure, java.security.cert.CertPathBuilderException.class) != null
                || Causes.find(failure, java.security.cert.CertPathValidatorException.class) != null) {
            return new TableauConnectionException(where + "its certificate is not trusted (self-signed, or "
                    + "your organisation's own CA?) — start tabhook with --cacert CA.pem", false, failure);
        }
        if (cert != null && cert.getMessage() != null && cert.getMessage().matches("(?s)No (subject alternative|name matching).*")) {
            return new TableauConnectionException(where + "its certificate is for another host name ("
                    + OneLine.of(cert.getMessage()) + ") — use the server's name as the certificate gives it", false, failure);
        }
        return new TableauConnectionException(where + "TLS failed (" + OneLine.of(tls.getMessage())
                + ") — does the server speak https with a trusted certificate?", false, failure);
    }
}
