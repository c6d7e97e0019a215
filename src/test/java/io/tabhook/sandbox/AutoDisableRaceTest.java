package io.tabhook.sandbox;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10, item 5: a rename sent while the sandbox disables a webhook after its fourth failed attempt must never
 * leave it enabled. The update and the auto-disable are each applied to the current state under the site model's lock.
 */
class AutoDisableRaceTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    /** The race is run this many times, or for this long, whichever ends first (bounded on a loaded machine). */
    static final int CYCLES = 100;
    static final Duration AT_MOST = Duration.ofSeconds(20);

    @Test
    void renamesDuringTheLastFailedAttemptNeverUndoTheAutoDisable() throws Exception {
        SandboxOptions quick = SandboxOptions.defaults().withRetryBackoff(Duration.ZERO);
        ExecutorService renamers = Executors.newFixedThreadPool(2);
        try (Sandbox sandbox = Sandbox.start(quick); Destination failing = Destination.answering(500, "down")) {
            Caller admin = Caller.signedIn(sandbox, "admin", "admin", "");
            String path = admin.webhooks("3.9") + "/" + admin.createWebhook("raced", "WorkbookCreated", failing.url());
            AtomicInteger renames = new AtomicInteger();
            long end = System.nanoTime() + AT_MOST.toNanos();
            int cycle = 0;
            while (cycle < CYCLES && System.nanoTime() < end) {
                cycle++;
                Caller.Answer on = admin.putXml(path, "<tsRequest><webhook isEnabled=\"true\"/></tsRequest>");
                assertEquals("true", on.xmlAttr("webhook", "isEnabled"), on.toString());
                AtomicBoolean storm = new AtomicBoolean(true);
                int c = cycle;
                List<Future<?>> running = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    running.add(renamers.submit(() -> {
                        while (storm.get()) {
                            Caller.Answer a = admin.putJson(path,
                                    "{\"webhook\":{\"name\":\"raced-" + c + "-" + renames.incrementAndGet() + "\"}}");
                            if (a.status() != 201) throw new AssertionError("rename refused: " + a);
                        }
                        return null;
                    }));
                }
                sandbox.activity().createWorkbook("", "Cycle " + cycle);
                assertTrue(sandbox.deliveries().awaitIdle(WAIT), "the four attempts ended");
                storm.set(false);
                for (Future<?> f : running) f.get();

                Caller.Answer after = admin.getJson(path);
                assertEquals(false, after.json().path("webhook").path("isEnabled").asBoolean(true),
                        "cycle " + cycle + ": a rename re-enabled the webhook: " + after);
                assertTrue(after.json().path("webhook").path("statusChangeReason").asText()
                        .startsWith("Disabled after 4 failed delivery attempts: "), "cycle " + cycle + ": " + after);
            }
            assertTrue(cycle >= 5, "the race ran only " + cycle + " times");
        } finally {
            renamers.shutdownNow();
        }
    }
}
