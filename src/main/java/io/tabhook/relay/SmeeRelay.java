package io.tabhook.relay;

import io.tabhook.DaemonThreads;
import io.tabhook.OneLine;
import io.tabhook.inbox.Inbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Listens to a smee channel: {@code GET} the channel with {@code Accept: text/event-stream} (exactly that: smee
 * answers anything else with its web page) and pass each message event to the inbox; {@code ready} and {@code ping}
 * (every 30 s) only show the stream is alive. smee keeps nothing: what is posted while no one listens is gone, so
 * after a drop this reconnects at once, then backs off, and says how long the channel was not heard.
 */
final class SmeeRelay extends Relay {
    /** smee pings every 30 s; a stream silent for longer than this is dead even if no one closed it. */
    private static final Duration SILENCE = Duration.ofSeconds(75);
    private static final Duration FIRST_CONNECTION = Duration.ofSeconds(20);
    private static final String LOST = "smee keeps nothing while no one listens: anything posted to it meanwhile is lost";

    private final HttpClient http;
    private final Thread reader;
    private final ScheduledExecutorService watch;
    private final CompletableFuture<Void> listening = new CompletableFuture<>();
    private volatile InputStream stream;
    private volatile long heardAt = System.nanoTime();
    private volatile boolean silent;

    private SmeeRelay(RelayAddress address, HttpClient http, Inbox inbox, Consumer<String> notices) {
        super(address, inbox, notices);
        this.http = http;
        this.reader = DaemonThreads.named("tabhook-relay-smee").newThread(this::run);
        this.watch = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("tabhook-relay-watch"));
    }

    /** Starts listening; returns once the channel answered with its event stream. */
    static SmeeRelay listen(RelayAddress address, HttpClient http, Inbox inbox, Consumer<String> notices) {
        SmeeRelay relay = new SmeeRelay(address, http, inbox, notices);
        relay.reader.start();
        relay.watch.scheduleWithFixedDelay(relay::checkSilence, 5, 5, TimeUnit.SECONDS);
        try {
            relay.listening.get(FIRST_CONNECTION.toSeconds(), TimeUnit.SECONDS);
            return relay;
        } catch (ExecutionException e) {
            relay.close();
            throw e.getCause() instanceof RelayException r ? r : new RelayException("relay: " + OneLine.of(e.getCause()));
        } catch (TimeoutException e) {
            relay.close();
            throw new RelayException("relay: the " + address.named() + " did not answer within "
                    + FIRST_CONNECTION.toSeconds() + " s");
        } catch (InterruptedException e) {
            relay.close();
            Thread.currentThread().interrupt();
            throw new RelayException("relay: interrupted while connecting to the " + address.named());
        }
    }

    /**
     * A new channel: {@code GET} a smee server's {@code /new}, which answers a redirect to a new random channel.
     *
     * @throws RelayException when no redirect to a channel comes back
     */
    static RelayAddress newChannel(URI newUrl, RelaySettings settings) {
        HttpRequest request = HttpRequest.newBuilder(newUrl).timeout(Duration.ofSeconds(20)).GET().build();
        try {
            HttpResponse<Void> r = http(HttpClient.Redirect.NEVER).send(request, HttpResponse.BodyHandlers.discarding());
            String location = r.headers().firstValue("Location").orElse(null);
            if (r.statusCode() / 100 == 3 && location != null) {
                RelayAddress made = RelayAddress.parse(newUrl.resolve(location).toString(), settings);
                if (made.kind() == RelayAddress.Kind.SMEE) return made;
            }
            throw new RelayException("relay: " + newUrl + " made no channel (HTTP " + r.statusCode()
                    + (location == null ? ", no redirect" : "") + "): is it a smee server?");
        } catch (IOException e) {
            throw new RelayException("relay: cannot make a smee channel at " + newUrl + ": " + why(e, null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RelayException("relay: interrupted while making a smee channel");
        }
    }

    private void run() {
        Backoff backoff = new Backoff();
        while (!closed()) {
            String why;
            try {
                why = listenOnce(backoff);
            } catch (IOException e) {
                why = silent ? "nothing heard for " + SILENCE.toSeconds() + " s" : why(e, address.capability());
            } catch (InterruptedException e) {
                return;
            }
            if (closed()) return;
            if (!listening.isDone()) {
                listening.completeExceptionally(new RelayException("relay: cannot listen to the " + address.named()
                        + ": " + why));
                return;
            }
            wentDown(why, "reconnecting; " + LOST);
            if (!pause(backoff.next())) return;
        }
    }

    /** One connection, until it ends; returns why it ended. */
    private String listenOnce(Backoff backoff) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(address.service()).header("Accept", "text/event-stream")
                .header("Cache-Control", "no-cache").GET().build();
        silent = false;
        HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            stream = in;
            if (closed()) return "closed";
            if (r.statusCode() != 200) return refused(r.statusCode());
            String type = r.headers().firstValue("Content-Type").orElse("");
            if (!type.toLowerCase(Locale.ROOT).startsWith("text/event-stream")) {
                return "it answered " + (type.isEmpty() ? "without a content type" : type)
                        + ", not an event stream: is this a smee channel?";
            }
            heard();
            listening.complete(null);
            cameBack(LOST);
            ServerSentEvents events = new ServerSentEvents(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (ServerSentEvents.Event e; (e = events.next()) != null; ) {
                heard();
                backoff.reset();
                if (e.type().equals("message")) deliver(e.data());
            }
            return silent ? "nothing heard for " + SILENCE.toSeconds() + " s" : "the server ended the stream";
        } finally {
            stream = null;
        }
    }

    private void deliver(String data) {
        try {
            pass(SmeeMessage.arrival(data, Instant.now()));
        } catch (IOException | RuntimeException e) {
            notice("skipped a message from the " + address.named() + " that is not smee's JSON (" + OneLine.of(e) + ")");
        }
    }

    private static String refused(int status) {
        return switch (status) {
            case 403 -> "HTTP 403: smee disabled the channel (too many connections)";
            case 400, 404 -> "HTTP " + status + ": no smee channel at this address";
            default -> "HTTP " + status;
        };
    }

    private void heard() {
        heardAt = System.nanoTime();
    }

    /** Ends a stream that has been silent too long (a connection lost without a word), so it is made afresh. */
    private void checkSilence() {
        InputStream in = stream;
        if (in != null && System.nanoTime() - heardAt > SILENCE.toNanos()) {
            silent = true;
            closeQuietly(in);
        }
    }

    @Override
    void stop() {
        watch.shutdownNow();
        InputStream in = stream;
        if (in != null) closeQuietly(in);
        reader.interrupt();
        listening.completeExceptionally(new RelayException("relay: closed"));
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // ending it anyway
        }
    }
}
