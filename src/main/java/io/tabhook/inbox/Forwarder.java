package io.tabhook.inbox;

import io.tabhook.DaemonThreads;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;

/**
 * Passes each delivery on to another URL, like {@code stripe listen --forward-to}: same method, body and
 * headers, sent in the background so the acknowledgement to the sender never waits for it. It decides which URLs
 * it forwards to: http(s) only, and never the inbox itself.
 */
final class Forwarder implements AutoCloseable {
    /** Hop-by-hop headers, ones the HTTP client sets itself, and the redacted credentials. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "content-length", "expect", "host",
            "upgrade", "transfer-encoding", "keep-alive", "te", "trailer", "proxy-connection", "http2-settings",
            "date", "via", "warning", "from");
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);

    /** How the inbox itself may be spelled (with its own port), besides the address it listens on. */
    private static final Set<String> LOCAL_NAMES = Set.of("localhost", "127.0.0.1", "::1", "0:0:0:0:0:0:0:1", "0.0.0.0");

    private final URI target;
    private final ExecutorService executor;
    private final HttpClient client;

    /**
     * A forwarder for the inbox listening on {@code inbox}.
     *
     * @throws IllegalArgumentException when the target is not an http(s) URL, or is the inbox itself
     */
    static Forwarder to(URI target, InetSocketAddress inbox) {
        checkTarget(target);
        if (isInbox(target, inbox)) {
            throw new IllegalArgumentException("forward-to " + target
                    + " is this inbox itself; every delivery would come back forever");
        }
        return new Forwarder(target);
    }

    /** Refuses anything but an http(s) URL with a host, in one line that says what is wanted. */
    static URI checkTarget(URI target) {
        String scheme = target.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || target.getHost() == null)
            throw new IllegalArgumentException("forward-to must be an http(s) URL, not '" + target + "'");
        return target;
    }

    /** Whether forwarding to {@code target} would send each delivery back to the inbox on {@code inbox}. */
    static boolean isInbox(URI target, InetSocketAddress inbox) {
        if (!"http".equalsIgnoreCase(target.getScheme())) return false;
        int port = target.getPort() < 0 ? 80 : target.getPort();
        if (port != inbox.getPort()) return false;
        String host = target.getHost().replaceAll("^\\[|]$", "");
        return LOCAL_NAMES.contains(host.toLowerCase(Locale.ROOT)) || host.equals(inbox.getHostString())
                || host.equals(inbox.getAddress().getHostAddress());
    }

    private Forwarder(URI target) {
        this.target = target;
        this.executor = Executors.newCachedThreadPool(DaemonThreads.named("tabhook-inbox-forward"));
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
    }

    URI target() { return target; }

    /** Sends the delivery's exact body on; {@code done} gets the outcome, success or not, exactly once. */
    void forward(Delivery d, byte[] body, BiConsumer<Delivery, ForwardResult> done) {
        long started = System.nanoTime();
        HttpRequest request;
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(target)
                    .timeout(RESPONSE_TIMEOUT)
                    .method(d.method(), HttpRequest.BodyPublishers.ofByteArray(body));
            for (Map.Entry<String, List<String>> h : d.headers().entrySet()) {
                String name = h.getKey().toLowerCase(Locale.ROOT);
                if (NOT_FORWARDED.contains(name) || RequestHeaders.isSecret(name)) continue;
                for (String v : h.getValue()) {
                    try {
                        b.header(h.getKey(), v);
                    } catch (IllegalArgumentException refused) {
                        // a header the JDK client will not send; the target does without it
                    }
                }
            }
            b.header("X-Tabhook-Delivery", Long.toString(d.seq()));
            request = b.build();
        } catch (RuntimeException e) {
            done.accept(d, failed(started, e));
            return;
        }
        try {
            client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                ForwardResult r = error != null ? failed(started, error)
                        : new ForwardResult(target, response.statusCode(), millisSince(started), null);
                done.accept(d, r);
            });
        } catch (RuntimeException e) {
            done.accept(d, failed(started, e));
        }
    }

    private ForwardResult failed(long started, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        String message = cause.getMessage();
        if (message == null || message.isBlank()) message = cause.getClass().getSimpleName();
        if (cause instanceof java.net.ConnectException) message = "connection refused";
        return new ForwardResult(target, 0, millisSince(started), message.replaceAll("\\s*\\R\\s*", " "));
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
