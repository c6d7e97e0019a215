package io.tabhook.sandbox;

import io.tabhook.BoundedBody;
import io.tabhook.DaemonThreads;
import io.tabhook.HumanDuration;
import io.tabhook.Jackson;
import io.tabhook.OneLine;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabhook.api.Webhook;
import io.tabhook.api.WebhookTestResult;
import io.tabhook.events.EventType;
import io.tabhook.sandbox.DeliveryAttempt.Kind;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Delivers events as Tableau does: a POST of the six-field JSON payload with Tableau's observed headers to every
 * enabled webhook of the site that listens for the event; a non-2xx answer or an unreachable destination is retried
 * three times (after the backoff, then twice, then four times the backoff), and after four failed attempts the
 * webhook is disabled. Nothing here blocks the caller.
 *
 * <p>Each webhook has a queue of its own: its events go out one at a time in the order they happened, an event's
 * retries before the next event, so a destination that hangs or fails delays only its own webhook. A queue holds at
 * most {@code queueLimit} waiting events; a newer event finds it full and is dropped, with a line in the log
 * (UNCERTAIN: what Tableau does is not documented). All webhooks share {@value #THREADS} threads, a timer thread and
 * the HTTP client's selector: a POST waits for its answer without holding a thread.
 */
final class DeliveryEngine implements AutoCloseable {
    static final int ATTEMPTS = 4;
    static final int MAX_ANSWER_BYTES = 64 * 1024;
    /** What the test POST carries: Tableau documents an "empty payload"; an empty JSON object keeps parsers happy. */
    static final String TEST_BODY = "{}";
    /**
     * Threads that start POSTs and take their answers, for every webhook: a few, so that a destination whose name
     * takes long to resolve (the HTTP client looks it up on one of them) holds up one, not all.
     */
    static final int THREADS = 4;

    private static final DateTimeFormatter CREATED_AT = DateTimeFormatter.ISO_INSTANT;

    private final SiteModel model;
    private final Duration backoff;
    /** Tableau Server's webhooks.http.timeout.connect (5000) and .read (3000), quoted in rest-api-samples#61. */
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final int queueLimit;
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService timers;
    private volatile HttpClient http;
    private final DeliveryLog log = new DeliveryLog();
    /** The webhooks with a delivery under way, each with the events waiting behind it; guarded by itself. */
    private final Map<String, Deque<Queued>> waiting = new HashMap<>();

    /** An event on its way to one webhook, as the webhook was when the event happened. */
    private record Queued(String siteLuid, Webhook hook, EventType event, byte[] body) {}

    DeliveryEngine(SiteModel model, SandboxOptions options) {
        this.model = model;
        this.backoff = options.retryBackoff();
        this.connectTimeout = options.deliveryConnectTimeout();
        this.readTimeout = options.deliveryReadTimeout();
        this.queueLimit = options.deliveryQueueLimit();
        this.workers = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                DaemonThreads.named("sandbox-delivery"));
        workers.allowCoreThreadTimeOut(true); // an idle sandbox keeps no delivery thread
        this.timers = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("sandbox-retry"));
    }

    /** The HTTP client, made with the first delivery: building one (TLS included) costs a few hundred ms. */
    private HttpClient http() {
        HttpClient c = http;
        if (c == null) {
            synchronized (this) {
                if (http == null) {
                    http = HttpClient.newBuilder()
                            .version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(connectTimeout)
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .proxy(HttpClient.Builder.NO_PROXY)
                            .executor(workers)
                            .build();
                }
                c = http;
            }
        }
        return c;
    }

    /** The longest one POST may take, a slowly trickling answer included: connecting, then reading. */
    Duration longestAttempt() {
        return connectTimeout.plus(readTimeout);
    }

    DeliveryLog log() {
        return log;
    }

    /** The payload Tableau POSTs, keys in the order observed on the wire. */
    static byte[] payload(EventType event, String resource, String resourceName, String siteLuid, String resourceLuid,
                          Instant at) {
        ObjectNode o = Jackson.mapper().createObjectNode();
        o.put("event_type", event.apiName());
        o.put("resource", resource);
        o.put("resource_luid", resourceLuid);
        o.put("created_at", CREATED_AT.format(at.truncatedTo(ChronoUnit.SECONDS)));
        o.put("resource_name", resourceName);
        o.put("site_luid", siteLuid);
        try {
            return Jackson.mapper().writeValueAsBytes(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Queues an event of a site behind the earlier ones of each enabled webhook that listens for it (the webhooks as
     * they are now: one created later does not get it); returns at once.
     */
    void deliver(String siteLuid, EventType event, String resource, String resourceName, String resourceLuid,
                 Instant at) {
        byte[] body = payload(event, resource, resourceName, siteLuid, resourceLuid, at);
        for (Webhook hook : model.subscribers(siteLuid, event)) {
            Queued q = new Queued(siteLuid, hook, event, body);
            boolean first;
            synchronized (waiting) {
                Deque<Queued> behind = waiting.get(hook.id());
                first = behind == null;
                if (first) {
                    waiting.put(hook.id(), new ArrayDeque<>());
                } else if (behind.size() >= queueLimit) {
                    log.record(line(q, Kind.DROPPED, 0, behind.size() + " events are already waiting for this "
                            + "webhook (the most its queue holds); the newest is not sent"));
                    continue;
                } else {
                    behind.addLast(q);
                }
                log.started();
            }
            if (first) run(() -> attempt(q, 1));
        }
    }

    /** A timeline line that is not a POST. */
    private static DeliveryAttempt line(Queued q, Kind kind, int attempt, String why) {
        return new DeliveryAttempt(Instant.now(), q.siteLuid(), q.hook().id(), q.hook().name(), q.hook().url(),
                q.event(), kind, attempt, 0, why, null, null, new String(q.body(), StandardCharsets.UTF_8));
    }

    private void run(Runnable task) {
        try {
            workers.execute(task);
        } catch (RejectedExecutionException closing) {
            // the sandbox is closing: what was under way stays pending
        }
    }

    private void attempt(Queued q, int n) {
        // A webhook disabled or deleted before this attempt gets nothing more, nor do its waiting events.
        Optional<Webhook> now = model.webhook(q.siteLuid(), q.hook().id());
        if (now.isEmpty() || !now.get().isEnabled()) {
            notSent(q, now.isEmpty() ? "the webhook was deleted" : "the webhook is disabled");
            return;
        }
        Webhook h = now.get();
        Instant at = Instant.now();
        long started = System.nanoTime();
        CompletableFuture<Outcome> sent;
        try {
            sent = post(h.url(), q.body());
        } catch (RuntimeException e) {
            sent = CompletableFuture.completedFuture(Outcome.unreachable(describe(e)));
        }
        sent.whenCompleteAsync((outcome, unexpected) -> {
            boolean retrying = false;
            try {
                Outcome o = outcome != null ? outcome : Outcome.unreachable(describe(unexpected));
                retrying = !o.ok() && n < ATTEMPTS;
                Duration retryIn = retrying ? backoff.multipliedBy(1L << (n - 1)) : null;
                DeliveryAttempt tried = new DeliveryAttempt(at, q.siteLuid(), h.id(), h.name(), h.url(), q.event(),
                        Kind.ATTEMPT, n, o.status(), o.ok() ? null : o.problem(),
                        Duration.ofNanos(System.nanoTime() - started), retryIn,
                        new String(q.body(), StandardCharsets.UTF_8));
                log.record(tried);
                if (retrying) {
                    timers.schedule(() -> run(() -> attempt(q, n + 1)), retryIn.toMillis(), TimeUnit.MILLISECONDS);
                } else if (!o.ok()) {
                    String reason = "Disabled after " + ATTEMPTS + " failed delivery attempts: " + o.problem();
                    if (model.disableAfterFailures(q.siteLuid(), h.id(), reason).isPresent()) {
                        log.record(new DeliveryAttempt(Instant.now(), q.siteLuid(), h.id(), h.name(), h.url(),
                                q.event(), Kind.DISABLED, n, 0, reason, null, null, tried.payload()));
                        log.disabled(tried);
                    }
                }
            } catch (RejectedExecutionException closing) {
                // the retry is dropped with the sandbox; the delivery stays pending
            } finally {
                if (!retrying) done(q); // whatever went wrong, the webhook's next event is not stuck behind this one
            }
        }, this::run);
    }

    /** The delivery of {@code q} is over (delivered or given up): the webhook's next event starts. */
    private void done(Queued q) {
        Queued next;
        synchronized (waiting) {
            Deque<Queued> behind = waiting.get(q.hook().id());
            next = behind == null ? null : behind.pollFirst();
            if (next == null) waiting.remove(q.hook().id());
        }
        log.finished(1);
        if (next != null) run(() -> attempt(next, 1));
    }

    /** Drops {@code q} and the events waiting behind it, with a line per event type saying how many and why. */
    private void notSent(Queued q, String why) {
        List<Queued> gone = new ArrayList<>(List.of(q));
        synchronized (waiting) {
            Deque<Queued> behind = waiting.remove(q.hook().id());
            if (behind != null) gone.addAll(behind);
        }
        Map<EventType, List<Queued>> byEvent = gone.stream()
                .collect(Collectors.groupingBy(Queued::event, LinkedHashMap::new, Collectors.toList()));
        byEvent.forEach((event, events) -> log.record(line(events.get(0), Kind.NOT_SENT, 0, events.size() + " "
                + event.apiName() + (events.size() == 1 ? " event was" : " events were") + " waiting; " + why)));
        log.finished(gone.size());
    }

    /** The test POST: once, no retries, whether or not the webhook is enabled; reports what the destination said. */
    CompletableFuture<WebhookTestResult> test(String siteLuid, Webhook hook) {
        log.started();
        Instant at = Instant.now();
        long started = System.nanoTime();
        return post(hook.url(), TEST_BODY.getBytes(StandardCharsets.UTF_8)).handle((outcome, unexpected) -> {
            Outcome o = outcome != null ? outcome : Outcome.unreachable(describe(unexpected));
            log.record(new DeliveryAttempt(at, siteLuid, hook.id(), hook.name(), hook.url(), null, Kind.TEST, 1,
                    o.status(), o.ok() ? null : o.problem(), Duration.ofNanos(System.nanoTime() - started), null,
                    TEST_BODY));
            log.finished(1);
            String body = o.status() == 0 ? "Could not reach " + hook.url() + ": " + o.problem() : o.body();
            return new WebhookTestResult(hook.id(), o.status(), body);
        });
    }

    /** What one POST came to: the destination's status and body, or status 0 and why it could not be reached. */
    private record Outcome(int status, String body, String error) {
        static Outcome unreachable(String why) {
            return new Outcome(0, "", why);
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }

        String problem() {
            return error != null ? error : "HTTP " + status;
        }
    }

    private CompletableFuture<Outcome> post(String url, byte[] body) {
        Optional<String> refused = Destinations.problem(url);
        if (refused.isPresent()) return CompletableFuture.completedFuture(Outcome.unreachable(refused.get()));
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url.trim()))
                    // Java's HTTP client has no per-read timeout; its request timeout (which also counts the
                    // connecting) stands in for Tableau's read timeout, so a slow destination fails as on Tableau.
                    .timeout(readTimeout)
                    .header("User-Agent", "TableauWebhooks/1.0")
                    .header("Content-Type", "application/json")
                    .header("charset", "utf-8")
                    .header("Accept", "text/html, image/gif, image/jpeg, *; q=.2, */*; q=.2")
                    .header("Cache-Control", "no-cache")
                    .header("Pragma", "no-cache")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(Outcome.unreachable("invalid URL: " + e.getMessage()));
        }
        CompletableFuture<HttpResponse<byte[]>> sent;
        try {
            sent = http().sendAsync(request, BoundedBody.firstBytes(MAX_ANSWER_BYTES));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(Outcome.unreachable(describe(e)));
        }
        // The request timeout covers the answer's headers; this cap also covers a body that trickles in.
        return sent.copy().orTimeout(longestAttempt().toMillis(), TimeUnit.MILLISECONDS).handle((response, error) -> {
            if (error != null) {
                sent.cancel(true);
                return Outcome.unreachable(describe(error));
            }
            return new Outcome(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8), null);
        });
    }

    String describe(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof HttpConnectTimeoutException) return "no connection within " + HumanDuration.of(connectTimeout);
        if (t instanceof HttpTimeoutException || t instanceof TimeoutException) {
            return "no answer within " + HumanDuration.of(readTimeout);
        }
        String noConnection = io.tabhook.NoConnection.why(t, null);
        return noConnection != null ? noConnection : OneLine.of(t);
    }

    @Override
    public void close() {
        timers.shutdownNow();
        workers.shutdownNow();
    }
}
