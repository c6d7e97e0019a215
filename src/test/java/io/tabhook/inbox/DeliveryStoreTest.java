package io.tabhook.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The delivery store on its own: no HTTP, arrivals handed to it directly, as a relay will hand them over. */
class DeliveryStoreTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static Arrival arrival(String body) {
        return new Arrival(Instant.now(), "POST", "/relay", Map.of("Content-Type", List.of("application/json")),
                body.getBytes(StandardCharsets.UTF_8));
    }

    /** A store on its own journal, with its subscribers; closing closes both (listeners finish first). */
    private record Store(DeliveryStore store, Journal journal, Subscribers subscribers, Path file)
            implements AutoCloseable {
        @Override
        public void close() {
            store.close();
            subscribers.close();
        }
    }

    private Store open(boolean fsync, int keep) throws IOException {
        Path file = dir.resolve("store.jsonl");
        Journal journal = Journal.open(file, fsync);
        Subscribers subscribers = new Subscribers();
        return new Store(new DeliveryStore(journal, keep, subscribers), journal, subscribers, file);
    }

    private List<JsonNode> lines(Path journal) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(journal)) nodes.add(JSON.readTree(line));
        return nodes;
    }

    @Test
    void seqFollowsArrivalOrderAndOnlyByteIdenticalNonEmptyBodiesAreDuplicates() throws IOException {
        try (Store s = open(false, 100)) {
            DeliveryStore store = s.store();
            String body = Sender.fixture("workbook-created");
            List<Delivery> got = new ArrayList<>();
            for (String b : List.of(body, "{}", body, "", "", body.replace(":", ": "))) got.add(store.accept(arrival(b)));
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), got.stream().map(Delivery::seq).toList());
            assertEquals(List.of(0L, 0L, 1L, 0L, 0L, 0L), got.stream().map(Delivery::duplicateOf).toList());
            assertEquals(got, store.deliveries());

            List<JsonNode> journalled = lines(s.file());
            assertEquals(6, journalled.size());
            for (int i = 0; i < 6; i++) assertEquals(i + 1, journalled.get(i).get("seq").asLong());
            assertEquals(1, journalled.get(2).get("duplicateOf").asLong());
            assertEquals("/relay", journalled.get(0).get("path").asText());
        }
    }

    @Test
    void concurrentArrivalsAreJournalledAndPublishedInSeqOrderEachOnce() throws Exception {
        Store s = open(false, 10_000);
        DeliveryStore store = s.store();
        List<Long> heard = new ArrayList<>();
        s.subscribers().onDelivery(d -> heard.add(d.seq())); // one listener thread: no lock needed
        int threads = 8, each = 250;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> senders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int sender = t;
                senders.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) store.accept(arrival("{\"sender\":" + sender + ",\"i\":" + i + "}"));
                    return null;
                }));
            }
            for (Future<?> f : senders) f.get(60, TimeUnit.SECONDS);
            List<Delivery> all = store.deliveries();
            assertEquals(threads * each, all.size());
            for (int i = 0; i < all.size(); i++) assertEquals(i + 1, all.get(i).seq());
            List<JsonNode> journalled = lines(s.file());
            for (int i = 0; i < journalled.size(); i++) assertEquals(i + 1, journalled.get(i).get("seq").asLong());
            assertEquals(threads * each, journalled.size());
        } finally {
            pool.shutdownNow();
            s.close(); // lets the listener finish what it was given
        }
        assertEquals(threads * each, heard.size());
        for (int i = 0; i < heard.size(); i++) assertEquals(i + 1, heard.get(i));
    }

    @Test
    void whatTheJournalCannotTakeIsNotKeptNorAwaited() throws Exception {
        try (Store s = open(false, 100)) {
            CompletableFuture<Delivery> waiting = s.subscribers().waitFor(DeliveryFilter.any());
            s.journal().close(); // as good as a full disk: the write fails
            assertThrows(IOException.class, () -> s.store().accept(arrival("{}")));
            assertTrue(s.store().deliveries().isEmpty());
            assertFalse(waiting.isDone());
        }
    }

    /** A relay's thread, or the forwarder's on forwardTo(another URL), may be interrupted while it commits. */
    @Test
    void anInterruptedCallerCannotBreakTheJournalForEveryoneElse() throws IOException {
        try (Store s = open(true, 100)) {
            Thread.currentThread().interrupt();
            try {
                assertEquals(1, s.store().accept(arrival("{\"n\":1}")).seq());
            } finally {
                assertTrue(Thread.interrupted(), "the caller's interrupt is left for it to see");
            }
            assertEquals(2, s.store().accept(arrival("{\"n\":2}")).seq());
            assertEquals(2, lines(s.file()).size());
        }
    }

    @Test
    void deliveryOfferedDirectlyIsJournalledAwaitedHeardAndForwardedLikeAnHttpOne() throws Exception {
        Path journal = dir.resolve("inbox.jsonl");
        try (ForwardTarget target = new ForwardTarget();
             Inbox inbox = Inbox.start(InboxOptions.defaults().withJournal(journal).withForwardTo(target.url()))) {
            CompletableFuture<Delivery> heard = new CompletableFuture<>();
            inbox.onDelivery(d -> { if (d.path().equals("/relay")) heard.complete(d); });
            CompletableFuture<Delivery> forwarded = new CompletableFuture<>();
            inbox.onForwarded(d -> { if (d.seq() == 2) forwarded.complete(d); });
            CompletableFuture<Delivery> awaited = inbox.next(DeliveryFilter.event("DatasourceRefreshFailed"), false);

            String overHttp = Sender.fixture("workbook-created");
            assertEquals(200, Sender.post(inbox.url(), overHttp).status());
            Delivery relayed = inbox.receive(arrival(Sender.fixture("datasource-refresh-failed")));
            Delivery repeat = inbox.receive(arrival(overHttp));

            assertEquals(2, relayed.seq());
            assertEquals(1, repeat.duplicateOf()); // one duplicate window, however deliveries come in
            assertEquals(relayed, awaited.get(20, TimeUnit.SECONDS));
            assertEquals(relayed, heard.get(20, TimeUnit.SECONDS));
            ForwardTarget.Seen seen = target.seen(2);
            assertEquals(Sender.fixture("datasource-refresh-failed"), seen.body());
            assertEquals(200, forwarded.get(20, TimeUnit.SECONDS).forward().status());
            assertEquals(List.of(1L, 2L, 3L), inbox.deliveries().stream().map(Delivery::seq).toList());
        }
        try (Inbox again = Inbox.start(InboxOptions.defaults().withJournal(journal))) {
            Delivery back = again.delivery(2).orElseThrow();
            assertEquals("/relay", back.path());
            assertEquals("DatasourceRefreshFailed", back.payload().eventType());
            assertEquals(200, back.forward().status());
        }
    }
}
