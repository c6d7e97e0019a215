package io.tabhook.inbox;

import com.sun.net.httpserver.HttpServer;
import io.tabhook.cli.InboxCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 9, "Forwarding that can't fail silently": bounded retries, replay of one or a range, never into the inbox. */
class InboxRetryAndReplayTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final ForwardTarget target = ForwardTarget.started();

    private static long forwardLines(Path journal, long seq) throws IOException {
        return Files.readAllLines(journal).stream().filter(l -> l.startsWith("{\"forwardOf\":" + seq + ",")).count();
    }

    @Test
    void theForwardOfADeliveryAWaiterHasJustSeenIsAwaitedNotCalledUnforwarded() throws Exception {
        try (Inbox inbox = Inbox.start(InboxForwardingTest.quickRetries().withForwardTo(target.url()))) {
            // asked the moment the waiter sees it (on the thread that keeps it, before the forwarder has it), as
            // waitForPayload then inbox.forwardResult do in workshop module 05
            CompletableFuture<Delivery> forward = inbox.next(DeliveryFilter.any(), false)
                    .thenCompose(d -> inbox.forwarded(d.seq()));
            assertEquals(200, Sender.post(inbox.url(), Sender.fixture("workbook-created")).status());
            Delivery d = forward.get(20, TimeUnit.SECONDS);
            assertTrue(d.forward().ok(), d.forward().describe());
        }
    }

    @Test
    void aFailedForwardIsTriedAgainUntilTheTargetAnswers2xx() throws Exception {
        target.failFirst.set(2);
        Path journal = dir.resolve("inbox.jsonl");
        try (Inbox inbox = Inbox.start(InboxForwardingTest.quickRetries().withForwardTo(target.url()).withJournal(journal))) {
            assertEquals(200, Sender.post(inbox.url(), Sender.fixture("workbook-created")).status());
            Delivery d = inbox.forwarded(1).get(20, TimeUnit.SECONDS);
            assertTrue(d.forward().ok(), d.forward().describe());
            assertEquals(200, d.forward().status());
            assertEquals(3, d.forward().attempts());
            for (int i = 1; i <= 3; i++) {
                assertEquals(List.of("1"), target.next().headers().get("X-tabhook-delivery"), "send " + i + " of #1");
            }
        }
        assertEquals(1, forwardLines(journal, 1), "the final result is journalled once");
        assertTrue(Files.readAllLines(journal).get(1).contains("\"status\":200,"), Files.readString(journal));
    }

    @Test
    void aTargetThatKeepsFailingIsTriedABoundedNumberOfTimesAndTheFailureRecordedOnce() throws Exception {
        target.answer = 500;
        Path journal = dir.resolve("inbox.jsonl");
        List<Delivery> told = new CopyOnWriteArrayList<>();
        try (Inbox inbox = Inbox.start(InboxForwardingTest.quickRetries().withForwardTo(target.url()).withJournal(journal))) {
            inbox.onForwarded(told::add);
            assertEquals(200, Sender.post(inbox.url(), Sender.fixture("workbook-created")).status());
            Delivery d = inbox.forwarded(1).get(20, TimeUnit.SECONDS);
            assertFalse(d.forward().ok());
            assertEquals(4, d.forward().attempts());
            assertTrue(d.forward().describe().startsWith("failed to forward to " + target.url() + " after 4 attempts: "
                    + "HTTP 500"), d.forward().describe());
            int sends = 0;
            while (target.next() != null) sends++; // waits ten seconds past the last one: no fifth attempt comes
            assertEquals(4, sends, "four attempts, then it stops");
            assertEquals(1, told.size(), "listeners hear the final result once: " + told);
            assertFalse(inbox.deliveries().get(0).forward().ok(), "the failure shows on the delivery");
        }
        assertEquals(1, forwardLines(journal, 1));
    }

    @Test
    void replayOfOneOrARangeSendsTheSameBodiesAgainAndRecordsTheResult() throws Exception {
        Path journal = dir.resolve("inbox.jsonl");
        try (Inbox inbox = Inbox.start(InboxOptions.defaults().withJournal(journal))) {
            for (String name : List.of("One", "Two", "Three")) {
                assertEquals(200, Sender.post(inbox.url(), Sender.payload("WorkbookCreated", "WORKBOOK", name)).status());
            }
            List<Delivery> replayed = inbox.replay(2, 3, target.url());
            assertEquals(List.of(2L, 3L), replayed.stream().map(Delivery::seq).toList());
            assertTrue(replayed.stream().allMatch(d -> d.forward().ok() && d.forward().replay()), replayed.toString());
            assertEquals(inbox.delivery(2).orElseThrow().body(), target.next().body());
            assertEquals(inbox.delivery(3).orElseThrow().body(), target.next().body());

            target.answer = 503;
            Delivery one = inbox.replay(1, 1, target.url()).get(0);
            assertEquals(503, one.forward().status(), "a replay is sent once and says what came of it");
            assertEquals(1, one.forward().attempts());
            assertEquals(503, inbox.delivery(1).orElseThrow().forward().status(), "it becomes the delivery's result");

            IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                    () -> inbox.replay(7, 9, target.url()));
            assertEquals("no deliveries #7–#9 in this inbox (the last is #3)", none.getMessage());
            IllegalArgumentException nowhere = assertThrows(IllegalArgumentException.class,
                    () -> inbox.replay(1, 1, null));
            assertTrue(nowhere.getMessage().startsWith("replay needs a URL to send to"), nowhere.getMessage());
        }
        assertEquals(1, forwardLines(journal, 2));
        try (Inbox again = Inbox.start(InboxOptions.defaults().withJournal(journal))) {
            assertEquals(503, again.delivery(1).orElseThrow().forward().status(), "replay results survive a restart");
        }
    }

    @Test
    void replayIntoTheInboxItselfIsRefusedWhateverTheSpelling() throws Exception {
        try (Inbox inbox = Inbox.start(InboxOptions.defaults().withJournal(dir.resolve("inbox.jsonl")))) {
            assertEquals(200, Sender.post(inbox.url(), "{}").status());
            int port = inbox.url().getPort();
            for (String self : List.of(inbox.url().toString(), "http://0:" + port + "/",
                    "http://[::ffff:127.0.0.1]:" + port + "/x", "http://localhost:" + port + "/?hook=a")) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> inbox.replay(1, 1, URI.create(self)), self);
                assertTrue(e.getMessage().contains("is this inbox itself"), e.getMessage());
            }
            assertEquals(1, inbox.deliveries().size(), "nothing looped back");
        }
    }

    private int inboxCommand(StringWriter out, StringWriter err, String... args) {
        CommandLine cl = new CommandLine(new InboxCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void aReplayTargetAnsweringWithTerminalEscapesIsPrintedWithTheEscapesVisible() throws Exception {
        Path journal = dir.resolve("escapes.jsonl");
        try (Inbox inbox = Inbox.start(InboxOptions.defaults().withJournal(journal))) {
            assertEquals(200, Sender.post(inbox.url(), Sender.payload("WorkbookCreated", "WORKBOOK", "One")).status());
        }
        HttpServer hostile = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        hostile.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            byte[] answer = "boom\u001b]0;pwned\u0007\u001b[2J".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(500, answer.length);
            ex.getResponseBody().write(answer);
            ex.close();
        });
        hostile.start();
        try {
            StringWriter out = new StringWriter(), err = new StringWriter();
            assertEquals(1, inboxCommand(out, err, "--journal", journal.toString(), "--replay", "1",
                    "--to", "http://127.0.0.1:" + hostile.getAddress().getPort() + "/"), out + "" + err);
            assertTrue(out.toString().contains("boom\\u001b]0;pwned\\u0007\\u001b[2J"), out.toString());
            assertFalse(out.toString().chars().anyMatch(c -> c == 0x1b || c == 0x07), out.toString());
        } finally {
            hostile.stop(0);
        }
    }

    @Test
    void tabhookInboxReplaySendsFromTheJournalAndExitsOneWhenTheTargetFails() throws Exception {
        Path journal = dir.resolve("inbox.jsonl");
        try (Inbox inbox = Inbox.start(InboxOptions.defaults().withJournal(journal))) {
            for (String name : List.of("One", "Two")) {
                assertEquals(200, Sender.post(inbox.url(), Sender.payload("WorkbookCreated", "WORKBOOK", name)).status());
            }
        }
        StringWriter out = new StringWriter(), err = new StringWriter();
        assertEquals(0, inboxCommand(out, err, "--journal", journal.toString(), "--replay", "1-2",
                "--to", target.url().toString()), err.toString());
        assertTrue(out.toString().contains("#1") && out.toString().contains("#2"), out.toString());
        assertTrue(target.next().body().contains("\"One\""));
        assertTrue(target.next().body().contains("\"Two\""));

        target.answer = 500;
        out = new StringWriter();
        err = new StringWriter();
        assertEquals(1, inboxCommand(out, err, "--journal", journal.toString(), "--replay", "2",
                "--to", target.url().toString()), out + "" + err);
        assertTrue(out.toString().contains("500"), out.toString());

        err = new StringWriter();
        assertEquals(2, inboxCommand(new StringWriter(), err, "--journal", journal.toString(), "--replay", "two",
                "--to", target.url().toString()));
        assertEquals("tabhook inbox: --replay takes a delivery's number (7) or a range FROM-TO (3-9), not 'two'\n",
                err.toString());
        err = new StringWriter();
        assertEquals(2, inboxCommand(new StringWriter(), err, "--journal", journal.toString(), "--replay", "1"));
        assertEquals("tabhook inbox: --replay needs --to URL (or --forward-to URL)\n", err.toString());
    }

    @Test
    void replayFromAJournalARunningInboxHoldsSaysWhereToReplayFrom() throws Exception {
        Path journal = dir.resolve("inbox.jsonl");
        try (Inbox inbox = Inbox.start(InboxOptions.defaults().withJournal(journal))) {
            assertEquals(200, Sender.post(inbox.url(), "{}").status());
            StringWriter err = new StringWriter();
            assertEquals(1, inboxCommand(new StringWriter(), err, "--journal", journal.toString(), "--replay", "1",
                    "--to", target.url().toString()));
            assertTrue(err.toString().contains("is in use by a running inbox"), err.toString());
        }
    }
}
