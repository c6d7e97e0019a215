package io.tabhook.inbox;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The journal file: one JSON line per delivery, appended before the delivery is acknowledged, plus one line per
 * forward result. Only the inbox that holds the file's lock writes to it.
 */
final class Journal implements Closeable {
    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;
    private final boolean fsync;
    private long size;

    private Journal(Path path, FileChannel channel, FileLock lock, boolean fsync) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
        this.fsync = fsync;
    }

    static Journal open(Path path, boolean fsync) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IOException("journal " + path + " is in use by another inbox");
        }
        return new Journal(path, channel, lock, fsync);
    }

    Path path() { return path; }

    /** What an existing journal held: the last deliveries (oldest first) with their exact bodies. */
    record Contents(List<Delivery> deliveries, List<byte[]> bodies, long lastSeq, int skippedLines, boolean tornTail) {}

    /**
     * Reads the whole file and leaves the channel at its end. A last line without its newline is a write cut
     * short by a crash; it was never acknowledged, so it is cut off and the file stays valid JSON lines.
     * Other lines that cannot be read (edited by hand) are skipped and counted.
     *
     * @param keep how many of the most recent deliveries to return
     */
    Contents read(int keep) throws IOException {
        List<Delivery> deliveries = new ArrayList<>();
        List<byte[]> bodies = new ArrayList<>();
        int slack = Math.max(64, keep / 4);
        long lastSeq = 0;
        int skipped = 0;
        long offset = 0;
        long lastLineEnd = 0;
        channel.position(0);
        InputStream in = Channels.newInputStream(channel);
        byte[] chunk = new byte[64 * 1024];
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int n;
        while ((n = in.read(chunk)) > 0) {
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (chunk[i] != '\n') continue;
                line.write(chunk, start, i - start);
                start = i + 1;
                lastLineEnd = offset + i + 1;
                byte[] bytes = line.toByteArray();
                line.reset();
                if (isBlank(bytes)) continue;
                try {
                    JsonNode node = Json.MAPPER.readTree(bytes);
                    if (node.has("forwardOf")) {
                        int at = indexOf(deliveries, node.get("forwardOf").asLong());
                        if (at >= 0) deliveries.set(at, deliveries.get(at).withForward(forwardResult(node)));
                    } else if (node.has("seq")) {
                        byte[] body = body(node);
                        Delivery d = delivery(node, body);
                        deliveries.add(d);
                        bodies.add(body);
                        lastSeq = Math.max(lastSeq, d.seq());
                        if (deliveries.size() > keep + slack) {
                            deliveries.subList(0, deliveries.size() - keep).clear();
                            bodies.subList(0, bodies.size() - keep).clear();
                        }
                    } else {
                        skipped++;
                    }
                } catch (IOException | RuntimeException e) {
                    skipped++;
                }
            }
            line.write(chunk, start, n - start);
            offset += n;
        }
        if (deliveries.size() > keep) {
            deliveries.subList(0, deliveries.size() - keep).clear();
            bodies.subList(0, bodies.size() - keep).clear();
        }
        boolean torn = line.size() > 0;
        if (torn) channel.truncate(lastLineEnd);
        size = lastLineEnd;
        channel.position(size);
        return new Contents(deliveries, bodies, lastSeq, skipped, torn);
    }

    /**
     * Appends whole lines in one gathering write; with fsync, forces them to disk before returning. A failed write
     * is cut back off, so a later line never follows half a line.
     */
    void write(ByteBuffer[] lines) throws IOException {
        long start = size;
        long want = 0;
        for (ByteBuffer b : lines) want += b.remaining();
        try {
            long done = 0;
            while (done < want) done += channel.write(lines);
            if (fsync) channel.force(false);
            size = start + want;
        } catch (IOException e) {
            try {
                channel.truncate(start);
                channel.position(start);
            } catch (IOException ignored) {
                // the original failure is the one to report
            }
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (channel.isOpen() && fsync) channel.force(false);
            lock.release();
        } finally {
            channel.close();
        }
    }

    // ---- line format ----

    /**
     * Everything of a delivery line except its sequence fields, as {@code {"receivedAt":…}\n}. It is made before
     * the delivery has a seq, outside the inbox's lock; {@link #line} puts the seq in front.
     */
    static JsonLine tail(Instant receivedAt, String method, String path, Map<String, List<String>> headers,
                         String body, byte[] rawBody, boolean utf8) {
        JsonLine line = new JsonLine(320 + body.length() * 9 / 8);
        line.raw("{\"receivedAt\":").instant(receivedAt)
                .raw(",\"method\":").string(method)
                .raw(",\"path\":").string(path)
                .raw(",\"headers\":{");
        boolean first = true;
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            if (!first) line.raw(',');
            first = false;
            line.string(h.getKey()).raw(":[");
            List<String> values = h.getValue();
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) line.raw(',');
                line.string(values.get(i));
            }
            line.raw(']');
        }
        line.raw('}');
        if (utf8) line.raw(",\"body\":").string(body);
        else line.raw(",\"bodyBase64\":").string(Base64.getEncoder().encodeToString(rawBody));
        return line.raw('}').raw('\n');
    }

    /** A whole delivery line: {@code {"seq":12,"duplicateOf":9,} + the tail without its opening brace. */
    static byte[] line(long seq, long duplicateOf, JsonLine tail) {
        String head = "{\"seq\":" + seq + "," + (duplicateOf > 0 ? "\"duplicateOf\":" + duplicateOf + "," : "");
        return tail.prefixed(head, 1);
    }

    /** A delivery's journal line without the newline. */
    static String deliveryJson(Delivery d) {
        byte[] line = line(d.seq(), d.duplicateOf(), tail(d.receivedAt(), d.method(), d.path(), d.headers(), d.body(), null, true));
        return new String(line, 0, line.length - 1, StandardCharsets.UTF_8);
    }

    /** {@code {"forwardOf":12,"target":"…","status":200,"ms":12}}, or {@code "error":"…"} instead of the status. */
    static byte[] forwardLine(long seq, ForwardResult r) {
        JsonLine line = new JsonLine(160);
        line.raw("{\"forwardOf\":").number(seq).raw(",\"target\":").string(String.valueOf(r.target()));
        if (r.error() == null) line.raw(",\"status\":").number(r.status());
        else line.raw(",\"error\":").string(r.error());
        return line.raw(",\"ms\":").number(r.millis()).raw('}').raw('\n').toBytes();
    }

    private static byte[] body(JsonNode node) {
        if (node.hasNonNull("bodyBase64")) return Base64.getDecoder().decode(node.get("bodyBase64").asText());
        return node.path("body").asText("").getBytes(StandardCharsets.UTF_8);
    }

    private static Delivery delivery(JsonNode node, byte[] body) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("headers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> h = it.next();
            List<String> values = new ArrayList<>();
            if (h.getValue().isArray()) h.getValue().forEach(v -> values.add(v.asText()));
            else values.add(h.getValue().asText());
            headers.put(h.getKey(), values);
        }
        Json.Body parsed = Json.parse(body);
        long duplicateOf = node.path("duplicateOf").asLong(0);
        return new Delivery(node.get("seq").asLong(), Instant.parse(node.get("receivedAt").asText()),
                node.path("method").asText("POST"), node.path("path").asText("/"), headers,
                new String(body, StandardCharsets.UTF_8), parsed.payload(), parsed.json(), duplicateOf > 0,
                duplicateOf, null);
    }

    private static ForwardResult forwardResult(JsonNode node) {
        URI target = URI.create(node.path("target").asText(""));
        String error = node.hasNonNull("error") ? node.get("error").asText() : null;
        return new ForwardResult(target, node.path("status").asInt(0), node.path("ms").asLong(0), error);
    }

    /** Position of a seq in a list kept in seq order (as the journal writes it), or -1. */
    static int indexOf(List<Delivery> deliveries, long seq) {
        int lo = 0, hi = deliveries.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long s = deliveries.get(mid).seq();
            if (s < seq) lo = mid + 1;
            else if (s > seq) hi = mid - 1;
            else return mid;
        }
        return -1;
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) if (b != ' ' && b != '\t' && b != '\r') return false;
        return true;
    }
}
