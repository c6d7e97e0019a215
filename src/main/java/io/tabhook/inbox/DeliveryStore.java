package io.tabhook.inbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * Where deliveries are kept: gives each {@link Arrival} its seq, marks duplicates (the same body to the same
 * address), appends its line to the journal (when there is one) and only then publishes it, in seq order, to the
 * in-memory window and the {@link Subscribers}; then hands it to the forwarder. However a delivery arrived, it goes
 * through here, and what the journal cannot take is neither published nor acknowledged (the caller gets the
 * exception).
 *
 * <p>Concurrent arrivals are committed in groups: each appends its entry to a pending batch, and whichever holds
 * the commit lock writes the whole batch in one system call (one {@code fsync} in fsync mode) and publishes it.
 */
final class DeliveryStore implements AutoCloseable {
    private final Journal journal; // null: memory only
    private final Subscribers subscribers;
    private final AtomicReference<Forwarder> forwarder = new AtomicReference<>();
    /** Deliveries kept while forwarding was on and not yet handed to the forwarder. */
    private final Set<Long> handingOver = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    // Appending: sequence numbers, duplicate detection and the batch waiting to be committed.
    private final Object appendLock = new Object();
    private ArrayList<Entry> pending = new ArrayList<>();
    private long lastSeq;
    private final DuplicateWindow duplicates;

    // Committing: one thread at a time writes and publishes everything pending.
    private final ReentrantLock commitLock = new ReentrantLock();

    // Published: the recent deliveries, within their count and memory budget.
    private final Object windowLock = new Object();
    private final RecentDeliveries window;

    /**
     * @param journal      the journal to append to, read back with {@link #restore}; null for memory only
     * @param keepInMemory how many recent deliveries the window (and duplicate detection) holds
     * @param memoryBudget bytes the window may hold, bodies included; older bodies are read back from the journal
     */
    DeliveryStore(Journal journal, int keepInMemory, long memoryBudget, Subscribers subscribers) {
        this.journal = journal;
        this.subscribers = subscribers;
        this.duplicates = new DuplicateWindow(keepInMemory);
        this.window = new RecentDeliveries(keepInMemory, memoryBudget);
    }

    /**
     * Loads what the journal holds: the window gets its last deliveries (with their forward results), seq numbering
     * carries on past every number the journal holds (a line that cannot be read, or one a crash cut short, included),
     * and duplicate detection knows the earlier bodies. Call once, before the first arrival.
     */
    void restore() throws IOException {
        if (journal == null) return;
        JournalFile.End end = journal.restore((bytes, at) -> {
            JournalLine.Read line;
            try {
                line = JournalLine.read(bytes, at);
            } catch (IOException | RuntimeException unreadable) {
                lastSeq = Math.max(lastSeq, JournalFile.seqOf(bytes));
                throw unreadable;
            }
            if (line instanceof JournalLine.Forwarded f) {
                Delivery d = window.get(f.seq());
                if (d != null) window.replace(d.withForward(f.result()));
            } else if (line instanceof JournalLine.Stored s) {
                Delivery d = s.delivery();
                lastSeq = Math.max(lastSeq, d.seq());
                ByteBuffer key = DuplicateWindow.key(d.path(), s.body());
                if (!d.duplicate() && key != null) duplicates.seen(key, d.seq());
                window.add(d);
            }
        });
        lastSeq = Math.max(lastSeq, JournalFile.seqOf(end.unfinishedStart()));
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
        // The text lives only while the line is made: the delivery keeps the bytes alone.
        String text = new String(body, StandardCharsets.UTF_8);
        boolean utf8 = text.indexOf('\uFFFD') < 0 || isUtf8(body);
        DeliveryBody content = new DeliveryBody(body, utf8);
        Json.Body parsed = Json.parse(body, content);
        JsonLine tail = journal == null ? null
                : JournalLine.tail(a.receivedAt(), a.method(), a.path(), a.headers(), utf8 ? text : "", body, utf8);
        text = null;
        ByteBuffer key = DuplicateWindow.key(a.path(), body);

        Entry entry;
        synchronized (appendLock) {
            long seq = ++lastSeq;
            long duplicateOf = key == null ? 0 : duplicates.seen(key, seq);
            Delivery d = new Delivery(seq, a.receivedAt(), a.method(), a.path(), a.headers(), content,
                    parsed.payload(), parsed.json(), duplicateOf, null);
            entry = new Entry(d, Entry.NEW, key, tail == null ? null : JournalLine.delivery(seq, duplicateOf, tail));
            pending.add(entry);
            // a waiter may see it before the forwarder has it: forwardComing answers for the moment between
            if (forwarder.get() != null) handingOver.add(seq);
        }
        try {
            commit(entry);
            if (entry.state == Entry.FAILED) throw entry.failure;
            Forwarder f = forwarder.get();
            if (f != null) f.forward(entry.delivery, this::recordForward);
        } finally {
            handingOver.remove(entry.delivery.seq());
        }
        return entry.delivery;
    }

    /** Whether delivery {@code seq} has a forward result to come: being handed to the forwarder, or on its way. */
    boolean forwardComing(long seq) {
        if (handingOver.contains(seq)) return true;
        Forwarder f = forwarder.get();
        return f != null && f.pending(seq);
    }

    /** Forwards every later delivery with this forwarder (null: none); returns the one it replaces. */
    Forwarder forwardWith(Forwarder f) {
        return forwarder.getAndSet(f);
    }

    /** The forwarder now, or null. */
    Forwarder forwarder() {
        return forwarder.get();
    }

    /** Journals a forward result and attaches it to its delivery, then tells the forward listeners. */
    private void recordForward(Delivery d, ForwardResult result) {
        record(d, result, Entry.FORWARD);
    }

    /**
     * Journals a replay's result and attaches it to its delivery, as its latest forward result; listeners are not told
     * (whoever replayed gets the result).
     *
     * @return the delivery with that result
     * @throws IOException when the journal could not take the result (the replay itself happened)
     */
    Delivery recordReplay(Delivery d, ForwardResult result) throws IOException {
        Entry entry = record(d, result.asReplay(), Entry.REPLAY);
        if (entry != null && entry.state == Entry.FAILED) throw entry.failure;
        return d.withForward(result.asReplay());
    }

    private Entry record(Delivery d, ForwardResult result, int kind) {
        if (closed) return null;
        Entry entry = new Entry(d.withForward(result), kind, null,
                journal == null ? null : JournalLine.forward(d.seq(), result));
        synchronized (appendLock) {
            pending.add(entry);
        }
        commit(entry);
        return entry;
    }

    /** What the window shows, oldest first. */
    List<Delivery> deliveries() {
        synchronized (windowLock) {
            return window.all();
        }
    }

    /** How many deliveries the window shows. */
    int count() {
        synchronized (windowLock) {
            return window.count();
        }
    }

    /** The last {@code n} deliveries of the window, oldest first, and how many it holds in all. */
    Recent recent(int n) {
        synchronized (windowLock) {
            return new Recent(window.last(n), window.count());
        }
    }

    record Recent(List<Delivery> last, int count) {}

    /** The delivery with this seq from the window, or else (with a journal) read back from the journal. */
    Optional<Delivery> delivery(long seq) throws IOException {
        synchronized (windowLock) {
            Delivery d = window.get(seq);
            if (d != null) return Optional.of(d);
        }
        List<Delivery> found = fromJournal(seq, seq);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** The delivery with this seq if the window holds it. */
    Optional<Delivery> recentDelivery(long seq) {
        synchronized (windowLock) {
            return Optional.ofNullable(window.get(seq));
        }
    }

    /**
     * Deliveries {@code from} to {@code to} (inclusive) with their latest forward results, oldest first: from the
     * window when it holds them all, else from the journal (bodies read back when asked for).
     */
    List<Delivery> range(long from, long to) throws IOException {
        synchronized (windowLock) {
            // The window is every delivery since its oldest: holding `from`, it holds the rest of the range too.
            if (journal == null || window.get(from) != null) {
                List<Delivery> out = new ArrayList<>();
                for (Delivery d : window.all()) if (d.seq() >= from && d.seq() <= to) out.add(d);
                return out;
            }
        }
        return fromJournal(from, to);
    }

    private List<Delivery> fromJournal(long from, long to) throws IOException {
        if (journal == null) return List.of();
        return JournalQuery.scan(journal.path(), DeliveryFilter.any().where("#" + from + " to #" + to,
                d -> d.seq() >= from && d.seq() <= to), Integer.MAX_VALUE).deliveries();
    }

    /** The journal's file, or null for memory only. */
    java.nio.file.Path journalPath() {
        return journal == null ? null : journal.path();
    }

    /** The highest seq given out so far. */
    long lastSeq() {
        synchronized (appendLock) {
            return lastSeq;
        }
    }

    /** The most recent delivery in the window that matches; the test runs outside the store's locks. */
    Optional<Delivery> latest(Predicate<Delivery> test) {
        List<Delivery> all = deliveries();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (test.test(all.get(i))) return Optional.of(all.get(i));
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

    /** One line on its way to the journal: a new delivery, or the forward (or replay) result of one. */
    private static final class Entry {
        static final int PENDING = 0, DONE = 1, FAILED = 2;
        static final int NEW = 0, FORWARD = 1, REPLAY = 2;
        final Delivery delivery;
        final int kind;
        final ByteBuffer bodyKey; // null for results and empty bodies
        final byte[] line;        // null without a journal
        volatile int state;
        IOException failure;      // written before state, read after it

        Entry(Delivery delivery, int kind, ByteBuffer bodyKey, byte[] line) {
            this.delivery = delivery;
            this.kind = kind;
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
            long at;
            try {
                at = journal.write(lines);
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
            for (Entry x : batch) {
                if (x.kind == Entry.NEW) {
                    x.delivery.content().journalledAt(new JournalFile.Line(journal.path(), at, x.line.length - 1));
                }
                at += x.line.length;
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
                if (x.kind == Entry.NEW) {
                    window.add(x.delivery);
                    subscribers.match(x.delivery, wakeUps);
                } else {
                    window.replace(x.delivery);
                    if (x.kind == Entry.FORWARD) subscribers.forwarded(x.delivery, wakeUps);
                }
            }
        }
        if (subscribers.listening()) {
            List<Subscribers.Notice> notices = new ArrayList<>(batch.size());
            for (Entry x : batch) {
                if (x.kind != Entry.REPLAY) notices.add(new Subscribers.Notice(x.delivery, x.kind == Entry.FORWARD));
            }
            if (!notices.isEmpty()) subscribers.tell(notices);
        }
        return wakeUps;
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
