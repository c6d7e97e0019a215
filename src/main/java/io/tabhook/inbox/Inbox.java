package io.tabhook.inbox;

import io.tabhook.DaemonThreads;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Receives webhook deliveries over HTTP. Every POST to any path is a delivery: it gets the next sequence number, is
 * written to the journal (when there is one) and only then acknowledged with 200, so an acknowledged delivery
 * survives a crash. Callers can wait for the next delivery that matches a filter, listen to all of them, and have
 * each one forwarded to another URL.
 *
 * <p>Concurrent deliveries are committed in groups: each request appends its line to a pending batch, and
 * whichever request holds the commit lock writes the whole batch in one system call (one {@code fsync} in fsync
 * mode) and publishes it, in sequence order, to the in-memory list, the waiters and the listeners.
 */
public final class Inbox implements AutoCloseable {
    /** How long a request may take to arrive in full before the JDK server drops it. */
    static final int MAX_REQUEST_SECONDS = 10;
    /**
     * Handler threads in fsync mode: deliveries waiting on one fsync are committed together by the next, so more
     * threads mean bigger groups. Without fsync, handlers run on the JDK server's own dispatcher thread: a journal
     * write to the OS takes microseconds, and handing each request to a pool thread and back cost a quarter of the
     * CPU per delivery on two cores (docs/performance.md).
     */
    static final int FSYNC_HANDLER_THREADS = 32;

    static {
        // The JDK server reads these once per JVM, so they only take effect if no HttpServer ran before; a user's
        // own setting wins. Without TCP_NODELAY its two-part responses meet delayed ACKs: ~40 ms per request.
        // maxReqTime (seconds) closes a request that has not arrived in full by then, so a sender that stalls
        // mid-request cannot hold the inbox for longer.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
            System.setProperty("sun.net.httpserver.maxReqTime", "" + MAX_REQUEST_SECONDS);
        }
    }

    private static final int SUMMARY_LAST = 10;
    private static final Set<String> LOCAL_NAMES = Set.of("localhost", "127.0.0.1", "::1", "0:0:0:0:0:0:0:1", "0.0.0.0");

    private final InboxOptions options;
    private final HttpServer server;
    private final ExecutorService handlers; // null: the JDK dispatcher thread runs the handlers
    private final ExecutorService notifier;
    private final Journal journal;
    private volatile Forwarder forwarder;
    private final URI url;
    private volatile boolean closed;

    // Appending: sequence numbers, duplicate detection and the batch waiting to be committed.
    private final Object appendLock = new Object();
    private ArrayList<Entry> pending = new ArrayList<>();
    private long nextSeq;
    private final HashMap<String, Long> firstByBody = new HashMap<>();
    private final ArrayDeque<Seen> seenBodies = new ArrayDeque<>(); // firstByBody's entries, oldest first

    /** A body key in the duplicate window, and the seq it first came with. */
    private record Seen(String key, long seq) {}

    // Committing: one request at a time writes and publishes everything pending.
    private final ReentrantLock commitLock = new ReentrantLock();

    // Published: what deliveries() shows and who waits. The list holds the last `keep` deliveries, in seq order,
    // plus up to `slack` older ones that are trimmed in one go rather than one at a time.
    private final Object stateLock = new Object();
    private final ArrayList<Delivery> deliveries = new ArrayList<>();
    private final int keep;
    private final int slack;
    private final List<Waiter> waiters = new ArrayList<>();
    private final CopyOnWriteArrayList<Consumer<Delivery>> deliveryListeners = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<Consumer<Delivery>> forwardListeners = new CopyOnWriteArrayList<>();

    private Inbox(InboxOptions options, HttpServer server, ExecutorService handlers, Journal journal) {
        this.options = options;
        this.server = server;
        this.handlers = handlers;
        this.journal = journal;
        this.forwarder = options.forwardTo() == null ? null : new Forwarder(options.forwardTo());
        this.notifier = Executors.newSingleThreadExecutor(DaemonThreads.named("tabhook-inbox-listeners"));
        this.url = urlOf(options.bind(), server.getAddress().getPort());
        this.keep = options.keepInMemory();
        this.slack = Math.max(64, keep / 4);
    }

    /**
     * Loads the journal (if any), binds the port and starts receiving.
     *
     * @throws IOException when the port is taken or the journal cannot be opened (or another inbox holds it)
     */
    public static Inbox start(InboxOptions options) throws IOException {
        Objects.requireNonNull(options, "options");
        Journal journal = options.journal() == null ? null : Journal.open(options.journal(), options.fsync());
        HttpServer server = null;
        ExecutorService handlers = null;
        try {
            Journal.Contents earlier = journal == null ? null : journal.read(options.keepInMemory());
            InetAddress address = InetAddress.getByName(options.bind());
            try {
                server = HttpServer.create(new InetSocketAddress(address, options.port()), 1024);
            } catch (BindException e) {
                throw new BindException("cannot listen on " + options.bind() + ":" + options.port() + " ("
                        + e.getMessage() + "); is another inbox running? try another --port, or 0 for any free one");
            }
            if (options.fsync()) {
                handlers = Executors.newFixedThreadPool(FSYNC_HANDLER_THREADS, DaemonThreads.named("tabhook-inbox"));
                server.setExecutor(handlers);
            }
            if (forwardsToItself(options, server.getAddress().getPort())) {
                throw new IllegalArgumentException("forward-to " + options.forwardTo()
                        + " is this inbox itself; every delivery would come back forever");
            }
            Inbox inbox = new Inbox(options, server, handlers, journal);
            if (earlier != null) inbox.restore(earlier);
            server.createContext("/", inbox::handle);
            server.start();
            return inbox;
        } catch (IOException | RuntimeException e) {
            if (server != null) server.stop(0);
            if (handlers != null) handlers.shutdownNow();
            if (journal != null) journal.close();
            throw e;
        }
    }

    /** Where to send deliveries: {@code http://127.0.0.1:PORT/}. Any path below it is accepted too. */
    public URI url() {
        return url;
    }

    public InboxOptions options() {
        return options;
    }

    /**
     * What was received since start (and loaded from the journal), oldest first: the most recent
     * {@link InboxOptions#keepInMemory()} of them, minus what {@link #clear()} forgot. The journal keeps all.
     */
    public List<Delivery> deliveries() {
        synchronized (stateLock) {
            return List.copyOf(deliveries.subList(firstKept(), deliveries.size()));
        }
    }

    /** The delivery with this seq, with its forward result once known; empty if unknown, cleared or no longer kept. */
    public Optional<Delivery> delivery(long seq) {
        synchronized (stateLock) {
            int at = indexOf(seq);
            return at < firstKept() ? Optional.empty() : Optional.of(deliveries.get(at));
        }
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
            int others;
            synchronized (stateLock) {
                others = deliveries.size() - firstKept();
            }
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
        Objects.requireNonNull(filter, "filter");
        CompletableFuture<Delivery> future = new CompletableFuture<>();
        Waiter waiter = new Waiter(filter, future);
        Delivery earlier = null;
        RuntimeException failure = null;
        synchronized (stateLock) {
            if (closed) {
                failure = new IllegalStateException("the inbox is closed");
            } else {
                if (includeEarlier) {
                    try {
                        for (int i = deliveries.size() - 1; i >= firstKept() && earlier == null; i--) {
                            if (filter.matches(deliveries.get(i))) earlier = deliveries.get(i);
                        }
                    } catch (RuntimeException e) {
                        failure = e;
                    }
                }
                if (earlier == null && failure == null) waiters.add(waiter);
            }
        }
        if (failure != null) future.completeExceptionally(failure);
        else if (earlier != null) future.complete(earlier);
        else future.whenComplete((d, t) -> {
            synchronized (stateLock) {
                waiters.remove(waiter);
            }
        });
        return future;
    }

    /**
     * Forgets the deliveries held in memory, and which bodies were seen (a repeat after clear is no duplicate).
     * Sequence numbers go on; the journal keeps its history, so a restart shows cleared deliveries again.
     */
    public void clear() {
        synchronized (appendLock) {
            firstByBody.clear();
            seenBodies.clear();
        }
        synchronized (stateLock) {
            deliveries.clear();
        }
    }

    /**
     * Calls the listener with every delivery from now on, in sequence order, on one background thread (so a slow
     * listener never delays an acknowledgement). Close the returned handle to stop.
     */
    public AutoCloseable onDelivery(Consumer<Delivery> listener) {
        Objects.requireNonNull(listener, "listener");
        deliveryListeners.add(listener);
        return () -> deliveryListeners.remove(listener);
    }

    /** Like {@link #onDelivery}, called with the delivery carrying its {@link Delivery#forward()} result. */
    public AutoCloseable onForwarded(Consumer<Delivery> listener) {
        Objects.requireNonNull(listener, "listener");
        forwardListeners.add(listener);
        return () -> forwardListeners.remove(listener);
    }

    /**
     * Stops receiving, lets listeners finish what they were given, closes the journal and fails pending waits.
     * Acknowledged deliveries are already in the journal; nothing is lost by closing.
     */
    @Override
    public void close() {
        List<Waiter> left;
        synchronized (stateLock) {
            if (closed) return;
            closed = true;
            left = new ArrayList<>(waiters);
            waiters.clear();
        }
        server.stop(0);
        if (handlers != null) handlers.shutdown();
        Forwarder f = forwarder;
        if (f != null) f.close();
        if (handlers != null) awaitQuietly(handlers);
        notifier.shutdown();
        awaitQuietly(notifier);
        commitLock.lock();
        try {
            if (journal != null) journal.close();
        } catch (IOException ignored) {
            // every acknowledged line was written already; nothing to save here
        } finally {
            commitLock.unlock();
        }
        for (Waiter w : left) w.future.completeExceptionally(new IllegalStateException("the inbox closed"));
    }

    // ---- receiving ----

    private void handle(HttpExchange ex) {
        try (ex) {
            switch (ex.getRequestMethod()) {
                case "POST" -> receive(ex);
                case "GET" -> respond(ex, 200, summary());
                case "HEAD" -> {
                    ex.getResponseHeaders().set("Content-Type", "application/json");
                    ex.sendResponseHeaders(200, -1);
                }
                case "OPTIONS" -> {
                    ex.getResponseHeaders().set("Allow", "GET, HEAD, POST, OPTIONS");
                    ex.sendResponseHeaders(204, -1);
                }
                default -> {
                    ex.getResponseHeaders().set("Allow", "GET, HEAD, POST, OPTIONS");
                    respond(ex, 405, error("method " + ex.getRequestMethod()
                            + " is not accepted here: POST a delivery, or GET a summary"));
                }
            }
        } catch (IOException | RuntimeException e) {
            // The sender went away or sent something the JDK server could not frame; the connection closes.
        }
    }

    private void receive(HttpExchange ex) throws IOException {
        Instant receivedAt = Instant.now();
        long max = options.maxBodyBytes();
        long declared = declaredLength(ex);
        if (declared > max) {
            tooLarge(ex, max);
            return;
        }
        // Never read more than the limit plus one byte, whatever the sender claims or streams. The stream is not
        // closed here: closing drains it, and a 413 must go out before anything more is read.
        InputStream in = ex.getRequestBody();
        byte[] body = declared >= 0 ? in.readNBytes((int) declared) : in.readNBytes((int) max + 1);
        if (body.length > max) {
            tooLarge(ex, max);
            return;
        }
        if (closed) {
            respond(ex, 503, error("the inbox is shutting down"));
            return;
        }
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getRawPath();
        if (ex.getRequestURI().getRawQuery() != null) path += "?" + ex.getRequestURI().getRawQuery();
        Map<String, List<String>> headers = RequestHeaders.of(ex.getRequestHeaders());
        String text = new String(body, StandardCharsets.UTF_8);
        boolean utf8 = text.indexOf('\uFFFD') < 0 || isUtf8(body);
        Json.Body parsed = Json.parse(body);
        JsonLine tail = journal == null ? null : Journal.tail(receivedAt, method, path, headers, text, body, utf8);
        String bodyKey = body.length == 0 ? null : utf8 ? text : "\0base64:" + Base64.getEncoder().encodeToString(body);

        Entry entry;
        synchronized (appendLock) {
            long seq = ++nextSeq;
            long duplicateOf = 0;
            if (bodyKey != null) duplicateOf = seen(bodyKey, seq);
            Delivery d = new Delivery(seq, receivedAt, method, path, headers, text, parsed.payload(), parsed.json(),
                    duplicateOf > 0, duplicateOf, null);
            entry = new Entry(d, false, bodyKey, tail == null ? null : Journal.line(seq, duplicateOf, tail));
            pending.add(entry);
        }
        commit(entry);
        if (entry.state == Entry.FAILED) {
            respond(ex, 503, error("the journal could not be written (" + entry.failure + "); please retry"));
            return;
        }
        Delivery d = entry.delivery;
        Forwarder f = forwarder;
        if (f != null) f.forward(d, body, this::recordForward);
        respond(ex, 200, ("{\"ok\":true,\"seq\":" + d.seq()
                + (d.duplicate() ? ",\"duplicateOf\":" + d.duplicateOf() : "") + "}").getBytes(StandardCharsets.US_ASCII));
    }

    private void recordForward(Delivery d, ForwardResult result) {
        if (closed) return;
        Entry entry = new Entry(d.withForward(result), true, null,
                journal == null ? null : Journal.forwardLine(d.seq(), result));
        synchronized (appendLock) {
            pending.add(entry);
        }
        commit(entry);
    }

    private static long declaredLength(HttpExchange ex) {
        String value = ex.getRequestHeaders().getFirst("Content-Length");
        if (value == null) return -1;
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1; // the JDK server rejects such requests before we see them
        }
    }

    private static void tooLarge(HttpExchange ex, long max) throws IOException {
        // Closing the connection is what stops the sender; the JDK server drains at most a little of the rest.
        ex.getResponseHeaders().set("Connection", "close");
        respond(ex, 413, error("body larger than " + max + " bytes; nothing was kept"));
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    // ---- committing ----

    /** One line on its way to the journal: a new delivery, or the forward result of one. */
    private static final class Entry {
        static final int PENDING = 0, DONE = 1, FAILED = 2;
        final Delivery delivery;
        final boolean forward; // a forward result for an earlier delivery, not a new one
        final String bodyKey;  // null for forward results and empty bodies
        final byte[] line;     // null without a journal
        volatile int state;
        IOException failure;   // written before state, read after it

        Entry(Delivery delivery, boolean forward, String bodyKey, byte[] line) {
            this.delivery = delivery;
            this.forward = forward;
            this.bodyKey = bodyKey;
            this.line = line;
        }
    }

    /**
     * Returns once the entry is written and published, or has failed; possibly committing others' entries too.
     * Waiters are woken after the commit lock is released, so whatever their futures run cannot block commits.
     */
    private void commit(Entry entry) {
        while (entry.state == Entry.PENDING) {
            List<Runnable> wakeUps = null;
            commitLock.lock();
            try {
                if (entry.state != Entry.PENDING) break;
                ArrayList<Entry> batch;
                synchronized (appendLock) {
                    batch = pending;
                    pending = new ArrayList<>();
                }
                wakeUps = commitBatch(batch);
            } finally {
                commitLock.unlock();
                if (wakeUps != null) wakeUps.forEach(Runnable::run);
            }
        }
    }

    /** Writes and publishes a batch; returns the waiters to wake, or null. */
    private List<Runnable> commitBatch(List<Entry> batch) {
        if (batch.isEmpty()) return null;
        if (journal != null) {
            ByteBuffer[] lines = new ByteBuffer[batch.size()];
            for (int i = 0; i < lines.length; i++) lines[i] = ByteBuffer.wrap(batch.get(i).line);
            try {
                journal.write(lines);
            } catch (IOException | RuntimeException e) {
                IOException failure = e instanceof IOException io ? io : new IOException(e);
                synchronized (appendLock) {
                    // A retry of a lost delivery must not count as its duplicate.
                    for (Entry x : batch) if (x.bodyKey != null) firstByBody.remove(x.bodyKey, x.delivery.seq());
                }
                for (Entry x : batch) {
                    x.failure = failure;
                    x.state = Entry.FAILED;
                }
                return null;
            }
        }
        try {
            return publish(batch);
        } finally {
            for (Entry x : batch) x.state = Entry.DONE;
        }
    }

    /**
     * Makes a committed batch visible: the list, the waiters it satisfies (returned, to be woken) and, in order,
     * the listeners.
     */
    private List<Runnable> publish(List<Entry> batch) {
        List<Runnable> wakeUps = null;
        synchronized (stateLock) {
            for (Entry x : batch) {
                Delivery d = x.delivery;
                if (x.forward) {
                    int at = indexOf(d.seq());
                    if (at >= 0) deliveries.set(at, deliveries.get(at).withForward(d.forward()));
                    continue;
                }
                deliveries.add(d);
                if (deliveries.size() > keep + slack) deliveries.subList(0, deliveries.size() - keep).clear();
                for (int i = 0; i < waiters.size(); i++) {
                    Waiter w = waiters.get(i);
                    boolean matches;
                    try {
                        matches = w.filter.matches(d);
                    } catch (RuntimeException e) {
                        waiters.remove(i--);
                        if (wakeUps == null) wakeUps = new ArrayList<>();
                        wakeUps.add(() -> w.future.completeExceptionally(e));
                        continue;
                    }
                    if (matches) {
                        waiters.remove(i--);
                        if (wakeUps == null) wakeUps = new ArrayList<>();
                        wakeUps.add(() -> w.future.complete(d));
                    }
                }
            }
        }
        if (!deliveryListeners.isEmpty() || !forwardListeners.isEmpty()) {
            List<Entry> events = List.copyOf(batch);
            try {
                notifier.execute(() -> tell(events));
            } catch (RuntimeException closing) {
                // listeners are not told once the inbox closes
            }
        }
        return wakeUps;
    }

    private void tell(List<Entry> events) {
        for (Entry x : events) {
            for (Consumer<Delivery> l : x.forward ? forwardListeners : deliveryListeners) {
                try {
                    l.accept(x.delivery);
                } catch (RuntimeException e) {
                    // one listener's failure must not silence the others
                }
            }
        }
    }

    private record Waiter(DeliveryFilter filter, CompletableFuture<Delivery> future) {}

    /**
     * Records a body key; returns the seq of an earlier delivery with the same body, or 0. Looks back over the
     * last {@code keep} bodies only: Tableau's repeats come close together, and memory stays bounded.
     */
    private long seen(String key, long seq) {
        Long first = firstByBody.putIfAbsent(key, seq);
        if (first != null) return first;
        seenBodies.addLast(new Seen(key, seq));
        if (seenBodies.size() > keep) {
            Seen oldest = seenBodies.removeFirst();
            firstByBody.remove(oldest.key(), oldest.seq());
        }
        return 0;
    }

    private void restore(Journal.Contents earlier) {
        nextSeq = earlier.lastSeq();
        List<Delivery> loaded = earlier.deliveries();
        for (int i = 0; i < loaded.size(); i++) {
            Delivery d = loaded.get(i);
            byte[] body = earlier.bodies().get(i);
            if (d.duplicate() || body.length == 0) continue;
            seen(isUtf8(body) ? d.body() : "\0base64:" + Base64.getEncoder().encodeToString(body), d.seq());
        }
        deliveries.addAll(loaded);
    }

    /** Index of the oldest delivery that {@link #deliveries()} still shows. */
    private int firstKept() {
        return Math.max(0, deliveries.size() - keep);
    }

    /** Position of a seq in the list, which is always in seq order, or -1. */
    private int indexOf(long seq) {
        return Journal.indexOf(deliveries, seq);
    }

    // ---- small things ----

    private byte[] summary() {
        List<Delivery> last;
        int count;
        synchronized (stateLock) {
            count = deliveries.size() - firstKept();
            int from = Math.max(firstKept(), deliveries.size() - SUMMARY_LAST);
            last = new ArrayList<>(deliveries.subList(from, deliveries.size()));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("inbox", url.toString());
            g.writeNumberField("count", count);
            g.writeArrayFieldStart("last");
            for (int i = last.size() - 1; i >= 0; i--) {
                Delivery d = last.get(i);
                g.writeStartObject();
                g.writeNumberField("seq", d.seq());
                g.writeStringField("receivedAt", d.receivedAt().toString());
                g.writeStringField("summary", d.describe());
                if (d.payload() != null) g.writeObjectField("payload", d.payload().fields());
                if (d.forward() != null) g.writeStringField("forward", d.forward().describe());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    private static byte[] error(String message) {
        try {
            return (Json.MAPPER.writeValueAsString(Map.of("error", message)) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void respond(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /**
     * Forwards every later delivery to {@code target} as well (null stops forwarding), like starting with
     * {@code --forward-to}. Deliveries already received are not forwarded again.
     */
    public synchronized void forwardTo(URI target) {
        if (target != null) {
            String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || target.getHost() == null) {
                throw new IllegalArgumentException("forward-to needs an http(s) URL, not '" + target + "'");
            }
            if (forwardsToItself(options.withForwardTo(target), server.getAddress().getPort())) {
                throw new IllegalArgumentException("forward-to " + target
                        + " is this inbox itself; every delivery would come back forever");
            }
        }
        Forwarder old = forwarder;
        forwarder = target == null ? null : new Forwarder(target);
        if (old != null) old.close();
    }

    private static boolean forwardsToItself(InboxOptions options, int ownPort) {
        URI to = options.forwardTo();
        if (to == null || !"http".equalsIgnoreCase(to.getScheme())) return false;
        int port = to.getPort() < 0 ? 80 : to.getPort();
        if (port != ownPort) return false;
        String host = to.getHost().replaceAll("^\\[|]$", "");
        return LOCAL_NAMES.contains(host.toLowerCase(Locale.ROOT)) || host.equals(options.bind());
    }

    private static URI urlOf(String bind, int port) {
        String host = bind;
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("0:0:0:0:0:0:0:0")) host = "127.0.0.1";
        if (host.contains(":") && !host.startsWith("[")) host = "[" + host + "]";
        return URI.create("http://" + host + ":" + port + "/");
    }

    private static String human(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    private static void awaitQuietly(ExecutorService executor) {
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) executor.shutdownNow();
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

}
