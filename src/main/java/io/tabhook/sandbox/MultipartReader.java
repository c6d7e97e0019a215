package io.tabhook.sandbox;

import io.tabhook.api.MalformedBodyException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@code multipart/mixed} (or {@code multipart/form-data}) body read part by part as it arrives, never whole: each
 * part's body is a stream that ends at the next boundary, so a publish's file can go straight to disk. Bounded: a
 * part's headers (10,240 bytes, as Tableau's own parser allows), the preamble and the number of parts; a part's body
 * is bounded by whoever reads it. Lines end in CRLF as RFC 2046 says; a body that never shows its boundary, or ends
 * without the closing {@code --boundary--}, is malformed.
 */
final class MultipartReader {
    static final int MAX_HEADER_BYTES = 10_240;
    static final int MAX_PREAMBLE_BYTES = 10_240;
    static final int MAX_PARTS = 16;
    private static final int BUFFER = 64 * 1024;
    private static final byte[] CRLF = {'\r', '\n'};

    /** One part: its headers (names in any case) and its body, which ends at the next boundary. */
    record Part(Map<String, String> headers, InputStream body) {
        /** The {@code name} parameter of Content-Disposition ({@code request_payload}, {@code tableau_workbook}). */
        String name() { return dispositionParameter("name"); }

        /** The {@code filename} parameter of Content-Disposition, or null. */
        String filename() { return dispositionParameter("filename"); }

        String contentType() { return headers.get("Content-Type"); }

        private String dispositionParameter(String key) {
            return parameter(headers.get("Content-Disposition"), key);
        }
    }

    private final InputStream in;
    private final byte[] delimiter;   // CRLF "--" boundary
    private final byte[] buf = new byte[BUFFER];
    private int pos;
    private int limit;
    private boolean eof;
    private boolean finished;
    private int parts;
    private PartBody current;

    private MultipartReader(InputStream in, String boundary) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * A reader of a body whose Content-Type names a boundary.
     *
     * @throws MalformedBodyException when the Content-Type is not multipart or has no usable boundary
     */
    static MultipartReader of(InputStream in, String contentType) {
        if (!isMultipart(contentType)) {
            throw new MalformedBodyException("the body must be multipart/mixed (a request_payload part and the file), "
                    + "not " + (contentType == null ? "a body without Content-Type" : contentType));
        }
        String boundary = parameter(contentType, "boundary");
        if (boundary == null || boundary.isEmpty() || boundary.length() > 70) {
            throw new MalformedBodyException("the multipart Content-Type needs a boundary of 1 to 70 characters");
        }
        return new MultipartReader(in, boundary);
    }

    static boolean isMultipart(String contentType) {
        return contentType != null && contentType.strip().toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    /**
     * The next part, or null after the closing boundary. What the caller left unread of the previous part is
     * skipped.
     */
    Part next() throws IOException {
        if (finished) return null;
        if (current == null) {
            skipPreamble();
        } else {
            current.skipRest();
        }
        current = null;
        // After a delimiter: "--" closes the body; otherwise optional blanks (transport padding), then CRLF.
        if (startsWith("--")) {
            finished = true;
            return null;
        }
        while (fill(1) && (buf[pos] == ' ' || buf[pos] == '\t')) pos++;
        if (!startsWith("\r\n")) throw malformed("a boundary line must end in CRLF");
        pos += 2;
        if (++parts > MAX_PARTS) throw malformed("more than " + MAX_PARTS + " parts");
        Map<String, String> headers = readHeaders();
        current = new PartBody();
        return new Part(headers, current);
    }

    /** Skips what comes before the first boundary, which may start the body without a CRLF before it. */
    private void skipPreamble() throws IOException {
        // Treat the body as if it began with CRLF, so the first boundary is found like every other.
        fill(delimiter.length);
        if (matchesAt(pos, delimiter, 2)) {
            pos += delimiter.length - 2;
            return;
        }
        int skipped = 0;
        while (true) {
            if (!fill(delimiter.length)) throw malformed("no boundary found; is the boundary in Content-Type right?");
            int at = indexOf(delimiter, pos, limit);
            if (at >= 0) {
                skipped += at - pos;
                pos = at + delimiter.length;
                break;
            }
            int keep = Math.max(pos, limit - delimiter.length + 1);
            skipped += keep - pos;
            pos = keep;
            if (skipped > MAX_PREAMBLE_BYTES) throw malformed("no boundary within the first " + MAX_PREAMBLE_BYTES + " bytes");
        }
        if (skipped > MAX_PREAMBLE_BYTES) throw malformed("no boundary within the first " + MAX_PREAMBLE_BYTES + " bytes");
    }

    private Map<String, String> readHeaders() throws IOException {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        int used = 0;
        while (true) {
            int lineEnd;
            while (true) {
                lineEnd = indexOf(CRLF, pos, limit);
                if (lineEnd >= 0) break;
                if (limit - pos + used > MAX_HEADER_BYTES) throw malformed("a part's headers are over " + MAX_HEADER_BYTES + " bytes");
                if (!fill(limit - pos + 1)) throw malformed("the body ended inside a part's headers");
            }
            used += lineEnd - pos + 2;
            if (used > MAX_HEADER_BYTES) throw malformed("a part's headers are over " + MAX_HEADER_BYTES + " bytes");
            String line = new String(buf, pos, lineEnd - pos, StandardCharsets.UTF_8);
            pos = lineEnd + 2;
            if (line.isEmpty()) return headers;
            int colon = line.indexOf(':');
            if (colon <= 0) throw malformed("a part header without a colon: " + line);
            headers.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
        }
    }

    /** A part's body: the bytes up to the next delimiter. */
    private final class PartBody extends InputStream {
        private boolean done;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) return -1;
            if (len == 0) return 0;
            if (!fill(delimiter.length)) throw malformed("the body ended inside a part; the closing boundary is missing");
            // Only a delimiter starting within the next len bytes matters, so only that much is searched.
            int at = indexOf(delimiter, pos, Math.min(limit, pos + len + delimiter.length - 1));
            if (at == pos) {
                pos += delimiter.length;
                done = true;
                return -1;
            }
            int n = at >= 0 ? at - pos : Math.min(len, limit - pos - delimiter.length + 1);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            return n;
        }

        void skipRest() throws IOException {
            byte[] sink = new byte[8192];
            while (read(sink, 0, sink.length) >= 0) {
                // discarded: the caller did not want the rest
            }
        }
    }

    // ---- the buffer ----

    /** Makes at least {@code n} bytes available from {@code pos}; false when the stream ends first. */
    private boolean fill(int n) throws IOException {
        if (limit - pos >= n) return true;
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        while (limit < n && !eof) {
            int r = in.read(buf, limit, buf.length - limit);
            if (r < 0) eof = true;
            else limit += r;
        }
        return limit - pos >= n;
    }

    private boolean startsWith(String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return fill(b.length) && matchesAt(pos, b, 0);
    }

    private boolean matchesAt(int at, byte[] pattern, int from) {
        if (limit - at < pattern.length - from) return false;
        for (int i = from; i < pattern.length; i++) if (buf[at + i - from] != pattern[i]) return false;
        return true;
    }

    private int indexOf(byte[] pattern, int from, int to) {
        byte first = pattern[0];
        for (int i = from; i <= to - pattern.length; i++) {
            if (buf[i] == first && matchesAt(i, pattern, 0)) return i;
        }
        return -1;
    }

    private static MalformedBodyException malformed(String why) {
        return new MalformedBodyException("malformed multipart body: " + why);
    }

    /** A parameter of a header value such as {@code form-data; name="request_payload"}; quotes removed. */
    static String parameter(String header, String key) {
        if (header == null) return null;
        for (String piece : Separated.split(header, ';')) {
            int eq = piece.indexOf('=');
            if (eq < 0 || !piece.substring(0, eq).strip().equalsIgnoreCase(key)) continue;
            String v = piece.substring(eq + 1).strip();
            if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                v = v.substring(1, v.length() - 1).replaceAll("\\\\(.)", "$1");
            }
            return v;
        }
        return null;
    }
}
