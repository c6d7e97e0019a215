package io.tabhook.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InboxReceivingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private Inbox inbox;

    private Inbox start(InboxOptions options) throws IOException {
        inbox = Inbox.start(options);
        return inbox;
    }

    @AfterEach
    void close() {
        if (inbox != null) inbox.close();
    }

    @Test
    void urlIsLoopbackWithTheChosenPort() throws IOException {
        start(InboxOptions.defaults());
        assertEquals("127.0.0.1", inbox.url().getHost());
        assertTrue(inbox.url().getPort() > 0);
        assertEquals("/", inbox.url().getPath());
    }

    @Test
    void tableauPayloadArrivesParsedWithItsHeaders() throws IOException {
        start(InboxOptions.defaults());
        Sender.Reply reply = Sender.post(inbox.url(), Sender.fixture("workbook-created"));
        assertEquals(200, reply.status());
        assertEquals(1, JSON.readTree(reply.body()).get("seq").asLong());

        Delivery d = inbox.deliveries().get(0);
        assertEquals(1, d.seq());
        assertEquals("POST", d.method());
        assertEquals("/", d.path());
        assertTrue(d.json());
        assertFalse(d.duplicate());
        assertEquals("WORKBOOK", d.payload().resource());
        assertEquals("WorkbookCreated", d.payload().eventType());
        assertEquals("Q3 Sales", d.payload().resourceName());
        assertEquals("8b2a95d8-52b9-40a4-8712-cd6da771bd1b", d.payload().siteLuid());
        assertEquals("e341c6a8-208f-438e-b0a1-df3ff789ca51", d.payload().resourceLuid());
        assertEquals("2024-05-02T09:15:27Z", d.payload().createdAt());
        assertEquals("TableauWebhooks/1.0", d.header("user-agent"));
        assertEquals("utf-8", d.header("CHARSET"));
        assertEquals(Sender.fixture("workbook-created"), d.body());
        assertEquals("WorkbookCreated WORKBOOK \"Q3 Sales\" (#1)", d.describe());
    }

    @Test
    void extraPayloadFieldsAreKept() throws IOException {
        start(InboxOptions.defaults());
        String body = Sender.fixture("datasource-refresh-failed").replace("}", ",\"text\":\"extra\",\"n\":7}");
        Sender.post(inbox.url(), body);
        Payload p = inbox.deliveries().get(0).payload();
        assertEquals("DatasourceRefreshFailed", p.eventType());
        assertEquals("extra", p.fields().get("text"));
        assertEquals(7, p.fields().get("n"));
        assertEquals(8, p.fields().size());
        assertTrue(p.pretty().contains("\n  \"event_type\" : \"DatasourceRefreshFailed\""), p.pretty());
    }

    @Test
    void payloadFieldsKeepTheirJsonTypesFlatOrNested() throws IOException {
        start(InboxOptions.defaults());
        Sender.post(inbox.url(), "{\"event_type\":\"WorkbookCreated\",\"n\":7,\"big\":12345678901,\"x\":1.5,"
                + "\"ok\":true,\"none\":null}");
        Sender.post(inbox.url(), "{\"event_type\":\"WorkbookCreated\",\"meta\":{\"tags\":[\"a\",\"b\"]},\"n\":7}");
        Map<String, Object> flat = inbox.deliveries().get(0).payload().fields();
        assertEquals(7, flat.get("n"));
        assertEquals(12345678901L, flat.get("big"));
        assertEquals(1.5, flat.get("x"));
        assertEquals(true, flat.get("ok"));
        assertTrue(flat.containsKey("none"));
        assertEquals(List.of("event_type", "n", "big", "x", "ok", "none"), List.copyOf(flat.keySet()));
        Map<String, Object> nested = inbox.deliveries().get(1).payload().fields();
        assertEquals(Map.of("tags", List.of("a", "b")), nested.get("meta"));
        assertEquals(7, nested.get("n"));
    }

    @Test
    void anyPathUnderTheInboxIsADelivery() throws IOException {
        start(InboxOptions.defaults());
        Sender.post(inbox.url().resolve("/hooks/tableau?team=sales"), Sender.fixture("workbook-created"));
        assertEquals("/hooks/tableau?team=sales", inbox.deliveries().get(0).path());
    }

    @Test
    void nonJsonBodyIsKeptRawAndFlagged() throws IOException {
        start(InboxOptions.defaults());
        Sender.Reply reply = Sender.post(inbox.url(), "event=WorkbookCreated&name=Sales".getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertEquals(200, reply.status());
        Delivery d = inbox.deliveries().get(0);
        assertFalse(d.json());
        assertNull(d.payload());
        assertEquals("event=WorkbookCreated&name=Sales", d.body());
        assertEquals("POST /: 32 bytes, not JSON (#1)", d.describe());
    }

    @Test
    void oddBodiesAreAcceptedAndFlaggedForWhatTheyAre() throws IOException {
        start(InboxOptions.defaults());
        Sender.post(inbox.url(), "[1,2,3]");                        // JSON, but no object
        Sender.post(inbox.url(), "{\"event_type\":\"WorkbookCreated\"} trailing"); // not JSON
        Sender.post(inbox.url(), "");                               // empty
        Sender.post(inbox.url(), "{\"resource\":\"WORKBOOK\"");     // cut short
        List<Delivery> all = inbox.deliveries();
        assertEquals(4, all.size());
        assertTrue(all.get(0).json());
        assertNull(all.get(0).payload());
        assertFalse(all.get(1).json());
        assertFalse(all.get(2).json());
        assertEquals("", all.get(2).body());
        assertFalse(all.get(3).json());
    }

    @Test
    void bytesThatAreNotUtf8AreKeptExactlyInTheJournal(@TempDir Path tmp) throws IOException {
        Path journal = tmp.resolve("inbox.jsonl");
        start(InboxOptions.defaults().withJournal(journal));
        byte[] binary = {(byte) 0xff, (byte) 0xfe, 0, 'a', (byte) 0xc3};
        assertEquals(200, Sender.post(inbox.url(), binary, Map.of("Content-Type", "application/octet-stream")).status());
        Delivery d = inbox.deliveries().get(0);
        assertFalse(d.json());
        JsonNode line = JSON.readTree(Files.readAllLines(journal).get(0));
        assertEquals("//4AYcM=", line.get("bodyBase64").asText());
        assertFalse(line.has("body"));
    }

    @Test
    void bodyOverTheLimitGets413AndNothingIsKept() throws IOException {
        Path journal = dir.resolve("inbox.jsonl");
        start(InboxOptions.defaults().withJournal(journal).withMaxBodyBytes(1000));
        Sender.Reply reply = Sender.post(inbox.url(), "x".repeat(1001));
        assertEquals(413, reply.status());
        assertTrue(reply.body().contains("larger than 1000 bytes"), reply.body());
        assertEquals(0, inbox.deliveries().size());
        assertEquals(0, Files.size(journal));

        assertEquals(200, Sender.post(inbox.url(), "x".repeat(1000)).status()); // exactly the limit is fine
        assertEquals(1, inbox.deliveries().size());
        assertEquals(1, Files.readAllLines(journal).size());
    }

    @Test
    void hugeDeclaredBodyIsRefusedBeforeItIsSent() throws IOException {
        start(InboxOptions.defaults());
        URI url = inbox.url();
        String head = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 5000000000\r\n\r\n";
        assertEquals(413, Sender.rawStatus(url, head, 10_000));
        assertEquals(0, inbox.deliveries().size());
        assertEquals(200, Sender.post(url, Sender.fixture("workbook-created")).status());
    }

    @Test
    void streamedBodyOverTheLimitIsCutOffAt413() throws IOException {
        start(InboxOptions.defaults().withMaxBodyBytes(4096));
        String head = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n";
        String chunk = Integer.toHexString(8192) + "\r\n" + "y".repeat(8192) + "\r\n";
        assertEquals(413, Sender.rawStatus(inbox.url(), head + chunk, 0));
        assertEquals(0, inbox.deliveries().size());
        assertEquals(200, Sender.post(inbox.url(), "{}").status());
    }

    @Test
    void authorizationHeadersAreRedactedInMemoryAndJournal() throws IOException {
        Path journal = dir.resolve("inbox.jsonl");
        start(InboxOptions.defaults().withJournal(journal));
        Sender.post(inbox.url(), Sender.fixture("workbook-created").getBytes(StandardCharsets.UTF_8),
                Map.of("Authorization", "Bearer s3cr3t-token-value", "X-Tableau-Auth", "abc|def-token"));
        Delivery d = inbox.deliveries().get(0);
        assertEquals("[redacted]", d.header("authorization"));
        assertEquals("[redacted]", d.header("x-tableau-auth"));
        String onDisk = Files.readString(journal);
        assertFalse(onDisk.contains("s3cr3t"), onDisk);
        assertFalse(onDisk.contains("def-token"), onDisk);
    }

    @Test
    void byteIdenticalRepeatIsMarkedDuplicateButKept() throws IOException {
        start(InboxOptions.defaults());
        String body = Sender.fixture("workbook-created");
        Sender.post(inbox.url(), body);
        Sender.post(inbox.url(), Sender.fixture("datasource-refresh-failed"));
        Sender.Reply again = Sender.post(inbox.url(), body);
        Sender.post(inbox.url(), body.replace(",", ", ")); // same JSON, other bytes: not a duplicate

        assertEquals(200, again.status());
        assertEquals(1, JSON.readTree(again.body()).get("duplicateOf").asLong());
        List<Delivery> all = inbox.deliveries();
        assertEquals(4, all.size());
        assertTrue(all.get(2).duplicate());
        assertEquals(1, all.get(2).duplicateOf());
        assertEquals("WorkbookCreated WORKBOOK \"Q3 Sales\" (#3, duplicate of #1)", all.get(2).describe());
        assertFalse(all.get(1).duplicate());
        assertFalse(all.get(3).duplicate());
        assertEquals(0, all.get(3).duplicateOf());
    }

    @Test
    void emptyBodiesAreNeverDuplicates() throws IOException {
        start(InboxOptions.defaults());
        Sender.post(inbox.url(), "");
        Sender.post(inbox.url(), "");
        assertFalse(inbox.deliveries().get(1).duplicate());
    }

    @Test
    void clearForgetsDeliveriesAndSeenBodiesButSeqGoesOn() throws IOException {
        start(InboxOptions.defaults());
        String body = Sender.fixture("workbook-created");
        Sender.post(inbox.url(), body);
        inbox.clear();
        assertEquals(List.of(), inbox.deliveries());
        Sender.post(inbox.url(), body);
        Delivery d = inbox.deliveries().get(0);
        assertEquals(2, d.seq());
        assertFalse(d.duplicate());
    }

    @Test
    void getShowsASmallSummaryForCurl() throws IOException {
        start(InboxOptions.defaults());
        Sender.post(inbox.url(), Sender.fixture("workbook-created"));
        Sender.post(inbox.url(), "not json");
        Sender.Reply reply = Sender.get(inbox.url());
        assertEquals(200, reply.status());
        JsonNode summary = JSON.readTree(reply.body());
        assertEquals(2, summary.get("count").asInt());
        assertEquals(inbox.url().toString(), summary.get("inbox").asText());
        assertEquals(2, summary.get("last").get(0).get("seq").asLong()); // newest first
        assertEquals("WorkbookCreated", summary.get("last").get(1).get("payload").get("event_type").asText());
        assertEquals(2, inbox.deliveries().size()); // looking is no delivery
    }

    @Test
    void otherMethodsAreTurnedAwayPolitely() throws IOException {
        start(InboxOptions.defaults());
        Sender.Reply put = Sender.send(HttpRequest.newBuilder(inbox.url())
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertEquals(405, put.status());
        assertTrue(put.body().contains("POST a delivery"), put.body());
        Sender.Reply head = Sender.send(HttpRequest.newBuilder(inbox.url())
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, head.status());
        assertEquals(0, inbox.deliveries().size());
    }

    @Test
    void listenersHearEveryDeliveryInOrder() throws Exception {
        start(InboxOptions.defaults());
        java.util.concurrent.LinkedBlockingQueue<Long> heard = new java.util.concurrent.LinkedBlockingQueue<>();
        try (AutoCloseable ignored = inbox.onDelivery(d -> heard.add(d.seq()))) {
            for (int i = 0; i < 5; i++) Sender.post(inbox.url(), "{\"i\":" + i + "}");
            for (long seq = 1; seq <= 5; seq++) {
                assertEquals(seq, heard.poll(10, java.util.concurrent.TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void takenPortIsAClearError() throws IOException {
        start(InboxOptions.defaults());
        IOException e = assertThrows(IOException.class,
                () -> Inbox.start(InboxOptions.defaults().withPort(inbox.url().getPort())));
        assertTrue(e.getMessage().contains("cannot listen on 127.0.0.1:" + inbox.url().getPort()), e.getMessage());
    }

    @Test
    void badOptionsAreRefusedWithTheReason() {
        assertThrows(IllegalArgumentException.class, () -> InboxOptions.defaults().withPort(70000));
        assertThrows(IllegalArgumentException.class, () -> InboxOptions.defaults().withMaxBodyBytes(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InboxOptions.defaults().withForwardTo(URI.create("ftp://x/")));
        assertTrue(e.getMessage().contains("http(s) URL"), e.getMessage());
    }
}
