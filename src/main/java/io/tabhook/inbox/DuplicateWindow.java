package io.tabhook.inbox;

import java.util.ArrayDeque;
import java.util.Base64;
import java.util.HashMap;

/**
 * Which recent bodies were seen, and the seq each first came with: a body identical to one of the last
 * {@code size} first-seen bodies is a duplicate. Tableau's repeats come close together, and memory stays bounded.
 * Not thread-safe: the store calls it under its append lock.
 */
final class DuplicateWindow {
    private final int size;
    private final HashMap<String, Long> firstByBody = new HashMap<>();
    private final ArrayDeque<Seen> oldestFirst = new ArrayDeque<>(); // firstByBody's entries

    /** A body key in the window, and the seq it first came with. */
    private record Seen(String key, long seq) {}

    DuplicateWindow(int size) {
        this.size = size;
    }

    /**
     * The key a body is compared by: its text when it is UTF-8 (the delivery holds that string already), else its
     * base64; null for an empty body, which is never a duplicate.
     */
    static String key(byte[] body, String text, boolean utf8) {
        if (body.length == 0) return null;
        return utf8 ? text : "\0base64:" + Base64.getEncoder().encodeToString(body);
    }

    /** Records a body key for {@code seq}; returns the seq of an earlier delivery with the same key, or 0. */
    long seen(String key, long seq) {
        Long first = firstByBody.putIfAbsent(key, seq);
        if (first != null) return first;
        oldestFirst.addLast(new Seen(key, seq));
        if (oldestFirst.size() > size) {
            Seen oldest = oldestFirst.removeFirst();
            firstByBody.remove(oldest.key(), oldest.seq());
        }
        return 0;
    }

    /** Forgets that {@code seq} brought this key: it was not journalled, and its retry is no duplicate. */
    void forget(String key, long seq) {
        firstByBody.remove(key, seq);
    }

    void clear() {
        firstByBody.clear();
        oldestFirst.clear();
    }
}
