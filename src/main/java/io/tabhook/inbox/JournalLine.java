package io.tabhook.inbox;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
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
     * Everything of a delivery line except its sequence fields, as {@code {"receivedAt":…}\n}. It is made before
     * the delivery has a seq, outside the store's lock; {@link #delivery} puts the seq in front.
     *
     * @param text the body as UTF-8 text; written when {@code utf8}, else the raw bytes are written as base64
     */
    static JsonLine tail(Instant receivedAt, String method, String path, Map<String, List<String>> headers,
                         String text, byte[] body, boolean utf8) throws TooLong {
        JsonLine line = new JsonLine(320 + text.length() * 9 / 8);
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
        if (utf8) line.raw(",\"body\":").string(text);
        else line.raw(",\"bodyBase64\":").string(Base64.getEncoder().encodeToString(body));
        line.raw('}').raw('\n');
        if (line.size() > MAX_BYTES - HEAD_ROOM) throw new TooLong();
        return line;
    }

    /** Room left in a tail for the seq fields {@link #delivery} puts in front. */
    private static final int HEAD_ROOM = 64;

    /** A whole delivery line: {@code {"seq":12,"duplicateOf":9,} + the tail without its opening brace. */
    static byte[] delivery(long seq, long duplicateOf, JsonLine tail) {
        String head = "{\"seq\":" + seq + "," + (duplicateOf > 0 ? "\"duplicateOf\":" + duplicateOf + "," : "");
        return tail.prefixed(head, 1);
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
        try {
            JsonLine line = new JsonLine(160);
            line.raw("{\"forwardOf\":").number(seq).raw(",\"target\":").string(String.valueOf(r.target()));
            if (r.error() == null) line.raw(",\"status\":").number(r.status());
            else line.raw(",\"error\":").string(r.error());
            return line.raw(",\"ms\":").number(r.millis()).raw('}').raw('\n').toBytes();
        } catch (TooLong e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
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
