package io.tabhook.inbox;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.HashMap;

/**
 * Which recent bodies were seen at which address, and the seq each first came with: the same body sent again to the
 * same address (path and query) is a duplicate. Tableau sends the same payload to every webhook subscribed to an
 * event, so the same body at two addresses ({@code ?hook=a}, {@code ?hook=b}) is two deliveries, not a repeat.
 * Bodies are known by a SHA-256 of address and bytes (32 bytes each, whatever the body's size); the window holds the
 * last {@code size} first-seen ones. Not thread-safe: the store calls it under its append lock.
 */
final class DuplicateWindow {
    private final int size;
    private final HashMap<ByteBuffer, Long> firstByBody = new HashMap<>();
    private final ArrayDeque<Seen> oldestFirst = new ArrayDeque<>(); // firstByBody's entries

    /** A body key in the window, and the seq it first came with. */
    private record Seen(ByteBuffer key, long seq) {}

    DuplicateWindow(int size) {
        this.size = size;
    }

    /** The key a delivery is compared by: the hash of its address and body; null for an empty body, never a duplicate. */
    static ByteBuffer key(String path, byte[] body) {
        if (body.length == 0) return null;
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every Java has SHA-256
        }
        sha.update(path.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0); // no path and body can run into each other: a path holds no NUL
        sha.update(body);
        return ByteBuffer.wrap(sha.digest());
    }

    /** Records a body key for {@code seq}; returns the seq of an earlier delivery with the same key, or 0. */
    long seen(ByteBuffer key, long seq) {
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
    void forget(ByteBuffer key, long seq) {
        firstByBody.remove(key, seq);
    }

    void clear() {
        firstByBody.clear();
        oldestFirst.clear();
    }
}
