package io.tabhook.cli;

import io.tabhook.Jackson;
import io.tabhook.LanAddress;
import io.tabhook.api.Secrets;
import io.tabhook.inbox.Delivery;
import io.tabhook.relay.SmeeServer;
import io.tabhook.sandbox.SandboxOptions;
import io.tabhook.sandbox.Sandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code --relay} on {@code run} and {@code tabhook inbox}: the public address shown, deliveries through it, bad relays. */
class RelayOptionTest {
    @TempDir
    Path dir;
    private SmeeServer smee;
    private InboxCommand inboxCommand;

    @BeforeEach
    void start() throws Exception {
        smee = SmeeServer.start();
    }

    @AfterEach
    void stop() {
        if (inboxCommand != null) inboxCommand.stop();
        smee.close();
    }

    @Test
    void runWithRelayDeliversThroughThePublicAddressAndTheTraceFileNeverShowsIt() throws Exception {
        URI channel = smee.channel();
        Path script = dir.resolve("relayed.groovy");
        Files.writeString(script, """
                signIn()
                println inbox.url
                createWebhook name: 'relayed', event: 'WorkbookCreated', url: inbox.url
                sandbox.fire 'WorkbookCreated', 'Relayed by run'
                println waitForPayload(event: 'WorkbookCreated', timeout: 60).resource_name
                """);
        Path trace = dir.resolve("trace.txt");
        CommandRun r = CommandRun.run(dir, Map.of(), "run", "--relay", channel.toString(), "--trace=" + trace, script.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(channel + "\nRelayed by run", r.out().strip(), "inbox.url is the relay's public address");
        String traced = Files.readString(trace);
        String name = channel.getPath().substring(1);
        assertTrue(traced.contains("relayed"), traced);
        assertFalse(traced.contains(name), "the channel never in the trace file: " + traced);
        assertTrue(traced.contains(Secrets.mask(name)), traced);
    }

    @Test
    void workshopModule03RunsUnchangedOnAServerThatIsNotThisMachineThroughARelay() throws Exception {
        String lan = LanAddress.first().orElse(null);
        assumeTrue(lan != null, "this machine has an address other than loopback");
        URI channel = smee.channel();
        try (Sandbox site = Sandbox.start(SandboxOptions.defaults().withBind(lan))) {
            // a "real site" for the script: not the embedded sandbox, not loopback, so no delivery can reach the inbox
            CompletableFuture<CommandRun> run = CompletableFuture.supplyAsync(() -> CommandRun.run(dir,
                    Map.of("TABLEAU_PASSWORD", "admin"), "run", "--server", "http://" + lan + ":" + site.baseUrl().getPort(),
                    "--user", "admin", "--relay", channel.toString(), "docs/workshop/03-fire-webhook.groovy"));
            // the module asks the user to publish a workbook and waits: do it once its webhook is there
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (myWebhookUrl(site) == null && System.nanoTime() < deadline && !run.isDone()) Thread.sleep(50);
            site.activity().createWorkbook("", "Published Through The Relay");
            CommandRun r = run.get(120, TimeUnit.SECONDS);
            assertEquals(0, r.exit(), r.out() + r.err());
            assertTrue(r.out().contains("\"resource_name\" : \"Published Through The Relay\""), r.out());
            assertEquals(channel + "?hook=my-webhook", myWebhookUrl(site),
                    "the webhook delivers to the relay, under its own name");
        }
    }

    /** The url of the site's webhook 'my-webhook' (as GET /sandbox/webhooks lists it), or null while there is none. */
    private static String myWebhookUrl(Sandbox site) throws Exception {
        String listed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(site.baseUrl().resolve("/sandbox/webhooks"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        for (var w : Jackson.mapper().readTree(listed)) {
            if (w.path("name").asText().equals("my-webhook")) return w.path("url").asText();
        }
        return null;
    }

    @Test
    void inboxWithRelayShowsThePublicAddressAndPrintsWhatReachesIt() throws Exception {
        URI channel = smee.channel();
        StringWriter out = new StringWriter();
        assertEquals(0, inbox(out, new StringWriter(), "--port", "0", "--no-journal", "--relay", channel.toString()));
        assertTrue(out.toString().contains("public address: " + channel + " (the smee channel relays what reaches it "
                + "to this inbox)"), out.toString());
        CompletableFuture<Delivery> printed = new CompletableFuture<>();
        inboxCommand.inbox().onDelivery(printed::complete);
        int status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(channel)
                .header("Content-Type", "application/json").header("User-Agent", "TableauWebhooks/1.0")
                .POST(HttpRequest.BodyPublishers.ofString("{\"resource\":\"WORKBOOK\",\"event_type\":\"WorkbookCreated\","
                        + "\"resource_name\":\"Through smee\"}")).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        assertEquals(200, status);
        assertEquals("TableauWebhooks/1.0", printed.get(60, TimeUnit.SECONDS).header("User-Agent"));
        // the command prints from its own listener queue, a moment after the delivery is in
        String line = "WorkbookCreated WORKBOOK \"Through smee\" (#1)";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!out.toString().contains(line) && System.nanoTime() < deadline) Thread.sleep(20);
        assertTrue(out.toString().contains(line), out.toString());
    }

    @Test
    void inboxWithARelayThatCannotBeReachedIsOneLineAndExitOne() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        StringWriter err = new StringWriter();
        assertEquals(1, inbox(new StringWriter(), err, "--port", "0", "--no-journal", "--relay",
                "http://127.0.0.1:" + closed + "/aBcDeFgHiJkLmNoPqRsT"));
        assertEquals("tabhook inbox: relay: cannot listen to the smee channel http://127.0.0.1:" + closed
                + "/aBcD…(20 chars): connection refused", err.toString().strip());
    }

    private int inbox(StringWriter out, StringWriter err, String... args) {
        inboxCommand = new InboxCommand();
        CommandLine cl = new CommandLine(inboxCommand);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }
}
