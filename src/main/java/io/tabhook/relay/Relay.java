package io.tabhook.relay;

import io.tabhook.HumanDuration;
import io.tabhook.OneLine;
import io.tabhook.api.Secrets;
import io.tabhook.inbox.Arrival;
import io.tabhook.inbox.Inbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A public address that feeds the local inbox: reads what reaches a relay service and hands each request to
 * {@link Inbox#receive}, so it is journalled, checked for duplicates, matched by waiters, printed and forwarded as if
 * it had been posted to the inbox itself, with the sender's headers. After a drop it reconnects at once, then backs
 * off, and says when it was down and for how long. Close it to stop; the inbox goes on.
 */
public abstract class Relay implements AutoCloseable {
    protected final RelayAddress address;
    private final Inbox inbox;
    private final Consumer<String> notices;
    private Instant downSince; // guarded by this
    private volatile boolean closed;

    Relay(RelayAddress address, Inbox inbox, Consumer<String> notices) {
        this.address = address;
        this.inbox = inbox;
        this.notices = notices;
    }

    /**
     * Whether {@code address} can name a relay at all ({@code smee}, {@code webhook.site}, or an http(s) URL), before
     * anything starts: a command line's mistake, said as {@link #start} would say it.
     *
     * @throws RelayException when it cannot, in one line that does not repeat it (it may be a capability)
     */
    public static void checkAddress(String address) {
        if (address == null || address.isBlank()) throw new RelayException("relay: give " + RelayAddress.KINDS);
        String a = address.strip().toLowerCase(Locale.ROOT);
        if (!a.equals("smee") && !a.equals("webhook.site")) RelayAddress.url(address);
    }

    /**
     * Starts relaying to {@code inbox}: {@code smee} makes a new smee channel, {@code webhook.site} a new webhook.site
     * token, a smee server's URL ending in {@code /new} a channel there; any other URL is an existing channel or token.
     * Returns once the relay is listening (smee) or has read the token once (webhook.site).
     *
     * @param notices where the relay says what happens on its own (down, back, slowed down), one line each
     * @throws RelayException when the address is neither kind, or the relay cannot be made or reached; one line
     */
    public static Relay start(String address, Inbox inbox, RelaySettings settings, Consumer<String> notices) {
        if (address == null || address.isBlank()) throw new RelayException("relay: give " + RelayAddress.KINDS);
        String a = address.strip();
        HttpClient http = http();
        RelayAddress where;
        if (a.toLowerCase(Locale.ROOT).equals("smee")) {
            where = SmeeRelay.newChannel(settings.smee().resolve("/new"), settings);
        } else if (a.toLowerCase(Locale.ROOT).equals("webhook.site")) {
            where = WebhookSiteRelay.newToken(http, settings);
        } else {
            RelayAddress given = RelayAddress.parse(a, settings);
            boolean newChannel = given.kind() == RelayAddress.Kind.SMEE && given.capability().equals("new");
            where = newChannel ? SmeeRelay.newChannel(given.publicUrl(), settings) : given;
        }
        return where.kind() == RelayAddress.Kind.SMEE
                ? SmeeRelay.listen(where, http, inbox, notices)
                : WebhookSiteRelay.poll(where, http, inbox, settings, notices);
    }

    /**
     * The HTTP client relays use: HTTP/1.1 (an event stream is one long answer), 10 s to connect, redirects as asked
     * (a new smee channel is a redirect to read, not to follow).
     */
    static HttpClient http(HttpClient.Redirect redirects) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .followRedirects(redirects).build();
    }

    static HttpClient http() {
        return http(HttpClient.Redirect.NORMAL);
    }

    /** Where Tableau should deliver: the relay's public address. */
    public URI publicUrl() {
        return address.publicUrl();
    }

    public RelayAddress address() {
        return address;
    }

    /** Stops reading from the relay service; what it passed on stays in the inbox. */
    @Override
    public void close() {
        closed = true;
        stop();
    }

    /** Ends the relay's own threads and connections. */
    abstract void stop();

    boolean closed() {
        return closed;
    }

    /** Hands a request to the inbox; one that the journal cannot take is said, as the relay cannot send it back. */
    final void pass(Arrival arrival) {
        try {
            inbox.receive(arrival);
        } catch (IOException | RuntimeException e) {
            if (!closed) notice("a delivery from the " + address.named() + " was lost: the inbox could not keep it ("
                    + OneLine.of(e) + ")");
        }
    }

    final void notice(String line) {
        if (closed) return;
        try {
            notices.accept("relay: " + line);
        } catch (RuntimeException ignored) {
            // whoever prints cannot stop the relay
        }
    }

    /** The relay service cannot be reached (or read) now: said once per outage, with what happens meanwhile. */
    final void wentDown(String why, String meanwhile) {
        synchronized (this) {
            if (downSince != null) return;
            downSince = Instant.now();
        }
        notice("lost the " + address.named() + " (" + why + "); " + meanwhile);
    }

    /** Reading works again: says how long it was down, and what that cost. */
    final void cameBack(String meanwhile) {
        Instant since;
        synchronized (this) {
            since = downSince;
            downSince = null;
        }
        if (since != null) {
            notice("the " + address.named() + " is back after " + HumanDuration.of(Duration.between(since, Instant.now()))
                    + " down; " + meanwhile);
        }
    }

    /** What went wrong with a connection, in a user's words; the capability masked should the message name it. */
    static String why(IOException e, String capability) {
        String noConnection = io.tabhook.NoConnection.why(e, null);
        String why = e instanceof HttpConnectTimeoutException ? "no connection within 10 s"
                : noConnection != null ? noConnection : OneLine.of(e);
        return capability == null ? why : why.replace(capability, Secrets.mask(capability));
    }

    /** Sleeps unless closed first; false when closed (or interrupted by {@link #close}). */
    final boolean pause(Duration d) {
        if (closed) return false;
        try {
            Thread.sleep(Math.max(0, d.toMillis()));
            return !closed;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** Waits after a failure: none at first (a smee server keeps nothing while no one listens), then longer, to 15 s. */
    static final class Backoff {
        private static final long[] MS = {0, 250, 500, 1000, 2000, 4000, 8000, 15000};
        private int failures;

        Duration next() {
            return Duration.ofMillis(MS[Math.min(failures++, MS.length - 1)]);
        }

        void reset() {
            failures = 0;
        }
    }
}
