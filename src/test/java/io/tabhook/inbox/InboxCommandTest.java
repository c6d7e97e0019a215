package io.tabhook.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.tabhook.cli.InboxCommand;
import io.tabhook.cli.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code tabhook inbox}: what a person (or a script) sees in the terminal. */
class InboxCommandTest {
    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private InboxCommand command;

    private int run(String... args) {
        command = new InboxCommand();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @AfterEach
    void stop() {
        if (command != null) command.stop();
    }

    /** What the command printed once it holds {@code text}; fails after thirty seconds. */
    private String printed(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!out.toString().contains(text)) {
            if (System.nanoTime() > deadline) throw new AssertionError("never printed '" + text + "':\n" + out);
            Thread.sleep(10);
        }
        return out.toString();
    }

    @Test
    void printsUrlJournalAndEachDeliveryStripeStyle() throws Exception {
        Path journal = dir.resolve("inbox.jsonl");
        assertEquals(0, run("--port", "0", "--journal", journal.toString()));
        Inbox inbox = command.inbox();
        assertTrue(out.toString().startsWith("tabhook inbox listening on " + inbox.url() + "\n"), out.toString());
        assertTrue(out.toString().contains("\nin a browser: " + inbox.url() + " shows the deliveries as they arrive\n"),
                out.toString());
        assertTrue(out.toString().contains("journal: " + journal.toAbsolutePath()), out.toString());

        Sender.post(inbox.url(), Sender.fixture("workbook-created"));
        Sender.post(inbox.url(), Sender.fixture("workbook-created"));
        Sender.post(inbox.url(), "hello");
        String text = printed("(#3)\nhello");
        assertTrue(Pattern.compile("(?m)^--> \\d\\d:\\d\\d:\\d\\d WorkbookCreated WORKBOOK \"Q3 Sales\" \\(#1\\)$")
                .matcher(text).find(), text);
        assertTrue(text.contains("{\n  \"resource\" : \"WORKBOOK\",\n  \"event_type\" : \"WorkbookCreated\","), text);
        assertTrue(text.contains("WorkbookCreated WORKBOOK \"Q3 Sales\" (#2, duplicate of #1)"), text);
        assertTrue(Pattern.compile("(?m)^--> \\d\\d:\\d\\d:\\d\\d POST /: 5 bytes, not JSON \\(#3\\)\nhello$")
                .matcher(text).find(), text);
    }

    @Test
    void aBigJsonBodyIsCutAtALinesEndAsAnyBigBodyIsAndTheJournalKeepsItWhole() throws Exception {
        Path journal = dir.resolve("inbox.jsonl");
        assertEquals(0, run("--port", "0", "--journal", journal.toString()));
        StringBuilder big = new StringBuilder("{\"rows\":[");
        for (int i = 0; i < 20_000; i++) big.append(i == 0 ? "" : ",").append("{\"n\":").append(i).append('}');
        Sender.post(command.inbox().url(), big.append("]}").toString());
        Sender.post(command.inbox().url(), "after");
        String text = printed("(#2)\nafter");
        String first = text.substring(text.indexOf("(#1)"), text.indexOf("--> ", text.indexOf("(#1)")));
        assertTrue(first.length() < 2_200, "a screenful, not 20,000 rows: " + first.length() + " chars");
        assertTrue(Pattern.compile("\n… \\(\\d+ more chars\\)\n").matcher(first).find(),
                "cut at a line's end, and said: " + first);
        assertTrue(Files.readString(journal).contains("19999}]}"), "the journal keeps the whole body");
    }

    @Test
    void aBodyOrEventNameHoldingTerminalEscapesIsPrintedWithTheEscapesVisibleNotObeyed() throws Exception {
        assertEquals(0, run("--port", "0", "--no-journal"));
        Inbox inbox = command.inbox();
        Sender.post(inbox.url(), "a\u001b]0;pwned\u0007\u001b[2Jb\r\nnext line\tend\u009b31m");
        Sender.post(inbox.url().resolve("/?hook=%1B%5B31m"), "{\"event_type\":\"Workbook\\u001b[8mCreated\","
                + "\"resource\":\"WORKBOOK\",\"resource_name\":\"Q3\\u001b]0;x\\u0007 Sales\"}");
        String text = printed("(#2)");
        assertFalse(text.chars().anyMatch(c -> c == 0x1b || c == 0x07 || c == 0x9b || c == '\r'), text);
        assertTrue(text.contains("a\\u001b]0;pwned\\u0007\\u001b[2Jb\nnext line\tend\\u009b31m"), text);
        assertTrue(text.contains("Workbook\\u001b[8mCreated WORKBOOK \"Q3\\u001b]0;x\\u0007 Sales\" for hook=\\u001b[31m (#2)"),
                text);
    }

    @Test
    void jsonModePrintsOneJournalLinePerDeliveryOnStdout() throws Exception {
        assertEquals(0, run("--port", "0", "--no-journal", "--json"));
        assertEquals("", out.toString()); // start-up notes go to stderr
        assertTrue(err.toString().contains("journal: none"), err.toString());
        Sender.post(command.inbox().url(), Sender.fixture("workbook-created"));
        String[] lines = printed("\n").split("\n");
        assertEquals(1, lines.length);
        JsonNode line = new ObjectMapper().readTree(lines[0]);
        assertEquals(1, line.get("seq").asLong());
        assertEquals(Sender.fixture("workbook-created"), line.get("body").asText());
    }

    @Test
    void forwardResultsArePrintedAsTheyComeBack() throws Exception {
        HttpServer target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        target.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            ex.sendResponseHeaders(202, -1);
            ex.close();
        });
        target.start();
        try {
            String to = "http://127.0.0.1:" + target.getAddress().getPort() + "/hook";
            assertEquals(0, run("--port", "0", "--no-journal", "--forward-to", to));
            assertTrue(out.toString().contains("forwarding to " + to), out.toString());
            Sender.post(command.inbox().url(), Sender.fixture("workbook-created"));
            String text = printed("<-- ");
            assertTrue(Pattern.compile("(?m)^<-- 202 forwarded to " + Pattern.quote(to) + " \\(\\d+ ms\\) #1$")
                    .matcher(printed(" #1\n")).find(), text);
        } finally {
            target.stop(0);
        }
    }

    /** Issue 9: a forward that keeps failing is printed once, after its retries, with what the target answered. */
    @Test
    void aFailedForwardIsPrintedOnceAfterItsRetries() throws Exception {
        try (ForwardTarget target = new ForwardTarget()) {
            target.answer = 500;
            String to = target.url().toString();
            assertEquals(0, run("--port", "0", "--no-journal", "--forward-to", to));
            Sender.post(command.inbox().url(), Sender.fixture("workbook-created"));
            String text = printed(" ms) #1\n");
            assertTrue(Pattern.compile("(?m)^<-- failed to forward to " + Pattern.quote(to)
                    + " after 4 attempts: HTTP 500 \\(\\d+ ms\\) #1$").matcher(text).find(), text);
            assertEquals(1, text.lines().filter(l -> l.startsWith("<-- ")).count(), "told once, not per attempt: " + text);
        }
    }

    @Test
    void badOptionValueIsOneLineAndExitTwo() {
        assertEquals(2, run("--port", "0", "--no-journal", "--max-body", "0"));
        assertEquals("tabhook inbox: max body must be 1..2147483631 bytes, not 0\n", err.toString());
        command = null;
    }

    @Test
    void forwardTargetThatIsNoUrlIsOneLineAndExitTwo() {
        assertEquals(2, run("--port", "0", "--no-journal", "--forward-to", "not a url"));
        assertEquals("tabhook inbox: forward-to must be an http(s) URL, not 'not a url'\n", err.toString());
        command = null;
    }

    @Test
    void aJournalThatIsAFolderSaysWhatToGiveInstead() throws Exception {
        Path folder = java.nio.file.Files.createDirectory(dir.resolve("journals"));
        assertEquals(1, run("--port", "0", "--journal", folder.toString()));
        assertEquals("tabhook inbox: cannot journal to " + folder + ": it is a folder; name a file in it, like "
                + folder.resolve("inbox.jsonl") + "\n", err.toString());
        command = null;
    }

    @Test
    void portInUseIsOneLineAndExitOne() throws Exception {
        try (Inbox other = Inbox.start(InboxOptions.defaults())) {
            assertEquals(1, run("--port", "" + other.url().getPort(), "--no-journal"));
            assertFalse(err.toString().contains("\tat "), err.toString());
            assertTrue(err.toString().startsWith("tabhook inbox: cannot listen on 127.0.0.1:"), err.toString());
            assertEquals(1, err.toString().split("\n").length);
        }
        command = null;
    }

    @Test
    void unknownOptionExitsTwoThroughTheMainEntry() {
        StringWriter e = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(e, true));
        assertEquals(2, cl.execute("inbox", "--prot", "80"));
        assertTrue(e.toString().split("\n")[0].contains("'--prot'"), e.toString());
    }
}
