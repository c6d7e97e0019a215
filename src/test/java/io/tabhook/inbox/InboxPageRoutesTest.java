package io.tabhook.inbox;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The inbox page's data over plain HTTP (issue 14): the page or today's summary by {@code Accept}, the event stream,
 * the download, the replay, and the {@code Host}/{@code Origin} refusals every one of them shares.
 */
class InboxPageRoutesTest {
    /** A reference to anything not on the inbox itself: a script, sheet, font, image or request elsewhere. */
    private static final java.util.regex.Pattern EXTERNAL = java.util.regex.Pattern.compile(
            "(src|href)\\s*=\\s*[\"']?(https?:)?//|url\\(|@import|fetch\\(\\s*['\"](https?:)?//|EventSource\\(\\s*['\"](https?:)?//");
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Path dir;
    private Inbox inbox;

    @BeforeEach
    void start() throws IOException {
        dir = Files.createTempDirectory("tabhook-page-routes-");
        inbox = Inbox.start(InboxOptions.defaults().withPort(0).withJournal(dir.resolve("inbox.jsonl")));
    }

    @AfterEach
    void stop() {
        inbox.close();
    }

    // ---- the page, or today's answer ----

    @Test
    void aBrowserAskingForHtmlAtTheRootGetsThePageWithAPolicyThatLoadsNothingElse() throws Exception {
        HttpResponse<String> page = get("/", "text/html,application/xhtml+xml,*/*;q=0.8");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("<title>tabhook inbox</title>"), page.body());
        String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(policy.contains("default-src 'none'") && policy.contains("script-src 'self'"), policy);
        assertTrue(!EXTERNAL.matcher(page.body()).find(), "no external resource");
        for (String file : List.of("page.css", "page.js", "inbox.js")) {
            HttpResponse<String> f = get("/_tabhook/" + file, "*/*");
            assertEquals(200, f.statusCode(), file);
            assertTrue(!EXTERNAL.matcher(f.body()).find(), file + " loads nothing from elsewhere");
        }
        assertEquals(404, get("/_tabhook/sandbox.js", "*/*").statusCode(), "only the inbox's own page files");
    }

    @ParameterizedTest
    @ValueSource(strings = {"*/*", "application/json", ""})
    void curlAndJsonCallersStillGetTheSummary(String accept) throws Exception {
        Sender.post(inbox.url(), Sender.fixture("workbook-created"));
        HttpResponse<String> summary = get("/", accept);
        assertEquals(200, summary.statusCode());
        assertTrue(summary.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertTrue(summary.body().contains("\"count\" : 1"), summary.body());
    }

    @Test
    void htmlElsewhereThanTheRootIsTheSummaryAsBefore() throws Exception {
        HttpResponse<String> other = get("/hooks/tableau", "text/html");
        assertEquals(200, other.statusCode());
        assertTrue(other.body().contains("\"count\""), other.body());
    }

    // ---- stream ----

    @Test
    void theStreamSendsWhatIsHeldThenEachNewDeliveryAsItsJournalLine() throws Exception {
        Sender.post(inbox.url().resolve("/a"), Sender.payload("WorkbookCreated", "WORKBOOK", "First"));
        try (Events events = Events.open(inbox.url().resolve("/_tabhook/stream"), null)) {
            Event hello = events.next();
            assertEquals("hello", hello.name());
            assertTrue(hello.data().contains("\"inbox\":\"" + inbox.url() + "\""), hello.data());
            assertTrue(hello.data().contains("\"count\":1"), hello.data());
            Event first = events.next();
            assertEquals("delivery", first.name());
            assertEquals("1", first.id());
            assertEquals(inbox.delivery(1).orElseThrow().toJson(), first.data());
            assertEquals("live", events.next().name());

            Sender.post(inbox.url().resolve("/b"), Sender.payload("WorkbookDeleted", "WORKBOOK", "Second"));
            Event second = events.next();
            assertEquals("2", second.id());
            assertTrue(second.data().contains("\"path\":\"/b\"") && second.data().contains("Second"), second.data());
        }
    }

    @Test
    void theStreamSaysWhatTheForwardTargetAnswered() throws Exception {
        try (ForwardTarget target = new ForwardTarget();
             Events events = Events.open(inbox.url().resolve("/_tabhook/stream"), null)) {
            inbox.forwardTo(target.url());
            assertEquals("hello", events.next().name());
            assertEquals("live", events.next().name());
            Sender.post(inbox.url(), Sender.fixture("workbook-created"));
            assertEquals("delivery", events.next().name());
            Event forward = events.next();
            assertEquals("forward", forward.name());
            assertTrue(forward.data().startsWith("{\"seq\":1,\"ok\":true,\"result\":\"200 forwarded to " + target.url()),
                    forward.data());
        }
    }

    @Test
    void aRelaysAddressIsGivenToThePageBesideTheInboxs() throws Exception {
        inbox.relayAddress(URI.create("https://smee.example/abc123"));
        try (Events events = Events.open(inbox.url().resolve("/_tabhook/stream"), null)) {
            Event hello = events.next();
            assertTrue(hello.data().contains("\"relay\":\"https://smee.example/abc123\""), hello.data());
        }
    }

    @Test
    void aReconnectingPageIsSentOnlyWhatCameAfterTheLastSeqItGot() throws Exception {
        for (int i = 1; i <= 3; i++) Sender.post(inbox.url(), Sender.payload("WorkbookCreated", "WORKBOOK", "W" + i));
        try (Events events = Events.open(inbox.url().resolve("/_tabhook/stream"), "2")) {
            assertEquals("hello", events.next().name());
            Event only = events.next();
            assertEquals("3", only.id());
            assertEquals("live", events.next().name());
        }
    }

    @Test
    void anIdleStreamIsKeptOpenPastTheServersIdleTimeout() throws Exception {
        try (Events events = Events.open(inbox.url().resolve("/_tabhook/stream"), null)) {
            assertEquals("hello", events.next().name());
            assertEquals("live", events.next().name());
            Thread.sleep(TimeUnit.SECONDS.toMillis(io.tabhook.BoundedServer.IDLE_TIMEOUT_SECONDS + 2));
            Sender.post(inbox.url(), Sender.payload("WorkbookCreated", "WORKBOOK", "Late"));
            assertEquals("1", events.next().id());
        }
    }

    // ---- download ----

    @Test
    void theDownloadIsTheJournalAsJsonLines() throws Exception {
        Sender.post(inbox.url(), Sender.fixture("workbook-created"));
        Sender.post(inbox.url().resolve("/x"), "not json");
        HttpResponse<String> download = get("/_tabhook/download", "*/*");
        assertEquals(200, download.statusCode());
        assertEquals("application/x-ndjson", download.headers().firstValue("Content-Type").orElse(""));
        assertTrue(download.headers().firstValue("Content-Disposition").orElse("").contains("attachment"));
        assertEquals(Files.readString(dir.resolve("inbox.jsonl")), download.body());
        assertEquals(2, download.body().lines().count());
    }

    @Test
    void withoutAJournalTheDownloadIsWhatMemoryHolds() throws Exception {
        try (Inbox memory = Inbox.start(InboxOptions.defaults().withPort(0).withJournal(null))) {
            Sender.post(memory.url(), Sender.fixture("workbook-created"));
            HttpResponse<String> download = CLIENT.send(HttpRequest.newBuilder(memory.url().resolve("/_tabhook/download"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(memory.delivery(1).orElseThrow().toJson() + "\n", download.body());
        }
    }

    @Test
    void aLineBeingWrittenIsLeftOutOfTheDownload() throws Exception {
        Path file = dir.resolve("torn.jsonl");
        Files.writeString(file, "{\"seq\":1}\n{\"seq\":2}\n{\"seq\":3,\"bo");
        assertEquals("{\"seq\":1}\n{\"seq\":2}\n".length(), InboxPage.wholeLines(file));
    }

    // ---- replay ----

    @Test
    void replaySendsTheDeliveryToTheUrlAndSaysWhatCameOfIt() throws Exception {
        try (ForwardTarget target = new ForwardTarget()) {
            String body = Sender.fixture("workbook-created");
            Sender.post(inbox.url(), body);
            HttpResponse<String> answer = replay("{\"seq\":1,\"to\":\"" + target.url() + "\"}", null);
            assertEquals(200, answer.statusCode(), answer.body());
            assertTrue(answer.body().contains("\"ok\":true") && answer.body().contains("\"status\":200"), answer.body());
            ForwardTarget.Seen seen = target.next();
            assertNotNull(seen);
            assertEquals(body, seen.body());
            assertEquals("/local/tableau", seen.path());
            assertTrue(inbox.delivery(1).orElseThrow().forward().describe().startsWith("200 replayed to " + target.url()),
                    "the page replays as inbox.replay does: the result is the delivery's forward result");
            assertTrue(Files.readString(dir.resolve("inbox.jsonl")).contains("\"replay\":true"), "and journalled");
        }
    }

    @Test
    void replayFromThePagesOwnOriginIsAccepted() throws Exception {
        try (ForwardTarget target = new ForwardTarget()) {
            Sender.post(inbox.url(), Sender.fixture("workbook-created"));
            String own = "http://127.0.0.1:" + inbox.url().getPort();
            HttpResponse<String> answer = replay("{\"seq\":1,\"to\":\"" + target.url() + "\"}", own);
            assertEquals(200, answer.statusCode(), answer.body());
        }
    }

    @Test
    void replayFromAnotherOriginIsRefusedAndSendsNothing() throws Exception {
        try (ForwardTarget target = new ForwardTarget()) {
            Sender.post(inbox.url(), Sender.fixture("workbook-created"));
            HttpResponse<String> answer = replay("{\"seq\":1,\"to\":\"" + target.url() + "\"}", "http://evil.example");
            assertEquals(403, answer.statusCode());
            assertTrue(answer.body().contains("may not change anything here"), answer.body());
            assertEquals(null, target.next(), "nothing was sent");
        }
    }

    @Test
    void replayOfAnUnknownDeliveryOrToNoUrlOrToTheInboxItselfIsOneLineSayingWhat() throws Exception {
        Sender.post(inbox.url(), Sender.fixture("workbook-created"));
        HttpResponse<String> unknown = replay("{\"seq\":9,\"to\":\"http://127.0.0.1:1/\"}", null);
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.body().contains("no delivery #9"), unknown.body());
        HttpResponse<String> shapeless = replay("seq=1", null);
        assertEquals(400, shapeless.statusCode());
        assertTrue(shapeless.body().contains("{\\\"seq\\\":N,\\\"to\\\":"), shapeless.body());
        HttpResponse<String> notHttp = replay("{\"seq\":1,\"to\":\"ftp://example.com/\"}", null);
        assertEquals(400, notHttp.statusCode());
        HttpResponse<String> itself = replay("{\"seq\":1,\"to\":\"" + inbox.url() + "\"}", null);
        assertEquals(400, itself.statusCode());
        assertTrue(itself.body().contains("this inbox itself"), itself.body());
        assertEquals(1, inbox.deliveries().size(), "nothing came back to the inbox");
    }

    @Test
    void aGetOfTheReplayRouteOrAnUnknownOwnRouteIs404() throws Exception {
        assertEquals(404, get("/_tabhook/replay", "*/*").statusCode());
        assertEquals(404, get("/_tabhook/nothing", "text/html").statusCode());
    }

    // ---- Host checks, shared with the summary ----

    @ParameterizedTest
    @ValueSource(strings = {"/", "/_tabhook/stream", "/_tabhook/download", "/_tabhook/inbox.js"})
    void aRebindingHostReadsNoneOfThePagesRoutes(String path) throws IOException {
        int port = inbox.url().getPort();
        assertEquals(421, Sender.rawStatus(inbox.url(), "GET " + path + " HTTP/1.1\r\nHost: evil.example:" + port
                + "\r\nAccept: text/html\r\nConnection: close\r\n\r\n", 0));
        assertEquals(200, Sender.rawStatus(inbox.url(), "GET " + path + " HTTP/1.1\r\nHost: localhost:" + port
                + "\r\nAccept: text/html\r\nConnection: close\r\n\r\n", 0));
    }

    @Test
    void aRebindingHostCannotReplay() throws IOException {
        int port = inbox.url().getPort();
        String body = "{\"seq\":1,\"to\":\"http://127.0.0.1:1/\"}";
        assertEquals(421, Sender.rawStatus(inbox.url(), "POST /_tabhook/replay HTTP/1.1\r\nHost: evil.example:" + port
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n"
                + body, 0));
    }

    // ---- helpers ----

    private HttpResponse<String> get(String path, String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(inbox.url().resolve(path)).timeout(Duration.ofSeconds(10));
        if (!accept.isEmpty()) b.header("Accept", accept);
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> replay(String body, String origin) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(inbox.url().resolve("/_tabhook/replay"))
                .timeout(Duration.ofSeconds(40)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (origin != null) b.header("Origin", origin);
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    record Event(String id, String name, String data) {}

    /** A server-sent event stream read as a browser's EventSource reads it. */
    static final class Events implements AutoCloseable {
        private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        private final CompletableFuture<HttpResponse<Stream<String>>> response;

        private Events(CompletableFuture<HttpResponse<Stream<String>>> response) {
            this.response = response;
        }

        static Events open(URI url, String lastEventId) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(url).header("Accept", "text/event-stream");
            if (lastEventId != null) b.header("Last-Event-ID", lastEventId);
            Events e = new Events(CLIENT.sendAsync(b.build(), HttpResponse.BodyHandlers.ofLines()));
            HttpResponse<Stream<String>> r = e.response.get(10, TimeUnit.SECONDS);
            assertEquals(200, r.statusCode());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
            Thread reader = new Thread(() -> e.read(r.body()), "sse-reader");
            reader.setDaemon(true);
            reader.start();
            return e;
        }

        private void read(Stream<String> lines) {
            String id = null;
            String name = "message";
            List<String> data = new ArrayList<>();
            try {
                for (String line : (Iterable<String>) lines::iterator) {
                    if (line.isEmpty()) {
                        if (!data.isEmpty()) events.add(new Event(id, name, String.join("\n", data)));
                        id = null;
                        name = "message";
                        data.clear();
                    } else if (line.startsWith("id: ")) {
                        id = line.substring(4);
                    } else if (line.startsWith("event: ")) {
                        name = line.substring(7);
                    } else if (line.startsWith("data: ")) {
                        data.add(line.substring(6));
                    }
                }
            } catch (RuntimeException closed) {
                // the test is over
            }
        }

        /** The next event; fails after ten seconds. */
        Event next() throws InterruptedException {
            Event e = events.poll(10, TimeUnit.SECONDS);
            if (e == null) throw new AssertionError("no event within 10 s");
            return e;
        }

        @Override
        public void close() {
            response.thenAccept(r -> r.body().close());
        }
    }
}
