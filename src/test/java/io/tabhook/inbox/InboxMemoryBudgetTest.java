package io.tabhook.inbox;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 10 item 4: the inbox's memory is bounded, for bodies and for listeners that fall behind. */
class InboxMemoryBudgetTest {
    @TempDir
    Path dir;

    private static byte[] body(int n, int size) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) ('a' + n % 26));
        byte[] tag = ("{\"n\":" + n + "}").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(tag, 0, b, 0, tag.length);
        return b;
    }

    @Test
    void olderBodiesLeaveMemoryAndAreReadBackFromTheJournalExactly() {
        int size = 256 * 1024;
        try (Inbox inbox = Inbox.start(InboxOptions.defaults().withJournal(dir.resolve("inbox.jsonl"))
                .withMemoryBudget(1024 * 1024))) {
            for (int n = 1; n <= 12; n++) {
                assertEquals(200, Sender.post(inbox.url(), body(n, size), Map.of("Content-Type", "text/plain")).status());
            }
            List<Delivery> held = inbox.deliveries();
            assertEquals(12, held.size(), "every delivery is still listed");
            long inMemory = held.stream().filter(d -> d.content().inMemory()).count();
            assertTrue(inMemory <= 4, "at most a 1 MiB budget of 256 KiB bodies stays in memory, not " + inMemory);
            assertTrue(held.get(11).content().inMemory(), "the newest body is kept in memory");
            assertFalse(held.get(0).content().inMemory(), "the oldest body left memory");
            for (int n = 1; n <= 12; n++) {
                assertArrayEquals(body(n, size), inbox.delivery(n).orElseThrow().bodyBytes(), "body of #" + n);
            }
            assertArrayEquals(body(1, size), held.get(0).bodyBytes(), "read back through the listed delivery too");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aListenerThatFallsBehindIsSkippedAndToldWhatItMissed() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Long> heard = new CopyOnWriteArrayList<>();
        List<InboxListener.Skipped> skipped = new CopyOnWriteArrayList<>();
        int size = 1024 * 1024;
        int sent = (int) (Subscribers.QUEUE_BYTES / size) + 8;
        try (Inbox inbox = Inbox.start(InboxOptions.defaults().withJournal(dir.resolve("inbox.jsonl"))
                .withMaxBodyBytes(2L * size))) {
            inbox.listen(new InboxListener() {
                @Override
                public void delivered(Delivery d) {
                    heard.add(d.seq());
                    try {
                        release.await(60, TimeUnit.SECONDS); // a terminal nobody reads
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }

                @Override
                public void skipped(Skipped s) {
                    skipped.add(s);
                }
            });
            for (int n = 1; n <= sent; n++) {
                assertEquals(200, Sender.post(inbox.url(), body(n, size), Map.of("Content-Type", "text/plain")).status(),
                        "a slow listener never delays an acknowledgement");
            }
            release.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (skipped.isEmpty() && System.nanoTime() < deadline) Thread.sleep(20);
            assertEquals(1, skipped.size(), "told once, before the next notice: " + skipped);
            InboxListener.Skipped s = skipped.get(0);
            assertTrue(s.deliveries() > 0 && heard.size() + s.deliveries() == sent,
                    "heard " + heard.size() + " + skipped " + s.deliveries() + " = sent " + sent);
            assertTrue(s.describe().startsWith("skipped " + s.deliveries() + " deliveries (#"), s.describe());
            assertEquals(sent, inbox.find(DeliveryFilter.any(), 0).matched(), "the inbox kept every delivery");
        }
    }
}
