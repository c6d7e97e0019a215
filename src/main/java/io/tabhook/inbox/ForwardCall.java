package io.tabhook.inbox;

import io.tabhook.BoundedBody;
import io.tabhook.DaemonThreads;
import io.tabhook.OneLine;
import io.tabhook.api.Secrets;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One POST of a delivery to another URL, as forwarding and replay send it: the same method and exact body bytes, the
 * sender's headers (minus hop-by-hop ones and anything {@link Secrets} calls a credential) and
 * {@code X-Tabhook-Delivery: <seq>}. The outcome is always a {@link ForwardResult}, never an exception.
 */
final class ForwardCall implements AutoCloseable {
    /** Hop-by-hop headers, and ones the HTTP client sets itself. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "content-length", "expect", "host",
            "upgrade", "transfer-encoding", "keep-alive", "te", "trailer", "proxy-connection", "http2-settings",
            "date", "via", "warning", "from");
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);
    /** How much of a failed answer is kept, to say what the target objected to. */
    static final int ANSWER_KEPT = 200;

    private final ExecutorService executor;
    private final HttpClient client;

    ForwardCall() {
        executor = Executors.newCachedThreadPool(DaemonThreads.named("tabhook-inbox-forward"));
        client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
    }

    /** Sends the delivery on; the future completes with what came of it, success or not. */
    CompletableFuture<ForwardResult> send(Delivery d, URI target) {
        long started = System.nanoTime();
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(target)
                    .timeout(RESPONSE_TIMEOUT)
                    .method(d.method(), HttpRequest.BodyPublishers.ofByteArray(d.content().raw()));
            for (Map.Entry<String, List<String>> h : d.headers().entrySet()) {
                String name = h.getKey().toLowerCase(Locale.ROOT);
                if (NOT_FORWARDED.contains(name) || Secrets.isSecretHeader(name)) continue;
                for (String v : h.getValue()) {
                    try {
                        b.header(h.getKey(), v);
                    } catch (IllegalArgumentException refused) {
                        // a header the JDK client will not send; the target does without it
                    }
                }
            }
            b.header("X-Tabhook-Delivery", Long.toString(d.seq()));
            HttpResponse.BodyHandler<byte[]> answer = info -> info.statusCode() / 100 == 2
                    ? HttpResponse.BodySubscribers.replacing(null)
                    : BoundedBody.firstBytes(ANSWER_KEPT).apply(info);
            return client.sendAsync(b.build(), answer).handle((response, error) -> error != null
                    ? failed(target, started, error)
                    : new ForwardResult(target, response.statusCode(), millisSince(started), null, 1,
                            answerText(response.body()), false));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failed(target, started, e));
        }
    }

    /** The first words of an answer, on one line; null for none. */
    private static String answerText(byte[] body) {
        if (body == null || body.length == 0) return null;
        String text = OneLine.of(new String(body, StandardCharsets.UTF_8)).replaceAll("\\s+", " ");
        return text.isEmpty() ? null : text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }

    private static ForwardResult failed(URI target, long started, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        String message = OneLine.of(cause);
        String noConnection = io.tabhook.NoConnection.why(cause, target);
        if (noConnection != null) message = noConnection;
        else if (cause instanceof HttpTimeoutException) message = "no answer within " + (cause.getMessage() != null
                && cause.getMessage().contains("connect") ? CONNECT_TIMEOUT.toSeconds() + " s (connect)"
                : RESPONSE_TIMEOUT.toSeconds() + " s");
        return new ForwardResult(target, 0, millisSince(started), message);
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
