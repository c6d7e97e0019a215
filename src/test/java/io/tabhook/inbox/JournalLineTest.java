package io.tabhook.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every line the journal writes reads back exactly, and journals written by earlier versions still load. */
class JournalLineTest {
    /** How tabhook read a line before the inbox came in parts: Jackson's tree with its default limits. */
    private static final ObjectMapper EARLIER_READER = new ObjectMapper();

    @TempDir
    Path dir;

    private static byte[] withoutNewline(byte[] line) {
        assertEquals('\n', line[line.length - 1]);
        return Arrays.copyOf(line, line.length - 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "{\"a\":\"b\\\\c\"}", "tab\there\nnew\rline", "\u0000\u0001\u001f\u007f",
            "Zürich – Ünïcødé", "emoji 😀 and 日本語", "mixed é\"\\ end", "\u2028\u2029", "\ufffd"})
    void everyStringReadsBackExactlyWhereverItStands(String s) throws IOException {
        Instant at = Instant.parse("2024-05-02T09:15:27.118204Z");
        Map<String, List<String>> headers = RequestHeaders.of(Map.of("X-Odd", List.of(s, s + "2"), "N" + s, List.of("v")));
        byte[] body = s.getBytes(StandardCharsets.UTF_8);
        byte[] line = withoutNewline(JournalLine.delivery(7, 3,
                JournalLine.tail(at, "POST", "/p?q=" + s, headers, s, body, true)));

        JournalLine.Stored read = assertInstanceOf(JournalLine.Stored.class, JournalLine.read(line));
        Delivery d = read.delivery();
        assertEquals(7, d.seq());
        assertEquals(3, d.duplicateOf());
        assertEquals(at, d.receivedAt());
        assertEquals("/p?q=" + s, d.path());
        assertEquals(headers, d.headers());
        assertEquals(s, d.body());
        assertArrayEquals(body, read.body());

        JsonNode earlier = EARLIER_READER.readTree(line);
        assertEquals(s, earlier.get("body").asText(), new String(line, StandardCharsets.UTF_8));
        assertEquals(at.toString(), earlier.get("receivedAt").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-05-02T09:15:27Z", "2024-05-02T09:15:27.100Z", "2024-05-02T09:15:27.123456Z",
            "2024-05-02T09:15:27.123456789Z", "1970-01-01T00:00:00Z", "2024-12-31T23:59:59.000001Z"})
    void receivedAtIsWrittenAsInstantToStringDoes(String iso) throws IOException {
        Instant t = Instant.parse(iso);
        byte[] line = JournalLine.delivery(1, 0, JournalLine.tail(t, "POST", "/", Map.of(), "", new byte[0], true));
        assertEquals(iso, EARLIER_READER.readTree(line).get("receivedAt").asText());
    }

    @Test
    void bytesThatAreNotUtf8ReadBackExactly() throws IOException {
        byte[] body = {(byte) 0xff, (byte) 0xfe, 0, 'x', (byte) 0x80};
        String text = new String(body, StandardCharsets.UTF_8);
        byte[] line = withoutNewline(JournalLine.delivery(1, 0,
                JournalLine.tail(Instant.now(), "POST", "/", Map.of(), text, body, false)));
        JournalLine.Stored read = (JournalLine.Stored) JournalLine.read(line);
        assertArrayEquals(body, read.body());
        assertFalse(read.utf8());
        assertTrue(EARLIER_READER.readTree(line).has("bodyBase64"));
    }

    @Test
    void forwardResultsReadBack() throws IOException {
        URI target = URI.create("http://localhost:9000/hook");
        for (ForwardResult r : List.of(new ForwardResult(target, 200, 12, null),
                new ForwardResult(target, 0, 5001, "connection refused \"quoted\""))) {
            byte[] line = withoutNewline(JournalLine.forward(42, r));
            JournalLine.Forwarded read = assertInstanceOf(JournalLine.Forwarded.class, JournalLine.read(line));
            assertEquals(42, read.seq());
            assertEquals(r, read.result());
            assertEquals(r.toJson(42), new String(line, StandardCharsets.UTF_8));
        }
    }

    /** The file was written by {@code tabhook inbox --forward-to …} at commit 92b175a, with curl as the sender. */
    @Test
    void aJournalWrittenBeforeTheInboxCameInPartsLoads() throws Exception {
        Path journal = dir.resolve("inbox.jsonl");
        try (InputStream in = getClass().getResourceAsStream("/journal/written-by-92b175a.jsonl")) {
            Files.copy(in, journal);
        }
        String workbookCreated = Sender.fixture("workbook-created") + "\n";
        try (Inbox inbox = Inbox.start(InboxOptions.defaults().withJournal(journal))) {
            List<Delivery> all = inbox.deliveries();
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L), all.stream().map(Delivery::seq).toList());
            assertEquals("Q3 Sales", all.get(0).payload().resourceName());
            assertEquals(workbookCreated, all.get(0).body());
            assertEquals(1, all.get(1).duplicateOf());
            Delivery text = all.get(2);
            assertEquals("/hooks/tableau?team=sales", text.path());
            assertEquals("[redacted]", text.header("authorization"));
            assertEquals("plain text with \"quotes\", a tab\t, a newline\n and Zürich 😀 日本語", text.body());
            assertFalse(text.json());
            assertEquals("/raw", all.get(3).path());
            assertEquals(Map.of("a", Arrays.asList(1, 2.5, true, null)),
                    all.get(4).payload().fields().get("extra"));
            for (Delivery d : all) assertEquals(501, d.forward().status());

            // seq carries on, and the earlier bodies are still known
            Delivery next = inbox.receive(new Arrival(Instant.now(), "POST", "/", Map.of(),
                    workbookCreated.getBytes(StandardCharsets.UTF_8)));
            assertEquals(6, next.seq());
            assertEquals(1, next.duplicateOf());
        }
        List<String> lines = Files.readAllLines(journal);
        JsonNode last = EARLIER_READER.readTree(lines.get(lines.size() - 1));
        assertEquals(6, last.get("seq").asLong());
        assertNull(last.get("bodyBase64"));
    }

    @Test
    void theNonUtf8BodyOfAnEarlierJournalKeepsItsBytes() throws Exception {
        Path journal = dir.resolve("inbox.jsonl");
        try (InputStream in = getClass().getResourceAsStream("/journal/written-by-92b175a.jsonl")) {
            Files.copy(in, journal);
        }
        byte[] raw = {(byte) 0xff, (byte) 0xfe, 0, 'b', 'i', 'n', 'a', 'r', 'y', (byte) 0x80};
        try (Inbox inbox = Inbox.start(InboxOptions.defaults().withJournal(journal))) {
            Delivery again = inbox.receive(new Arrival(Instant.now(), "POST", "/raw", Map.of(), raw));
            assertEquals(4, again.duplicateOf()); // the same bytes as #4, compared exactly
        }
    }
}
