package io.tabhook.inbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The deliveries the inbox holds in memory, in seq order: at most {@code keep} of them, within a memory budget.
 * The newest keep their bodies while the bodies fit the budget; an older one keeps what identifies it (seq, time,
 * address, headers, the payload's six fields) and has its body read back from the journal when asked. Without a
 * journal a body cannot be read back, so an older delivery leaves memory whole instead. Not thread-safe: the store
 * calls it under its window lock.
 */
final class RecentDeliveries {
    /** What a delivery costs beyond its strings, roughly: the objects that hold them. */
    private static final int OVERHEAD = 400;

    private final int keep;
    private final long budget;
    private final int slack;
    private final ArrayList<Delivery> list = new ArrayList<>();
    private int first;          // the oldest kept; entries before it are trimmed in one go later
    private int firstInMemory;  // the oldest whose body may still be in memory
    private long bytes;         // what the kept entries hold, estimated

    RecentDeliveries(int keep, long budget) {
        this.keep = keep;
        this.budget = budget;
        this.slack = Math.max(64, keep / 4);
    }

    void add(Delivery d) {
        list.add(d);
        bytes += held(d) + (d.content().inMemory() ? d.content().length() : 0);
        while (count() > keep) removeOldest();
        while (bytes > budget && count() > 0) {
            if (firstInMemory < first) firstInMemory = first;
            if (firstInMemory < list.size() && list.get(firstInMemory).content().journalled()) {
                bytes -= list.get(firstInMemory++).content().dropFromMemory();
            } else {
                removeOldest(); // nothing to read it back from: the delivery goes whole
            }
        }
        if (first > slack) {
            list.subList(0, first).clear();
            firstInMemory = Math.max(0, firstInMemory - first);
            first = 0;
        }
    }

    private void removeOldest() {
        Delivery d = list.get(first);
        list.set(first++, null);
        bytes -= held(d) + (d.content().inMemory() ? d.content().length() : 0);
    }

    /** What a delivery keeps in memory besides its body, roughly. */
    static long held(Delivery d) {
        long n = OVERHEAD + d.path().length() + d.method().length();
        for (Map.Entry<String, List<String>> h : d.headers().entrySet()) {
            n += h.getKey().length() + 40;
            for (String v : h.getValue()) n += v.length() + 16;
        }
        Payload p = d.payload();
        if (p != null) {
            n += length(p.resource()) + length(p.eventType()) + length(p.resourceName()) + length(p.siteLuid())
                    + length(p.resourceLuid()) + length(p.createdAt());
        }
        return n;
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }

    int count() {
        return list.size() - first;
    }

    /** Estimated bytes held. */
    long bytes() {
        return bytes;
    }

    /** All kept, oldest first. */
    List<Delivery> all() {
        return List.copyOf(list.subList(first, list.size()));
    }

    /** The last {@code n}, oldest first. */
    List<Delivery> last(int n) {
        return List.copyOf(list.subList(Math.max(first, list.size() - n), list.size()));
    }

    /** The delivery with this seq, or null. */
    Delivery get(long seq) {
        int at = indexOf(seq);
        return at < 0 ? null : list.get(at);
    }

    /** Replaces a kept delivery by its updated record (its forward result); false when it is not kept. */
    boolean replace(Delivery d) {
        int at = indexOf(d.seq());
        if (at < 0) return false;
        list.set(at, d);
        return true;
    }

    void clear() {
        list.clear();
        first = 0;
        firstInMemory = 0;
        bytes = 0;
    }

    /** Position of a seq among the kept ones, which are always in seq order, or -1. */
    private int indexOf(long seq) {
        int lo = first, hi = list.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long s = list.get(mid).seq();
            if (s < seq) lo = mid + 1;
            else if (s > seq) hi = mid - 1;
            else return mid;
        }
        return -1;
    }
}
