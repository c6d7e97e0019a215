package io.tabhook.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InboxJournalTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private InboxOptions journalled() {
        return InboxOptions.defaults().withJournal(dir.resolve("journal/inbox.jsonl"));
    }

    private Path journal() {
        return dir.resolve("journal/inbox.jsonl");
    }

    @Test
    void deliveryIsInTheJournalWhenTheAcknowledgementArrives() throws IOException {
        try (Inbox inbox = Inbox.start(journalled())) {
            for (int i = 1; i <= 3; i++) {
                assertEquals(200, Sender.post(inbox.url(), Sender.fixture("workbook-created").replace("Q3", "Q" + i)).status());
                // read straight after the 2xx, while the inbox still runs: the line must be there already
                List<String> lines = Files.readAllLines(journal());
                assertEquals(i, lines.size());
                JsonNode line = JSON.readTree(lines.get(i - 1));
                assertEquals(i, line.get("seq").asLong());
                assertEquals("POST", line.get("method").asText());
                assertTrue(line.get("body").asText().contains("\"Q" + i + " Sales\""));
                assertEquals("TableauWebhooks/1.0", line.get("headers").get("User-Agent").get(0).asText());
            }
        }
    }

    @Test
    void restartWithTheSameJournalBringsDeliveriesBack() throws IOException {
        String body = Sender.fixture("workbook-created");
        try (Inbox inbox = Inbox.start(journalled())) {
            Sender.post(inbox.url(), body);
            Sender.post(inbox.url(), "plain text");
            Sender.post(inbox.url(), body);
        }
        try (Inbox again = Inbox.start(journalled())) {
            List<Delivery> all = again.deliveries();
            assertEquals(3, all.size());
            assertEquals("Q3 Sales", all.get(0).payload().resourceName());
            assertFalse(all.get(1).json());
            assertEquals("plain text", all.get(1).body());
            assertTrue(all.get(2).duplicate());
            assertEquals(1, all.get(2).duplicateOf());

            Sender.post(again.url(), body); // still a repeat of #1 after the restart, and seq carries on
            Delivery fourth = again.deliveries().get(3);
            assertEquals(4, fourth.seq());
            assertEquals(1, fourth.duplicateOf());
        }
    }

    @Test
    void tornLastLineAfterACrashIsCutOffAndLaterLinesStayReadable() throws IOException {
        try (Inbox inbox = Inbox.start(journalled())) {
            Sender.post(inbox.url(), Sender.fixture("workbook-created"));
        }
        // a crash in the middle of writing the second line
        Files.writeString(journal(), "{\"seq\":2,\"receivedAt\":\"2024-05-02T09:1", StandardOpenOption.APPEND);
        try (Inbox inbox = Inbox.start(journalled())) {
            assertEquals(1, inbox.deliveries().size());
            Sender.post(inbox.url(), Sender.fixture("datasource-refresh-failed"));
        }
        try (Inbox inbox = Inbox.start(journalled())) {
            List<Delivery> all = inbox.deliveries();
            assertEquals(2, all.size());
            assertEquals("DatasourceRefreshFailed", all.get(1).payload().eventType());
            assertEquals(2, all.get(1).seq());
        }
        for (String line : Files.readAllLines(journal())) JSON.readTree(line); // every line is whole JSON
    }

    @Test
    void unreadableLinesInTheMiddleAreSkipped() throws IOException {
        try (Inbox inbox = Inbox.start(journalled())) {
            Sender.post(inbox.url(), Sender.fixture("workbook-created"));
        }
        Files.writeString(journal(), "this line was edited by hand\n\n", StandardOpenOption.APPEND);
        try (Inbox inbox = Inbox.start(journalled())) {
            Sender.post(inbox.url(), "{}");
            assertEquals(List.of(1L, 2L), inbox.deliveries().stream().map(Delivery::seq).toList());
        }
    }

    @Test
    void secondInboxOnTheSameJournalIsRefused() throws IOException {
        try (Inbox first = Inbox.start(journalled())) {
            IOException e = assertThrows(IOException.class, () -> Inbox.start(journalled()));
            assertTrue(e.getMessage().contains("in use by another inbox"), e.getMessage());
            assertEquals(200, Sender.post(first.url(), "{}").status());
        }
    }

    @Test
    void fsyncModeJournalsBeforeAcknowledging() throws IOException {
        try (Inbox inbox = Inbox.start(journalled().withFsync(true))) {
            assertEquals(200, Sender.post(inbox.url(), Sender.fixture("workbook-created")).status());
            assertEquals(1, Files.readAllLines(journal()).size());
        }
    }

    @Test
    void clearedDeliveriesComeBackAfterARestartBecauseTheJournalKeepsHistory() throws IOException {
        try (Inbox inbox = Inbox.start(journalled())) {
            Sender.post(inbox.url(), "{}");
            inbox.clear();
        }
        try (Inbox inbox = Inbox.start(journalled())) {
            assertEquals(1, inbox.deliveries().size());
        }
    }

    @Test
    void journalLineIsWhatToJsonPrints() throws IOException {
        try (Inbox inbox = Inbox.start(journalled())) {
            Sender.post(inbox.url(), Sender.fixture("workbook-created").getBytes(StandardCharsets.UTF_8),
                    java.util.Map.of("Content-Type", "application/json"));
            assertEquals(Files.readAllLines(journal()).get(0), inbox.deliveries().get(0).toJson());
        }
    }

    @Test
    void memoryKeepsTheMostRecentDeliveriesAndTheJournalKeepsAll() throws IOException {
        InboxOptions options = journalled().withKeepInMemory(3);
        String first = "{\"n\":1}";
        try (Inbox inbox = Inbox.start(options)) {
            for (int n = 1; n <= 5; n++) Sender.post(inbox.url(), "{\"n\":" + n + "}");
            assertEquals(List.of(3L, 4L, 5L), inbox.deliveries().stream().map(Delivery::seq).toList());
            assertTrue(inbox.delivery(1).isEmpty());
            assertTrue(inbox.delivery(4).isPresent());
            Sender.post(inbox.url(), first); // #1 left the window: no longer known as a duplicate
            assertFalse(inbox.deliveries().get(2).duplicate());
            Sender.post(inbox.url(), "{\"n\":5}"); // #5 is still within it
            assertEquals(5, inbox.deliveries().get(2).duplicateOf());
        }
        assertEquals(7, Files.readAllLines(journal()).size());
        try (Inbox again = Inbox.start(options)) {
            assertEquals(List.of(5L, 6L, 7L), again.deliveries().stream().map(Delivery::seq).toList());
            Sender.post(again.url(), "{}");
            assertEquals(8, again.deliveries().get(2).seq());
        }
    }

    /**
     * Issue 10: the reader's limits were smaller than the writer's, so this delivery vanished and its seq came again.
     * Over HTTP such a header is now refused with 431 before it is a delivery; a relay can still hand one over.
     */
    @Test
    void headerNameOf60KbIsReadBackAfterARestartAndItsSeqNeverReused() throws IOException {
        String name = "X-" + "n".repeat(60_000);
        try (Inbox inbox = Inbox.start(journalled())) {
            Sender.post(inbox.url(), "{}");
            String head = "POST / HTTP/1.1\r\nHost: x\r\n" + name + ": v\r\nContent-Length: 0\r\n\r\n";
            assertEquals(431, Sender.rawStatus(inbox.url(), head, 0));
            inbox.receive(new Arrival(Instant.now(), "POST", "/relayed", Map.of(name, List.of("v")), new byte[0]));
            assertEquals(2, inbox.deliveries().get(1).seq());
        }
        try (Inbox again = Inbox.start(journalled())) {
            assertEquals(List.of("v"), again.delivery(2).orElseThrow().headers().get(name));
            Sender.post(again.url(), "{}");
            assertEquals(3, again.deliveries().get(2).seq());
        }
    }

    /** Issue 10: the same for a body over Jackson's default 20 MB string limit, with a raised --max-body. */
    @Test
    void bodyOver20MbIsReadBackAfterARestartAndItsSeqNeverReused() throws IOException {
        InboxOptions options = journalled().withMaxBodyBytes(32 * 1024 * 1024);
        String body = "{\"big\":\"" + "b".repeat(21_000_000) + "\"}";
        try (Inbox inbox = Inbox.start(options)) {
            assertEquals(200, Sender.post(inbox.url(), body).status());
        }
        try (Inbox again = Inbox.start(options)) {
            Delivery back = again.delivery(1).orElseThrow();
            assertEquals(body.length(), back.body().length());
            assertEquals(21_000_000, ((String) back.payload().fields().get("big")).length());
            Sender.post(again.url(), "{}");
            assertEquals(2, again.deliveries().get(1).seq());
        }
    }
}
