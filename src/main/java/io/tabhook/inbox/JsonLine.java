package io.tabhook.inbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * Builds one journal line as UTF-8 bytes, by hand because it runs once per delivery on the request path; what it
 * writes is plain JSON that Jackson reads back.
 */
// Kept: scripts/bench inbox gave 0.79 x baseline with it, 0.69 with a Jackson generator (alternating runs, load 2-6).
final class JsonLine {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private byte[] bytes;
    private int size;

    JsonLine(int capacity) {
        bytes = new byte[Math.max(64, capacity)];
    }

    JsonLine raw(char c) throws JournalLine.TooLong {
        ensure(1);
        bytes[size++] = (byte) c;
        return this;
    }

    /** ASCII text known to need no escaping: keys, numbers, punctuation. */
    JsonLine raw(String ascii) throws JournalLine.TooLong {
        int n = ascii.length();
        ensure(n);
        for (int i = 0; i < n; i++) bytes[size++] = (byte) ascii.charAt(i);
        return this;
    }

    JsonLine number(long n) throws JournalLine.TooLong {
        return raw(Long.toString(n));
    }

    /**
     * A JSON string literal, quotes included; UTF-8 encoded here, in one pass with one capacity check per segment
     * (a whole short string; long ones in segments, so the worst case is not reserved for a huge body at once).
     */
    JsonLine string(String s) throws JournalLine.TooLong {
        int n = s.length();
        ensure(1);
        bytes[size++] = '"';
        for (int from = 0; from < n; ) from = segment(s, from, Math.min(n, from + SEGMENT));
        ensure(1);
        bytes[size++] = '"';
        return this;
    }

    private static final int SEGMENT = 64 * 1024;

    /** Writes chars {@code from} to about {@code to} (a pair split at the end is taken whole); returns where it ended. */
    private int segment(String s, int from, int to) throws JournalLine.TooLong {
        int n = s.length();
        ensure((to - from) * 6L + 6); // the worst case: every char escaped as six bytes
        byte[] b = bytes;
        int p = size;
        int i = from;
        for (; i < to; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\') {
                    b[p++] = (byte) c;
                    continue;
                }
                b[p++] = '\\';
                switch (c) {
                    case '"' -> b[p++] = '"';
                    case '\\' -> b[p++] = '\\';
                    case '\n' -> b[p++] = 'n';
                    case '\r' -> b[p++] = 'r';
                    case '\t' -> b[p++] = 't';
                    default -> {
                        b[p++] = 'u';
                        b[p++] = '0';
                        b[p++] = '0';
                        b[p++] = HEX[c >> 4];
                        b[p++] = HEX[c & 0xf];
                    }
                }
            } else if (c < 0x800) {
                b[p++] = (byte) (0xc0 | c >> 6);
                b[p++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                b[p++] = (byte) (0xf0 | cp >> 18);
                b[p++] = (byte) (0x80 | cp >> 12 & 0x3f);
                b[p++] = (byte) (0x80 | cp >> 6 & 0x3f);
                b[p++] = (byte) (0x80 | cp & 0x3f);
            } else if (Character.isSurrogate(c)) {
                b[p++] = '?'; // a lone surrogate, as String.getBytes writes it
            } else {
                b[p++] = (byte) (0xe0 | c >> 12);
                b[p++] = (byte) (0x80 | c >> 6 & 0x3f);
                b[p++] = (byte) (0x80 | c & 0x3f);
            }
        }
        size = p;
        return i;
    }

    /** An instant as {@code Instant.toString()} writes it: ISO-8601 UTC, only as many fraction digits as needed. */
    JsonLine instant(Instant t) throws JournalLine.TooLong {
        LocalDateTime utc = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC);
        int year = utc.getYear();
        if (year < 0 || year > 9999) return string(t.toString());
        raw('"');
        digits(year, 4).raw('-').digits(utc.getMonthValue(), 2).raw('-').digits(utc.getDayOfMonth(), 2).raw('T');
        digits(utc.getHour(), 2).raw(':').digits(utc.getMinute(), 2).raw(':').digits(utc.getSecond(), 2);
        int nano = t.getNano();
        if (nano > 0) {
            raw('.');
            if (nano % 1_000_000 == 0) digits(nano / 1_000_000, 3);
            else if (nano % 1_000 == 0) digits(nano / 1_000, 6);
            else digits(nano, 9);
        }
        return raw('Z').raw('"');
    }

    private JsonLine digits(int value, int width) throws JournalLine.TooLong {
        ensure(width);
        for (int i = width - 1; i >= 0; i--) {
            bytes[size + i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        size += width;
        return this;
    }

    private void ensure(long more) throws JournalLine.TooLong {
        long want = size + more;
        if (want <= bytes.length) return;
        if (want > JournalLine.MAX_BYTES) throw new JournalLine.TooLong();
        bytes = Arrays.copyOf(bytes, (int) Math.min(JournalLine.MAX_BYTES, Math.max(bytes.length * 2L, want)));
    }

    int size() {
        return size;
    }

    byte[] toBytes() {
        return Arrays.copyOf(bytes, size);
    }

    /** {@code head} (ASCII) followed by this line from byte {@code from} on, in one new array. */
    byte[] prefixed(String head, int from) {
        byte[] out = new byte[head.length() + size - from];
        for (int i = 0; i < head.length(); i++) out[i] = (byte) head.charAt(i);
        System.arraycopy(bytes, from, out, head.length(), size - from);
        return out;
    }
}
