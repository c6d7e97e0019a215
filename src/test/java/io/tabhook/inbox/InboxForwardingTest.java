package io.tabhook.inbox;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InboxForwardingTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final ForwardTarget target = ForwardTarget.started();

    private URI targetUrl() {
        return target.url();
    }

    /** Four attempts, 50 ms apart at first: a failing target's final result comes within a second. */
    static InboxOptions quickRetries() {
        return InboxOptions.defaults().withForwardRetries(4, Duration.ofMillis(50));
    }

    /** The delivery once its forward result is recorded. */
    private static CompletableFuture<Delivery> forwarded(Inbox inbox) {
        CompletableFuture<Delivery> f = new CompletableFuture<>();
        inbox.onForwarded(f::complete);
        return f;
    }

    @Test
    void deliveryIsPassedOnWithItsBodyAndHeadersAndTheResultRecorded() throws Exception {
        Path journal = dir.resolve("inbox.jsonl");
        try (Inbox inbox = Inbox.start(InboxOptions.defaults().withForwardTo(targetUrl()).withJournal(journal))) {
            CompletableFuture<Delivery> done = forwarded(inbox);
            String body = Sender.fixture("workbook-created");
            assertEquals(200, Sender.post(inbox.url().resolve("/hook"), body.getBytes(StandardCharsets.UTF_8),
                    Map.of("Content-Type", "application/json", "Authorization", "Bearer secret")).status());

            ForwardTarget.Seen s = target.next();
            assertNotNull(s);
            assertEquals("POST", s.method());
            assertEquals("/local/tableau", s.path());
            assertEquals(body, s.body());
            assertEquals(List.of("application/json"), s.headers().get("Content-type"));
            assertEquals(List.of("TableauWebhooks/1.0"), s.headers().get("User-agent"));
            assertEquals(List.of("utf-8"), s.headers().get("Charset"));
            assertEquals(List.of("1"), s.headers().get("X-tabhook-delivery"));
            assertNull(s.headers().get("Authorization"));

            Delivery d = done.get(10, TimeUnit.SECONDS);
            assertEquals(1, d.seq());
            assertEquals(200, d.forward().status());
            assertTrue(d.forward().ok());
            assertTrue(d.forward().describe().startsWith("200 forwarded to " + targetUrl() + " ("), d.forward().describe());
            assertEquals(d.forward(), inbox.delivery(1).orElseThrow().forward());
            assertEquals(d.forward(), inbox.deliveries().get(0).forward());
        }
        try (Inbox again = Inbox.start(InboxOptions.defaults().withJournal(journal))) {
            assertEquals(200, again.deliveries().get(0).forward().status()); // the journal kept the result
        }
        assertEquals(2, Files.readAllLines(journal).size());
    }

    @Test
    void targetAnsweringAnErrorIsRecordedAndTheDeliveryKept() throws Exception {
        target.answer = 500;
        try (Inbox inbox = Inbox.start(quickRetries().withForwardTo(targetUrl()))) {
            CompletableFuture<Delivery> done = forwarded(inbox);
            assertEquals(200, Sender.post(inbox.url(), "{}").status());
            Delivery d = done.get(10, TimeUnit.SECONDS);
            assertEquals(500, d.forward().status());
            assertFalse(d.forward().ok());
            assertEquals(1, inbox.deliveries().size());
        }
    }

    @Test
    void unreachableTargetDoesNotLoseTheDelivery() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + closedPort + "/");
        Path journal = dir.resolve("inbox.jsonl");
        try (Inbox inbox = Inbox.start(quickRetries().withForwardTo(nowhere).withJournal(journal))) {
            CompletableFuture<Delivery> done = forwarded(inbox);
            assertEquals(200, Sender.post(inbox.url(), Sender.fixture("workbook-created")).status());
            Delivery d = done.get(20, TimeUnit.SECONDS);
            assertEquals(0, d.forward().status());
            assertEquals("connection refused", d.forward().error());
            assertTrue(d.forward().describe().startsWith("failed to forward to " + nowhere + " after 4 attempts: "
                    + "connection refused"), d.forward().describe());
            assertEquals("WorkbookCreated", inbox.deliveries().get(0).payload().eventType());
        }
        assertTrue(Files.readAllLines(journal).get(1).contains("\"error\":\"connection refused\""));
    }

    @Test
    void aTargetWhoseNameDoesNotResolveIsSaidToBeAnUnknownHost() throws Exception {
        URI nowhere = URI.create("http://tabhook-test.invalid:8080/"); // .invalid never resolves (RFC 6761)
        try (Inbox inbox = Inbox.start(quickRetries().withForwardTo(nowhere).withJournal(dir.resolve("inbox.jsonl")))) {
            CompletableFuture<Delivery> done = forwarded(inbox);
            assertEquals(200, Sender.post(inbox.url(), Sender.fixture("workbook-created")).status());
            assertEquals("unknown host tabhook-test.invalid", done.get(20, TimeUnit.SECONDS).forward().error(),
                    "not 'connection refused': nothing was there to refuse");
        }
    }

    @Test
    void forwardingToItselfIsRefused() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Inbox.start(
                InboxOptions.defaults().withPort(port).withForwardTo(URI.create("http://localhost:" + port + "/x"))));
        assertTrue(e.getMessage().contains("is this inbox itself"), e.getMessage());
    }

    @Test
    void forwardingToItselfIsRefusedWhileRunningInAnyLoopbackSpelling() throws Exception {
        try (Inbox inbox = Inbox.start(InboxOptions.defaults())) {
            int port = inbox.url().getPort();
            for (String self : List.of(inbox.url().toString(), "http://localhost:" + port + "/x",
                    "http://[::1]:" + port + "/", "http://0.0.0.0:" + port + "/",
                    // issue 10 item 6: refused by the address it resolves to, whatever the spelling
                    "http://0:" + port + "/", "http://[::ffff:127.0.0.1]:" + port + "/",
                    "http://LocalHost.:" + port + "/")) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> inbox.forwardTo(URI.create(self)), self);
                assertTrue(e.getMessage().contains("is this inbox itself"), e.getMessage());
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> inbox.forwardTo(URI.create("ftp://127.0.0.1/")));
            assertEquals("forward-to must be an http(s) URL, not 'ftp://127.0.0.1/'", e.getMessage());

            inbox.forwardTo(targetUrl()); // the refusals changed nothing; a real target is taken
            assertEquals(200, Sender.post(inbox.url(), "{}").status());
            assertEquals("{}", target.next().body());
            inbox.forwardTo(null);
            assertEquals(200, Sender.post(inbox.url(), "{\"n\":2}").status()); // not forwarded
            inbox.forwardTo(targetUrl());
            assertEquals(200, Sender.post(inbox.url(), "{\"n\":3}").status());
            assertEquals(List.of("{\"n\":3}"), target.until(3).stream().map(ForwardTarget.Seen::body).toList());
        }
    }
}
