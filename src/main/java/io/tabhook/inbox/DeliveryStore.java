package io.tabhook.inbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * Where deliveries are kept: gives each {@link Arrival} its seq, marks duplicates, appends its line to the journal
 * (when there is one) and only then publishes it, in seq order, to the in-memory window and the
 * {@link Subscribers}; then hands it to the forwarder. However a delivery arrived, it goes through here.
 *
 * <p>Concurrent arrivals are committed in groups: each appends its entry to a pending batch, and whichever holds
 * the commit lock writes the whole batch in one system call (one {@code fsync} in fsync mode) and publishes it.
 */
final class DeliveryStore implements AutoCloseable {
    private final Journal journal; // null: memory only
    private final Subscribers subscribers;
    private final int keep;
    private final int slack;
    private final AtomicReference<Forwarder> forwarder = new AtomicReference<>();
    private volatile boolean closed;

    // Appending: sequence numbers, duplicate detection and the batch waiting to be committed.
    private final Object appendLock = new Object();
    private ArrayList<Entry> pending = new ArrayList<>();
    private long lastSeq;
    private final DuplicateWindow duplicates;

    // Committing: one thread at a time writes and publishes everything pending.
    private final ReentrantLock commitLock = new ReentrantLock();

    // Published: the last `keep` deliveries in seq order, plus up to `slack` older ones that are trimmed in one go
    // rather than one at a time.
    private final Object windowLock = new Object();
    private final ArrayList<Delivery> window = new ArrayList<>();

    /**
     * @param journal     the journal to append to, already read back with {@link #restore}; null for memory only
     * @param keepInMemory how many recent deliveries the window (and duplicate detection) holds
     */
    DeliveryStore(Journal journal, int keepInMemory, Subscribers subscribers) {
        this.journal = journal;
        this.subscribers = subscribers;
        this.keep = keepInMemory;
        this.slack = Math.max(64, keepInMemory / 4);
        this.duplicates = new DuplicateWindow(keepInMemory);
    }

    /**
     * Loads what the journal holds: the window gets its last deliveries (with their forward results), seq numbering
     * carries on, and duplicate detection knows the earlier bodies. Call once, before the first arrival.
     */
    void restore() throws IOException {
        if (journal == null) return;
        journal.read(bytes -> {
            JournalLine.Read line = JournalLine.read(bytes);
            if (line instanceof JournalLine.Forwarded f) {
                attachForward(f.seq(), f.result());
            } else if (line instanceof JournalLine.Stored s) {
                Delivery d = s.delivery();
                lastSeq = Math.max(lastSeq, d.seq());
                String key = DuplicateWindow.key(s.body(), d.body(), s.utf8());
                if (!d.duplicate() && key != null) duplicates.seen(key, d.seq());
                addToWindow(d);
            }
        });
    }

    /**
     * Keeps a delivery: returns once it is journalled and published (waiters matched, listeners told), and has
     * been handed to the forwarder if one is set.
     *
     * @throws JournalLine.TooLong when its journal line would be longer than any the journal can hold
     * @throws IOException         when the journal could not be written: nothing is kept, a retry is no duplicate
     * @throws IllegalStateException when the inbox is closing
     */
    Delivery accept(Arrival a) throws IOException {
        if (closed) throw new IllegalStateException("the inbox is shutting down");
        byte[] body = a.body();
        String text = new String(body, StandardCharsets.UTF_8);
        boolean utf8 = text.indexOf('\uFFFD') < 0 || isUtf8(body);
        Json.Body parsed = Json.parse(body);
        JsonLine tail = journal == null ? null
                : JournalLine.tail(a.receivedAt(), a.method(), a.path(), a.headers(), text, body, utf8);
        String key = DuplicateWindow.key(body, text, utf8);

        Entry entry;
        synchronized (appendLock) {
            long seq = ++lastSeq;
            long duplicateOf = key == null ? 0 : duplicates.seen(key, seq);
            Delivery d = new Delivery(seq, a.receivedAt(), a.method(), a.path(), a.headers(), text, parsed.payload(),
                    parsed.json(), duplicateOf > 0, duplicateOf, null);
            entry = new Entry(d, false, key, tail == null ? null : JournalLine.delivery(seq, duplicateOf, tail));
            pending.add(entry);
        }
        commit(entry);
        if (entry.state == Entry.FAILED) throw entry.failure;
        Forwarder f = forwarder.get();
        if (f != null) f.forward(entry.delivery, body, this::recordForward);
        return entry.delivery;
    }

    /** Forwards every later delivery with this forwarder (null: none); returns the one it replaces. */
    Forwarder forwardWith(Forwarder f) {
        return forwarder.getAndSet(f);
    }

    /** Journals a forward result and attaches it to its delivery, then tells the forward listeners. */
    private void recordForward(Delivery d, ForwardResult result) {
        if (closed) return;
        Entry entry = new Entry(d.withForward(result), true, null,
                journal == null ? null : JournalLine.forward(d.seq(), result));
        synchronized (appendLock) {
            pending.add(entry);
        }
        commit(entry);
    }

    /** What the window shows, oldest first. */
    List<Delivery> deliveries() {
        synchronized (windowLock) {
            return List.copyOf(window.subList(firstKept(), window.size()));
        }
    }

    /** How many deliveries the window shows. */
    int count() {
        synchronized (windowLock) {
            return window.size() - firstKept();
        }
    }

    /** The last {@code n} deliveries of the window, oldest first, and how many it holds in all. */
    Recent recent(int n) {
        synchronized (windowLock) {
            int count = window.size() - firstKept();
            int from = Math.max(firstKept(), window.size() - n);
            return new Recent(List.copyOf(window.subList(from, window.size())), count);
        }
    }

    record Recent(List<Delivery> last, int count) {}

    Optional<Delivery> delivery(long seq) {
        synchronized (windowLock) {
            int at = indexOf(seq);
            return at < firstKept() ? Optional.empty() : Optional.of(window.get(at));
        }
    }

    /** The most recent delivery in the window that matches; the test runs under the window's lock. */
    Optional<Delivery> latest(Predicate<Delivery> test) {
        synchronized (windowLock) {
            for (int i = window.size() - 1; i >= firstKept(); i--) {
                if (test.test(window.get(i))) return Optional.of(window.get(i));
            }
        }
        return Optional.empty();
    }

    /** Forgets the window and the bodies seen; seq numbering goes on and the journal keeps its history. */
    void clear() {
        synchronized (appendLock) {
            duplicates.clear();
        }
        synchronized (windowLock) {
            window.clear();
        }
    }

    /** Refuses new arrivals from now on and closes the journal once no commit is under way. */
    @Override
    public void close() {
        closed = true;
        commitLock.lock();
        try {
            if (journal != null) journal.close();
        } catch (IOException ignored) {
            // every acknowledged line was written already; nothing to save here
        } finally {
            commitLock.unlock();
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
            List<byte[]> lines = new ArrayList<>(batch.size());
            for (Entry x : batch) lines.add(x.line);
            try {
                journal.write(lines);
            } catch (IOException | RuntimeException e) {
                IOException failure = e instanceof IOException io ? io : new IOException(e);
                synchronized (appendLock) {
                    // A retry of a lost delivery must not count as its duplicate.
                    for (Entry x : batch) if (x.bodyKey != null) duplicates.forget(x.bodyKey, x.delivery.seq());
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
     * Makes a committed batch visible: the window, the waiters it satisfies (returned, to be woken) and, in order,
     * the listeners.
     */
    private List<Runnable> publish(List<Entry> batch) {
        List<Runnable> wakeUps = new ArrayList<>(0);
        synchronized (windowLock) {
            for (Entry x : batch) {
                if (x.forward) {
                    attachForward(x.delivery.seq(), x.delivery.forward());
                } else {
                    addToWindow(x.delivery);
                    subscribers.match(x.delivery, wakeUps);
                }
            }
        }
        if (subscribers.listening()) {
            List<Subscribers.Notice> notices = new ArrayList<>(batch.size());
            for (Entry x : batch) notices.add(new Subscribers.Notice(x.delivery, x.forward));
            subscribers.tell(notices);
        }
        return wakeUps;
    }

    private void addToWindow(Delivery d) {
        window.add(d);
        if (window.size() > keep + slack) window.subList(0, window.size() - keep).clear();
    }

    private void attachForward(long seq, ForwardResult result) {
        int at = indexOf(seq);
        if (at >= 0) window.set(at, window.get(at).withForward(result));
    }

    /** Index of the oldest delivery that {@link #deliveries()} still shows. */
    private int firstKept() {
        return Math.max(0, window.size() - keep);
    }

    /** Position of a seq in the window, which is always in seq order, or -1. */
    private int indexOf(long seq) {
        int lo = 0, hi = window.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long s = window.get(mid).seq();
            if (s < seq) lo = mid + 1;
            else if (s > seq) hi = mid - 1;
            else return mid;
        }
        return -1;
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
}
