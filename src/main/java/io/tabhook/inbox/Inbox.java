package io.tabhook.inbox;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Receives webhook deliveries over HTTP. Every POST to any path is a delivery: it gets the next sequence number, is
 * written to the journal (when there is one) and only then acknowledged with 200, so an acknowledged delivery
 * survives a crash. Callers can wait for the next delivery that matches a filter, listen to all of them, and have
 * each one forwarded to another URL.
 *
 * <p>This class puts the parts together: {@link HttpReceiver} (the HTTP side), {@link DeliveryStore} (seq,
 * duplicates, journal, the in-memory window), {@link Subscribers} (waiters and listeners) and {@link Forwarder}.
 */
public final class Inbox implements AutoCloseable {
    private final InboxOptions options;
    private final Subscribers subscribers;
    private final DeliveryStore store;
    private final HttpReceiver http;
    private boolean closed; // guarded by this

    private Inbox(InboxOptions options, Subscribers subscribers, DeliveryStore store, HttpReceiver http) {
        this.options = options;
        this.subscribers = subscribers;
        this.store = store;
        this.http = http;
    }

    /**
     * Loads the journal (if any), binds the port and starts receiving.
     *
     * @throws IOException when the port is taken or the journal cannot be opened (or another inbox holds it)
     * @throws IllegalArgumentException when the forward target is not an http(s) URL or is this inbox itself
     */
    public static Inbox start(InboxOptions options) throws IOException {
        Objects.requireNonNull(options, "options");
        Journal journal = options.journal() == null ? null : Journal.open(options.journal(), options.fsync());
        Subscribers subscribers = new Subscribers();
        DeliveryStore store = new DeliveryStore(journal, options.keepInMemory(), subscribers);
        HttpReceiver http = null;
        try {
            store.restore();
            http = HttpReceiver.bind(options, store);
            if (options.forwardTo() != null) store.forwardWith(Forwarder.to(options.forwardTo(), http.address()));
            http.start();
            return new Inbox(options, subscribers, store, http);
        } catch (IOException | RuntimeException e) {
            if (http != null) http.close();
            store.close();
            subscribers.close();
            throw e;
        }
    }

    /** Where to send deliveries: {@code http://127.0.0.1:PORT/}. Any path below it is accepted too. */
    public URI url() {
        return http.url();
    }

    public InboxOptions options() {
        return options;
    }

    /**
     * What was received since start (and loaded from the journal), oldest first: the most recent
     * {@link InboxOptions#keepInMemory()} of them, minus what {@link #clear()} forgot. The journal keeps all.
     */
    public List<Delivery> deliveries() {
        return store.deliveries();
    }

    /** The delivery with this seq, with its forward result once known; empty if unknown, cleared or no longer kept. */
    public Optional<Delivery> delivery(long seq) {
        return store.delivery(seq);
    }

    /**
     * Waits for the next delivery that matches.
     *
     * @param includeEarlier also accept a delivery that arrived before this call: the most recent match wins
     * @throws TimeoutException     when none matched in time; the message says what was awaited
     * @throws InterruptedException when the waiting thread is interrupted; the inbox is not affected
     */
    public Delivery await(DeliveryFilter filter, Duration timeout, boolean includeEarlier)
            throws InterruptedException, TimeoutException {
        Objects.requireNonNull(timeout, "timeout");
        CompletableFuture<Delivery> next = next(filter, includeEarlier);
        try {
            return next.get(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            next.cancel(false);
            throw e;
        } catch (TimeoutException e) {
            // A delivery landing between the timeout and the cancel still counts.
            if (!next.cancel(false) && next.isDone() && !next.isCompletedExceptionally()) return next.join();
            int others = store.count();
            throw new TimeoutException("no delivery matching " + filter.describe() + " within " + human(timeout)
                    + " (" + others + (others == 1 ? " delivery" : " deliveries") + " in the inbox)");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) throw r;
            if (cause instanceof Error err) throw err;
            throw new IllegalStateException(cause);
        }
    }

    /**
     * The next delivery that matches, as a future. Cancelling it withdraws the wait and changes nothing else.
     * The future fails when the filter's condition throws, or when the inbox closes first.
     *
     * @param includeEarlier also accept a delivery that arrived before this call: the most recent match wins
     */
    public CompletableFuture<Delivery> next(DeliveryFilter filter, boolean includeEarlier) {
        // Waiting first, then looking back: a delivery committed in between completes the wait itself.
        CompletableFuture<Delivery> future = subscribers.waitFor(filter);
        if (includeEarlier && !future.isDone()) {
            try {
                store.latest(filter::matches).ifPresent(future::complete);
            } catch (RuntimeException e) {
                future.completeExceptionally(e);
            }
        }
        return future;
    }

    /**
     * Keeps a delivery that did not come in over this inbox's own port (from a relay, say) exactly as if it had:
     * the same seq numbering, duplicate detection, journal, waiters, listeners and forwarding.
     *
     * @throws IOException when the journal cannot take it; it is not kept
     */
    Delivery receive(Arrival arrival) throws IOException {
        return store.accept(arrival);
    }

    /**
     * Forgets the deliveries held in memory, and which bodies were seen (a repeat after clear is no duplicate).
     * Sequence numbers go on; the journal keeps its history, so a restart shows cleared deliveries again.
     */
    public void clear() {
        store.clear();
    }

    /**
     * Calls the listener with every delivery from now on, in sequence order, on one background thread (so a slow
     * listener never delays an acknowledgement). Close the returned handle to stop.
     */
    public AutoCloseable onDelivery(Consumer<Delivery> listener) {
        return subscribers.onDelivery(listener);
    }

    /** Like {@link #onDelivery}, called with the delivery carrying its {@link Delivery#forward()} result. */
    public AutoCloseable onForwarded(Consumer<Delivery> listener) {
        return subscribers.onForwarded(listener);
    }

    /**
     * Forwards every later delivery to {@code target} as well (null stops forwarding), like starting with
     * {@code --forward-to}. Deliveries already received are not forwarded again.
     *
     * @throws IllegalArgumentException when the target is not an http(s) URL or is this inbox itself
     */
    public synchronized void forwardTo(URI target) {
        if (closed) throw new IllegalStateException("the inbox is closed");
        Forwarder old = store.forwardWith(target == null ? null : Forwarder.to(target, http.address()));
        if (old != null) old.close();
    }

    /**
     * Stops receiving, lets listeners finish what they were given, closes the journal and fails pending waits.
     * Acknowledged deliveries are already in the journal; nothing is lost by closing.
     */
    @Override
    public void close() {
        Forwarder f;
        synchronized (this) {
            if (closed) return;
            closed = true;
            f = store.forwardWith(null);
        }
        http.close();
        if (f != null) f.close();
        store.close();
        subscribers.close();
    }

    private static String human(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }
}
