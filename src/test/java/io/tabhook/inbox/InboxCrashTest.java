package io.tabhook.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The promise of the journal: a delivery that got its 2xx survives {@code kill -9} of the inbox's JVM. */
class InboxCrashTest {
    private static final int ACKNOWLEDGED = 100;
    private static final String LISTENING = "tabhook inbox listening on ";

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedDeliverySurvivesKillDashNine() throws Exception {
        Path journal = dir.resolve("inbox.jsonl");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.tabhook.cli.Main",
                "inbox", "--port", "0", "--journal", journal.toString())
                .redirectErrorStream(true).start();
        try {
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) lines.add(line);
                } catch (IOException ended) {
                    // the child is gone
                }
            }, "child-output");
            reader.setDaemon(true);
            reader.start();

            String first = lines.poll(30, TimeUnit.SECONDS);
            assertNotNull(first, "the child inbox did not start");
            assertTrue(first.startsWith(LISTENING), first);
            URI url = URI.create(first.substring(LISTENING.length()).trim());

            ObjectMapper json = new ObjectMapper();
            Set<Long> acknowledged = new HashSet<>();
            for (int i = 0; i < ACKNOWLEDGED; i++) {
                Sender.Reply r = Sender.post(url, Sender.payload("WorkbookUpdated", "WORKBOOK", "Sales " + i));
                assertEquals(200, r.status());
                acknowledged.add(json.readTree(r.body()).get("seq").asLong());
            }

            ProcessHandle handle = child.toHandle();
            assertTrue(handle.destroyForcibly()); // SIGKILL: no shutdown hook, no flush, no close
            assertEquals(128 + 9, child.waitFor(), "killed by SIGKILL, not exited");

            List<String> journalled = Files.readAllLines(journal);
            Set<Long> inJournal = new HashSet<>();
            for (String line : journalled) inJournal.add(json.readTree(line).get("seq").asLong());
            assertEquals(acknowledged, inJournal);

            try (Inbox again = Inbox.start(InboxOptions.defaults().withJournal(journal))) {
                assertEquals(ACKNOWLEDGED, again.deliveries().size());
                assertEquals("Sales 99", again.deliveries().get(ACKNOWLEDGED - 1).payload().resourceName());
            }
        } finally {
            child.destroyForcibly();
        }
    }
}
