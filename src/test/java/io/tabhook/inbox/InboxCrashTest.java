package io.tabhook.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The inbox in a JVM of its own: an acknowledged delivery survives {@code kill -9}; a stalled sender blocks no one. */
class InboxCrashTest {
    private static final int ACKNOWLEDGED = 100;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedDeliverySurvivesKillDashNine() throws Exception {
        Path journal = dir.resolve("inbox.jsonl");
        try (ChildInbox child = new ChildInbox(List.of(), "--port", "0", "--journal", journal.toString())) {
            URI url = child.url;

            ObjectMapper json = new ObjectMapper();
            Set<Long> acknowledged = new HashSet<>();
            for (int i = 0; i < ACKNOWLEDGED; i++) {
                Sender.Reply r = Sender.post(url, Sender.payload("WorkbookUpdated", "WORKBOOK", "Sales " + i));
                assertEquals(200, r.status());
                acknowledged.add(json.readTree(r.body()).get("seq").asLong());
            }

            ProcessHandle handle = child.process.toHandle();
            assertTrue(handle.destroyForcibly()); // SIGKILL: no shutdown hook, no flush, no close
            assertEquals(128 + 9, child.process.waitFor(), "killed by SIGKILL, not exited");

            List<String> journalled = Files.readAllLines(journal);
            Set<Long> inJournal = new HashSet<>();
            for (String line : journalled) inJournal.add(json.readTree(line).get("seq").asLong());
            assertEquals(acknowledged, inJournal);

            try (Inbox again = Inbox.start(InboxOptions.defaults().withJournal(journal))) {
                assertEquals(ACKNOWLEDGED, again.deliveries().size());
                assertEquals("Sales 99", again.deliveries().get(ACKNOWLEDGED - 1).payload().resourceName());
            }
        }
    }

    @Test
    void senderThatStallsMidRequestIsDroppedAndOthersStillGetThrough() throws Exception {
        // the idle timeout shortened from 10 s to 2: what is tested is the 408 and the others going on, not the wait
        try (ChildInbox child = new ChildInbox(List.of("-Dtabhook.http.idleTimeoutSeconds=2"), "--port", "0", "--no-journal");
             Socket stalled = new Socket(child.url.getHost(), child.url.getPort())) {
            stalled.getOutputStream().write("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"half\":"
                    .getBytes(StandardCharsets.US_ASCII));
            stalled.getOutputStream().flush();
            assertEquals(200, Sender.post(child.url, Sender.fixture("workbook-created")).status());
            // silent for the idle timeout: answered 408 and closed, nothing kept
            stalled.setSoTimeout(30_000);
            String answer = new String(stalled.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
        }
    }

    @Test
    void theIdleTimeoutIsTenSecondsUnlessATestShortensIt() {
        assertEquals(10, io.tabhook.BoundedServer.IDLE_TIMEOUT_SECONDS, "docs/reliability.md names 10 s");
    }
}
