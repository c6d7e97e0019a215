package io.tabhook.inbox;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One line of the journal, both ways: a delivery ({@code {"seq":…,"receivedAt":…,"body":…}}) or the forward result
 * of one ({@code {"forwardOf":…}}). {@code docs/inbox.md} describes the format; lines written by earlier versions
 * read back unchanged.
 */
final class JournalLine {
    private JournalLine() {}

    /**
     * The longest line the writer writes and the reader reads, in bytes: as long as a Java array can be. No string in
     * a line (header name or value, body) can be longer, so the reader's Jackson limits are this too; its defaults
     * (50,000 chars for a name, 20 M for a string) are smaller than what a sender may send, and a delivery
     * acknowledged with a longer header name or body was skipped on restart and its seq reused.
     */
    static final int MAX_BYTES = Integer.MAX_VALUE - 16;

    /** The reader's limits: every line the writer can write reads back. */
    static final StreamReadConstraints READ_LIMITS = StreamReadConstraints.builder()
            .maxDocumentLength(MAX_BYTES).maxStringLength(MAX_BYTES).maxNameLength(MAX_BYTES).build();

    /** A delivery whose line would be longer than {@link #MAX_BYTES}: it cannot be journalled, so it is refused. */
    static final class TooLong extends IOException {
        TooLong() {
            super("the delivery is too large to journal (a line holds at most " + MAX_BYTES + " bytes)");
        }
    }

    // ---- writing ----

    /**
     * Writes UTF-8 as it is, a character outside the BMP included (not as a pair of escapes). A hand-written encoder
     * saved 0.7 µs a line (2.1 against 1.4 µs), which scripts/bench inbox could not tell apart from its noise.
     */
    private static final JsonFactory WRITER = JsonFactory.builder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

    /**
     * Everything of a delivery line except its sequence fields, as {@code {"receivedAt":…}\n}. It is made before
     * the delivery has a seq, outside the store's lock; {@link #delivery} puts the seq in front.
     *
     * @param text the body as UTF-8 text; written when {@code utf8}, else the raw bytes are written as base64
     */
    static Tail tail(Instant receivedAt, String method, String path, Map<String, List<String>> headers,
                     String text, byte[] body, boolean utf8) throws TooLong {
        Tail line = new Tail(320 + text.length() * 9 / 8);
        try (JsonGenerator g = WRITER.createGenerator(line)) {
            g.writeStartObject();
            g.writeStringField("receivedAt", receivedAt.toString());
            g.writeStringField("method", method);
            g.writeStringField("path", path);
            g.writeObjectFieldStart("headers");
            for (Map.Entry<String, List<String>> h : headers.entrySet()) {
                g.writeArrayFieldStart(h.getKey());
                for (String v : h.getValue()) g.writeString(v);
                g.writeEndArray();
            }
            g.writeEndObject();
            if (utf8) g.writeStringField("body", text);
            else g.writeStringField("bodyBase64", Base64.getEncoder().encodeToString(body));
            g.writeEndObject();
        } catch (TooLong e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail otherwise
        }
        line.write('\n');
        if (line.size > MAX_BYTES - HEAD_ROOM) throw new TooLong();
        return line;
    }

    /** Room left in a tail for the seq fields {@link #delivery} puts in front. */
    private static final int HEAD_ROOM = 64;

    /** A delivery line in the making: bytes that refuse to grow past {@link #MAX_BYTES}. */
    static final class Tail extends OutputStream {
        private byte[] bytes;
        private int size;

        private Tail(int capacity) {
            bytes = new byte[capacity];
        }

        @Override
        public void write(int b) throws TooLong {
            ensure(1);
            bytes[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int from, int length) throws TooLong {
            ensure(length);
            System.arraycopy(b, from, bytes, size, length);
            size += length;
        }

        private void ensure(int more) throws TooLong {
            long want = (long) size + more;
            if (want <= bytes.length) return;
            if (want > MAX_BYTES) throw new TooLong();
            bytes = Arrays.copyOf(bytes, (int) Math.min(MAX_BYTES, Math.max(bytes.length * 2L, want)));
        }
    }

    /** A whole delivery line: {@code {"seq":12,"duplicateOf":9,} + the tail without its opening brace. */
    static byte[] delivery(long seq, long duplicateOf, Tail tail) {
        byte[] head = ("{\"seq\":" + seq + "," + (duplicateOf > 0 ? "\"duplicateOf\":" + duplicateOf + "," : ""))
                .getBytes(StandardCharsets.US_ASCII);
        byte[] line = Arrays.copyOf(head, head.length + tail.size - 1);
        System.arraycopy(tail.bytes, 1, line, head.length, tail.size - 1);
        return line;
    }

    /** A delivery's line without the newline, as the journal holds it. */
    static String of(Delivery d) {
        try {
            byte[] line = delivery(d.seq(), d.duplicateOf(),
                    tail(d.receivedAt(), d.method(), d.path(), d.headers(), d.body(), null, true));
            return new String(line, 0, line.length - 1, StandardCharsets.UTF_8);
        } catch (TooLong e) {
            throw new IllegalStateException(e.getMessage(), e); // the delivery was journalled, so its line fits
        }
    }

    /** {@code {"forwardOf":12,"target":"…","status":200,"ms":12}}, or {@code "error":"…"} instead of the status. */
    static byte[] forward(long seq, ForwardResult r) {
        Tail line = new Tail(256);
        try (JsonGenerator g = WRITER.createGenerator(line)) {
            g.writeStartObject();
            g.writeNumberField("forwardOf", seq);
            g.writeStringField("target", String.valueOf(r.target()));
            if (r.error() == null) g.writeNumberField("status", r.status());
            else g.writeStringField("error", r.error());
            g.writeNumberField("ms", r.millis());
            g.writeEndObject();
            g.flush();
            line.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a few hundred bytes at most
        }
        return Arrays.copyOf(line.bytes, line.size);
    }

    // ---- reading ----

    /** A line read back. */
    sealed interface Read permits Stored, Forwarded {}

    /** A delivery line, with the body's exact bytes and whether they were UTF-8 (not base64). */
    record Stored(Delivery delivery, byte[] body, boolean utf8) implements Read {}

    /** A forward-result line: what the forward target made of delivery {@code seq}. */
    record Forwarded(long seq, ForwardResult result) implements Read {}

    /**
     * Reads one line: a {@link Stored} delivery or a {@link Forwarded} result.
     *
     * @throws IOException when the line is not one the inbox writes
     */
    static Read read(byte[] line) throws IOException {
        JsonNode node = Json.MAPPER.readTree(line);
        if (node.has("forwardOf")) {
            URI target = URI.create(node.path("target").asText(""));
            String error = node.hasNonNull("error") ? node.get("error").asText() : null;
            return new Forwarded(node.get("forwardOf").asLong(),
                    new ForwardResult(target, node.path("status").asInt(0), node.path("ms").asLong(0), error));
        }
        if (!node.has("seq")) throw new IOException("neither a delivery nor a forward result");
        boolean utf8 = !node.hasNonNull("bodyBase64");
        byte[] body = utf8 ? node.path("body").asText("").getBytes(StandardCharsets.UTF_8)
                : Base64.getDecoder().decode(node.get("bodyBase64").asText());
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
        Delivery d = new Delivery(node.get("seq").asLong(), Instant.parse(node.get("receivedAt").asText()),
                node.path("method").asText("POST"), node.path("path").asText("/"), headers,
                new String(body, StandardCharsets.UTF_8), parsed.payload(), parsed.json(), duplicateOf > 0,
                duplicateOf, null);
        return new Stored(d, body, utf8);
    }
}
