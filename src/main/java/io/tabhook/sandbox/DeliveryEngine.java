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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Delivers events as Tableau does: a POST of the six-field JSON payload with Tableau's observed headers to every
 * enabled webhook of the site that listens for the event; a non-2xx answer or an unreachable destination is retried
 * three times (after the backoff, then twice, then four times the backoff), and after four failed attempts the
 * webhook is disabled. Nothing here blocks the caller: deliveries run on the engine's own threads.
 */
final class DeliveryEngine implements AutoCloseable {
    static final int ATTEMPTS = 4;
    static final int MAX_ANSWER_BYTES = 64 * 1024;
    /** What the test POST carries: Tableau documents an "empty payload"; an empty JSON object keeps parsers happy. */
    static final String TEST_BODY = "{}";

    private static final DateTimeFormatter CREATED_AT = DateTimeFormatter.ISO_INSTANT;

    private final SiteModel model;
    private final Duration backoff;
    /** Tableau Server's webhooks.http.timeout.connect (5000) and .read (3000), quoted in rest-api-samples#61. */
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final ExecutorService workers;
    private final ScheduledExecutorService timers;
    private volatile HttpClient http;
    private final DeliveryLog log = new DeliveryLog();
    /** The tail of each site's event queue: events of a site reach their webhooks in the order they happened. */
    private final Map<String, CompletableFuture<Void>> tails = new HashMap<>();

    DeliveryEngine(SiteModel model, Duration backoff, Duration connectTimeout, Duration readTimeout) {
        this.model = model;
        this.backoff = backoff;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.workers = Executors.newCachedThreadPool(DaemonThreads.named("sandbox-delivery"));
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

    /** Queues an event of a site for delivery to its subscribed webhooks; returns at once. */
    void deliver(String siteLuid, EventType event, String resource, String resourceName, String resourceLuid,
                 Instant at) {
        byte[] body = payload(event, resource, resourceName, siteLuid, resourceLuid, at);
        log.started();
        synchronized (tails) {
            CompletableFuture<Void> previous = tails.getOrDefault(siteLuid, CompletableFuture.completedFuture(null));
            CompletableFuture<Void> next;
            try {
                next = previous.thenComposeAsync(v -> fanOut(siteLuid, event, body), workers)
                        .exceptionally(e -> null)
                        .whenComplete((v, e) -> log.finished());
            } catch (RejectedExecutionException e) {
                log.finished();
                return;
            }
            tails.put(siteLuid, next);
        }
    }

    /** Starts the first attempt to every subscriber; completes when each first attempt has been answered. */
    private CompletableFuture<Void> fanOut(String siteLuid, EventType event, byte[] body) {
        List<CompletableFuture<Void>> firsts = new ArrayList<>();
        for (Webhook hook : model.subscribers(siteLuid, event)) {
            CompletableFuture<Void> first = new CompletableFuture<>();
            firsts.add(first);
            log.started();
            attempt(siteLuid, hook.id(), event, body, 1, first);
        }
        return CompletableFuture.allOf(firsts.toArray(CompletableFuture[]::new));
    }

    private void attempt(String siteLuid, String webhookId, EventType event, byte[] body, int n,
                         CompletableFuture<Void> firstAnswered) {
        // A webhook disabled or deleted between retries gets nothing more.
        Optional<Webhook> hook = model.webhook(siteLuid, webhookId).filter(Webhook::isEnabled);
        if (hook.isEmpty()) {
            firstAnswered.complete(null);
            log.finished();
            return;
        }
        Webhook h = hook.get();
        Instant at = Instant.now();
        post(h.url(), body).whenComplete((outcome, unexpected) -> {
            try {
                Outcome o = outcome != null ? outcome : Outcome.unreachable(describe(unexpected));
                DeliveryAttempt tried = new DeliveryAttempt(at, siteLuid, h.id(), h.name(), h.url(), event, false, n,
                        o.status(), o.ok() ? null : o.problem(), new String(body, StandardCharsets.UTF_8));
                log.record(tried);
                firstAnswered.complete(null);
                if (o.ok()) {
                    log.finished();
                } else if (n < ATTEMPTS) {
                    long delay = backoff.toMillis() << (n - 1);
                    timers.schedule(() -> attempt(siteLuid, webhookId, event, body, n + 1, firstAnswered),
                            delay, TimeUnit.MILLISECONDS);
                } else {
                    String reason = "Disabled after " + ATTEMPTS + " failed delivery attempts: " + o.problem();
                    if (model.disableAfterFailures(siteLuid, webhookId, reason).isPresent()) log.disabled(tried);
                    log.finished();
                }
            } catch (RejectedExecutionException closing) {
                log.finished();
            }
        });
    }

    /** The test POST: once, no retries, whether or not the webhook is enabled; reports what the destination said. */
    CompletableFuture<WebhookTestResult> test(String siteLuid, Webhook hook) {
        log.started();
        Instant at = Instant.now();
        return post(hook.url(), TEST_BODY.getBytes(StandardCharsets.UTF_8)).handle((outcome, unexpected) -> {
            Outcome o = outcome != null ? outcome : Outcome.unreachable(describe(unexpected));
            log.record(new DeliveryAttempt(at, siteLuid, hook.id(), hook.name(), hook.url(), null, true, 1,
                    o.status(), o.ok() ? null : o.problem(), TEST_BODY));
            log.finished();
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
        if (t instanceof ConnectException) return "connection refused";
        return OneLine.of(t);
    }

    @Override
    public void close() {
        timers.shutdownNow();
        workers.shutdownNow();
    }
}
