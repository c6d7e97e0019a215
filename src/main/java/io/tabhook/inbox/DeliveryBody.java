package io.tabhook.inbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A delivery's body, held once as its exact bytes: in memory while the delivery is among the recent ones that fit the
 * inbox's memory budget, else read back from its journal line when someone asks. Every copy of a delivery (with its
 * forward result, in a listener's queue, in a caller's variable) shares this one holder, so dropping the bytes from
 * memory frees them everywhere.
 */
public final class DeliveryBody {
    private volatile byte[] bytes; // null once dropped; then `line` says where to read it back
    private final int length;
    private final boolean utf8;
    private volatile JournalFile.Line line;

    DeliveryBody(byte[] bytes, boolean utf8) {
        this.bytes = bytes;
        this.length = bytes.length;
        this.utf8 = utf8;
    }

    /** A body known only by its journal line (a delivery read from a journal): read on demand. */
    DeliveryBody(int length, boolean utf8, JournalFile.Line line) {
        this.length = length;
        this.utf8 = utf8;
        this.line = line;
    }

    /** How many bytes the body has. */
    public int length() {
        return length;
    }

    /** Whether the bytes are UTF-8 text (the journal keeps other bodies as base64). */
    public boolean utf8() {
        return utf8;
    }

    /** Whether the bytes are in memory now, rather than to be read back from the journal. */
    public boolean inMemory() {
        return bytes != null;
    }

    /** A copy of the exact bytes. */
    public byte[] bytes() {
        byte[] b = raw();
        return b == bytes ? b.clone() : b;
    }

    /** The body as text; bytes that are not UTF-8 show as U+FFFD. */
    public String text() {
        return new String(raw(), StandardCharsets.UTF_8);
    }

    /** The bytes, not copied: for the inbox's own use (journal, forwarding), which never changes them. */
    byte[] raw() {
        byte[] b = bytes;
        if (b != null) return b;
        JournalFile.Line at = line;
        if (at == null) return new byte[0]; // not reached: bytes are only dropped once a line holds them
        try {
            return at.body();
        } catch (IOException e) {
            throw new UncheckedIOException("the body of this delivery is no longer in memory, and reading it back from "
                    + at.file() + " failed: " + e.getMessage(), e);
        }
    }

    /** Where the journal keeps this body; set once its line is written. */
    void journalledAt(JournalFile.Line at) {
        this.line = at;
    }

    /** Drops the bytes from memory if the journal holds them; returns how many bytes were freed. */
    long dropFromMemory() {
        if (line == null || bytes == null) return 0;
        bytes = null;
        return length;
    }

    /** Whether the bytes could be dropped: the journal holds them. */
    boolean journalled() {
        return line != null;
    }

    @Override
    public String toString() {
        return length + " bytes" + (utf8 ? "" : ", not UTF-8") + (inMemory() ? "" : ", in the journal");
    }

    /** Same bytes, wherever they are kept. */
    boolean sameBytes(DeliveryBody other) {
        return other != null && length == other.length && Arrays.equals(raw(), other.raw());
    }
}
