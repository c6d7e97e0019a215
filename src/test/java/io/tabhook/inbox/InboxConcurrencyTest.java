package io.tabhook.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InboxConcurrencyTest {
    private static final int SENDERS = 40;
    private static final int EACH = 25;

    @TempDir
    Path dir;

    @Test
    void fortyConcurrentSendersAreEachJournalledExactlyOnceWithUniqueSeq() throws Exception {
        runFortySenders(InboxOptions.defaults().withJournal(dir.resolve("inbox.jsonl")));
    }

    @Test
    void groupCommitInFsyncModeLosesNothingEither() throws Exception {
        runFortySenders(InboxOptions.defaults().withJournal(dir.resolve("inbox.jsonl")).withFsync(true));
    }

    private void runFortySenders(InboxOptions options) throws Exception {
        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        try (Inbox inbox = Inbox.start(options)) {
            URI url = inbox.url();
            ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> senders = new ArrayList<>();
            ObjectMapper json = new ObjectMapper();
            for (int t = 0; t < SENDERS; t++) {
                int sender = t;
                senders.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < EACH; i++) {
                        Sender.Reply r = Sender.post(url, "{\"sender\":" + sender + ",\"i\":" + i + "}");
                        assertEquals(200, r.status());
                        acknowledged.add(json.readTree(r.body()).get("seq").asLong());
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : senders) f.get();
            pool.shutdown();
            assertEquals(SENDERS * EACH, acknowledged.size());
            List<Delivery> all = inbox.deliveries();
            assertEquals(SENDERS * EACH, all.size());
            for (int i = 0; i < all.size(); i++) assertEquals(i + 1, all.get(i).seq()); // in order, no gaps
        }

        List<String> lines = Files.readAllLines(options.journal());
        assertEquals(SENDERS * EACH, lines.size());
        ObjectMapper json = new ObjectMapper();
        Set<Long> seqs = new HashSet<>();
        Set<String> bodies = new HashSet<>();
        long previous = 0;
        for (String line : lines) {
            JsonNode node = json.readTree(line);
            long seq = node.get("seq").asLong();
            assertTrue(seq > previous, "journal in seq order");
            previous = seq;
            seqs.add(seq);
            bodies.add(node.get("body").asText());
        }
        assertEquals(acknowledged, seqs);
        assertEquals(SENDERS * EACH, bodies.size()); // each sent body exactly once
    }
}
