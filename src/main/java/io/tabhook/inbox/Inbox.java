package io.tabhook.inbox;

import io.tabhook.HumanDuration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Receives webhook deliveries over HTTP. Every POST to any path is a delivery: it gets the next sequence number, is
 * written to the journal (when there is one) and only then acknowledged with 200, so an acknowledged delivery
 * survives a crash. Callers can wait for the next delivery that matches a filter, listen to all of them, look through
 * the journal, have each one forwarded to another URL, and replay earlier ones.
 *
 * <p>This class puts the parts together: {@link HttpReceiver} (the HTTP side), {@link DeliveryStore} (seq,
 * duplicates, journal, the in-memory window), {@link Subscribers} (waiters and listeners) and {@link Forwarder}.
 */
public final class Inbox implements AutoCloseable {
    /** The most deliveries one replay sends: a range beyond it is refused with what to do instead. */
    public static final int MOST_REPLAYED = 10_000;

    private final InboxOptions options;
    private final Subscribers subscribers;
    private final DeliveryStore store;
    private final HttpReceiver http; // null for a journal opened only to replay from
    private final InetSocketAddress address;
    private boolean closed; // guarded by this

    private Inbox(InboxOptions options, Subscribers subscribers, DeliveryStore store, HttpReceiver http,
                  InetSocketAddress address) {
        this.options = options;
        this.subscribers = subscribers;
        this.store = store;
        this.http = http;
        this.address = address;
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
        DeliveryStore store = new DeliveryStore(journal, options.keepInMemory(), options.memoryBudget(), subscribers);
        HttpReceiver http = null;
        try {
            store.restore();
            http = HttpReceiver.bind(options, store, subscribers);
            if (options.forwardTo() != null) store.forwardWith(forwarder(options, options.forwardTo(), http.address()));
            Inbox inbox = new Inbox(options, subscribers, store, http, http.address());
            http.replayWith((seq, to) -> inbox.replay(seq, seq, to).get(0)); // the page's replay: the one mechanism
            http.start();
            return inbox;
        } catch (IOException | RuntimeException e) {
            if (http != null) http.close();
            store.close();
            subscribers.close();
            throw e;
        }
    }

    private static Forwarder forwarder(InboxOptions options, URI target, InetSocketAddress inbox) {
        return Forwarder.to(target, inbox, new Forwarder.Retries(options.forwardAttempts(), options.forwardPause()),
                options.memoryBudget());
    }

    /** Where to send deliveries: {@code http://127.0.0.1:PORT/}. Any path below it is accepted too. */
    public URI url() {
        return http.url();
    }

    /**
     * A webhook's own address under the inbox: {@code http://127.0.0.1:PORT/?hook=NAME}. Deliveries to it carry the
     * name ({@link Delivery#hook()}), so two webhooks sent the same payload are two deliveries, and a wait can ask for
     * one webhook's. A query parameter, not a path: relays that pass on the query but not the path keep it.
     */
    public URI urlFor(String hook) {
        return withHook(url(), hook);
    }

    /** {@code address} (the inbox's, or a relay's that passes the query on) with {@code ?hook=NAME}. */
    public static URI withHook(URI address, String hook) {
        if (hook == null || hook.isBlank()) throw new IllegalArgumentException("urlFor needs a webhook name");
        String encoded = URLEncoder.encode(hook, StandardCharsets.UTF_8).replace("+", "%20");
        String base = address.toString();
        return URI.create(base + (base.contains("?") ? "&" : "?") + Delivery.HOOK_PARAMETER + "=" + encoded);
    }

    /**
     * Tells the inbox the public address a relay gives it (null: none), so its page shows that address, with a copy
     * button, beside its own: the one to give Tableau. Pages opened later show it; open ones when they reconnect.
     */
    public void relayAddress(URI relay) {
        if (http != null) http.relayAddress(relay);
    }

    public InboxOptions options() {
        return options;
    }

    /** The journal's file, or null when deliveries are kept in memory only. */
    public Path journal() {
        return store.journalPath();
    }

    /**
     * The recent deliveries, oldest first: the most recent {@link InboxOptions#keepInMemory()} of them (within the
     * memory budget), minus what {@link #clear()} forgot. The journal keeps all: {@link #find} looks through it.
     */
    public List<Delivery> deliveries() {
        return store.deliveries();
    }

    /**
     * The delivery with this seq, with its latest forward result: from memory, or read back from the journal; empty
     * if unknown (or, without a journal, cleared or no longer kept).
     */
    public Optional<Delivery> delivery(long seq) {
        try {
            return store.delivery(seq);
        } catch (IOException e) {
            throw new UncheckedIOException("reading delivery #" + seq + " from the journal failed: " + e.getMessage(), e);
        }
    }

    /**
     * Looks through everything this inbox received (its journal, cleared deliveries and earlier runs included; without
     * a journal, what memory holds) for the deliveries the filter matches; keeps the last {@code last} of them.
     */
    public FoundDeliveries find(DeliveryFilter filter, int last) throws IOException {
        Objects.requireNonNull(filter, "filter");
        Path journal = store.journalPath();
        if (journal != null) return JournalQuery.scan(journal, filter, last);
        List<Delivery> all = store.deliveries();
        List<Delivery> matched = new ArrayList<>();
        for (Delivery d : all) if (filter.matches(d)) matched.add(d);
        return new FoundDeliveries(matched.subList(Math.max(0, matched.size() - Math.max(0, last)), matched.size()),
                matched.size(), all.size());
    }

    /** {@link #find} in any journal file: a past session's, or one another inbox writes. */
    public static FoundDeliveries find(Path journal, DeliveryFilter filter, int last) throws IOException {
        return JournalQuery.scan(journal, Objects.requireNonNull(filter, "filter"), last);
    }

    /**
     * Waits for the next delivery that matches.
     *
     * @param includeEarlier also accept a delivery that arrived before this call: the most recent match wins
     * @throws TimeoutException     when none matched in time; the message says what was awaited and what arrived
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
            throw new TimeoutException("no delivery matching " + filter.describe() + " within "
                    + HumanDuration.of(timeout) + "; " + receivedWithin(timeout));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) throw r;
            if (cause instanceof Error err) throw err;
            throw new IllegalStateException(cause);
        }
    }

    /**
     * What arrived in the last {@code window}, for a message that must say why a wait found nothing: {@code the inbox
     * received 2 deliveries in the last 30 s: WorkbookCreated ×2 for hook=a, hook=b}, or {@code the inbox received
     * nothing in the last 30 s}.
     */
    public String receivedWithin(Duration window) {
        Instant since = Instant.now().minus(window);
        List<Delivery> recent = new ArrayList<>();
        for (Delivery d : store.deliveries()) if (!d.receivedAt().isBefore(since)) recent.add(d);
        String last = "in the last " + HumanDuration.of(window);
        if (recent.isEmpty()) {
            int held = store.count();
            return "the inbox received nothing " + last + (held == 0 ? "" : " (it holds " + held
                    + (held == 1 ? " earlier delivery)" : " earlier deliveries)"));
        }
        Map<String, List<Delivery>> byWhat = new LinkedHashMap<>();
        for (Delivery d : recent) byWhat.computeIfAbsent(what(d), k -> new ArrayList<>()).add(d);
        List<String> groups = new ArrayList<>();
        for (Map.Entry<String, List<Delivery>> g : byWhat.entrySet()) {
            Set<String> addresses = new LinkedHashSet<>();
            for (Delivery d : g.getValue()) addresses.add(d.address());
            List<String> shown = new ArrayList<>(addresses);
            String where = String.join(", ", shown.subList(0, Math.min(5, shown.size())))
                    + (shown.size() > 5 ? " and " + (shown.size() - 5) + " more" : "");
            groups.add(g.getKey() + (g.getValue().size() > 1 ? " ×" + g.getValue().size() : "") + " for " + where);
        }
        return "the inbox received " + recent.size() + (recent.size() == 1 ? " delivery " : " deliveries ") + last
                + ": " + String.join("; ", groups);
    }

    private static String what(Delivery d) {
        if (d.payload() != null && d.payload().eventType() != null) return d.payload().eventType();
        return d.json() ? "JSON without event_type" : d.content().length() == 0 ? "an empty body" : "a body that is not JSON";
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
     * the same seq numbering, duplicate detection, journal, waiters, listeners and forwarding. It returns only once
     * the delivery is journalled: a relay acknowledges (or marks as passed on) only what this returned.
     *
     * @throws IOException when the journal cannot take it; it is not kept
     * @throws IllegalStateException when the inbox is closing
     */
    public Delivery receive(Arrival arrival) throws IOException {
        return store.accept(arrival);
    }

    /**
     * Forgets the deliveries held in memory, and which bodies were seen (a repeat after clear is no duplicate).
     * Sequence numbers go on; the journal keeps its history, so {@link #find} and a restart show cleared deliveries.
     */
    public void clear() {
        store.clear();
    }

    /**
     * Tells the listener of every delivery and every final forward result from now on, in seq order, on a thread of
     * its own: a slow listener never delays an acknowledgement, and one that falls behind is skipped and told
     * ({@link InboxListener}). Close the returned handle to stop.
     */
    public AutoCloseable listen(InboxListener listener) {
        return subscribers.listen(listener);
    }

    /** Calls the listener with every delivery from now on, as {@link #listen} does (skipped notices are not told). */
    public AutoCloseable onDelivery(Consumer<Delivery> listener) {
        return subscribers.onDelivery(listener);
    }

    /**
     * Like {@link #onDelivery}, called once per forwarded delivery with its final {@link Delivery#forward()} result
     * (after any retries).
     */
    public AutoCloseable onForwarded(Consumer<Delivery> listener) {
        return subscribers.onForwarded(listener);
    }

    /**
     * Forwards every later delivery to {@code target} as well (null stops forwarding), like starting with
     * {@code --forward-to}. Deliveries already received are not forwarded again ({@link #replay} sends them); any
     * still on their way to the previous target are recorded as not forwarded.
     *
     * @throws IllegalArgumentException when the target is not an http(s) URL or is this inbox itself
     */
    public synchronized void forwardTo(URI target) {
        if (closed) throw new IllegalStateException("the inbox is closed");
        Forwarder old = store.forwardWith(target == null ? null : forwarder(options, target, address));
        if (old != null) old.close();
    }

    /** Where deliveries are forwarded now, or null. */
    public URI forwardingTo() {
        Forwarder f = store.forwarder();
        return f == null ? null : f.target();
    }

    /**
     * Delivery {@code seq} with the final result of its forward: at once when it is recorded already, else when it
     * comes (after any retries).
     *
     * @return a future that fails with {@link IllegalArgumentException} when the delivery was never forwarded (or is
     *         unknown)
     */
    public CompletableFuture<Delivery> forwarded(long seq) {
        CompletableFuture<Delivery> f = subscribers.waitForForward(seq);
        Optional<Delivery> d = delivery(seq);
        if (d.isPresent() && d.get().forward() != null) {
            f.complete(d.get());
        } else if (!f.isDone() && !store.forwardComing(seq)) {
            d = delivery(seq); // its result may have come since it was read
            if (d.isPresent() && d.get().forward() != null) {
                f.complete(d.get());
            } else {
                f.completeExceptionally(new IllegalArgumentException(d.isEmpty()
                        ? "no delivery #" + seq + " in this inbox" + heldRange()
                        : "delivery #" + seq + " was not forwarded (forwarding was off when it came); "
                        + "inbox.replay(" + seq + ", to: URL) sends it"));
            }
        }
        return f;
    }

    /**
     * Sends deliveries {@code from} to {@code to} (inclusive) again, one after another in seq order, to
     * {@code target} (null: where forwarding goes now). Each is sent once, as forwarding sends it; the result is
     * journalled and becomes the delivery's latest forward result (listeners are not told: the caller gets it). The
     * one way to replay: the shell's {@code inbox.replay}, {@code tabhook inbox --replay} and the inbox's page use it.
     *
     * @return the deliveries replayed, each with its replay's result, oldest first
     * @throws IllegalArgumentException when there is no target, the target is this inbox, or no delivery is in range
     * @throws CancellationException when the calling thread is interrupted (what was sent is recorded)
     */
    public List<Delivery> replay(long from, long to, URI target) throws IOException {
        URI where = target != null ? target : forwardingTo();
        if (where == null) {
            throw new IllegalArgumentException("replay needs a URL to send to: give one (to: 'http://…' or --to URL), "
                    + "or start forwarding first");
        }
        return replay(store, address, from, to, where);
    }

    /**
     * {@link #replay} from a journal no inbox is running on ({@code tabhook inbox --replay}): opens it as an inbox
     * with these options would (refusing to send to that inbox's own address), replays, records and closes.
     *
     * @throws IOException when the journal cannot be opened, or is in use by a running inbox
     */
    public static List<Delivery> replay(InboxOptions options, long from, long to, URI target) throws IOException {
        if (options.journal() == null) throw new IllegalArgumentException("replay needs a journal to replay from");
        if (target == null) throw new IllegalArgumentException("replay needs a URL to send to: --to URL, or --forward-to URL");
        Journal journal;
        try {
            journal = Journal.open(options.journal(), options.fsync());
        } catch (IOException e) {
            if (!e.getMessage().contains("in use")) throw e;
            throw new IOException("journal " + options.journal() + " is in use by a running inbox; replay from it "
                    + "(inbox.replay in its shell), or stop it first");
        }
        try (Subscribers subscribers = new Subscribers();
             DeliveryStore store = new DeliveryStore(journal, options.keepInMemory(), options.memoryBudget(),
                     subscribers)) {
            store.restore();
            InetSocketAddress self = new InetSocketAddress(InetAddress.getByName(options.bind()), options.port());
            return replay(store, self, from, to, target);
        }
    }

    private static List<Delivery> replay(DeliveryStore store, InetSocketAddress self, long from, long to, URI target)
            throws IOException {
        Forwarder.refuseInbox(Forwarder.checkTarget(target), self, "replay to");
        if (from < 1 || to < from) throw new IllegalArgumentException("replay takes a seq, or a range FROM-TO with FROM ≤ TO, from 1");
        if (to - from >= MOST_REPLAYED) {
            throw new IllegalArgumentException("replay sends at most " + MOST_REPLAYED + " deliveries at a time; "
                    + "give a shorter range");
        }
        List<Delivery> found = store.range(from, to);
        if (found.isEmpty()) {
            throw new IllegalArgumentException((from == to ? "no delivery #" + from : "no deliveries #" + from + "–#" + to)
                    + " in this inbox" + (store.lastSeq() == 0 ? " (it has received none)" : " (the last is #" + store.lastSeq() + ")"));
        }
        List<Delivery> replayed = new ArrayList<>(found.size());
        try (ForwardCall call = new ForwardCall()) {
            for (Delivery d : found) {
                if (Thread.currentThread().isInterrupted()) throw new CancellationException("replay stopped after "
                        + replayed.size() + " of " + found.size() + " deliveries");
                ForwardResult result;
                try {
                    result = call.send(d, target).get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("replay stopped after " + replayed.size() + " of " + found.size()
                            + " deliveries");
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause()); // not reached: a send always has a result
                }
                replayed.add(store.recordReplay(d, result));
            }
        }
        return replayed;
    }

    private String heldRange() {
        long last = store.lastSeq();
        return last == 0 ? " (it has received none)" : " (the last is #" + last + ")";
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
        if (http != null) http.close();
        store.close();
        if (f != null) f.close();
        subscribers.close();
    }
}
