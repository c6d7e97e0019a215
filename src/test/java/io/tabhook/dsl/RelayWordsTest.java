package io.tabhook.dsl;

import io.tabhook.LanAddress;
import io.tabhook.api.Secrets;
import io.tabhook.api.Webhook;
import io.tabhook.client.Exchange;
import io.tabhook.relay.RelaySettings;
import io.tabhook.relay.SmeeServer;
import io.tabhook.sandbox.Demo;
import io.tabhook.sandbox.Sandbox;
import io.tabhook.sandbox.SandboxOptions;
import io.tabhook.session.Session;
import io.tabhook.session.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code inbox.relay} as a script uses it: inbox.url becomes the relay's public address, deliveries through it reach
 * waitForPayload, traces never show the address in full, and a server that is not this machine is never given a
 * loopback address to deliver to.
 */
class RelayWordsTest extends InterpreterOnLoopback {
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final List<Exchange> traced = new CopyOnWriteArrayList<>();
    private SmeeServer smee;
    private Interpreter interpreter;

    @BeforeEach
    void startSmee() throws Exception {
        smee = SmeeServer.start();
        inbox.clear(); // the class shares one inbox: a wait must not find another test's delivery
    }

    @AfterEach
    void stop() {
        if (interpreter != null) interpreter.evaluate("inbox.relay(null)");
        smee.close();
    }

    private Interpreter on(URI server) {
        Session session = new Session(new Settings().server(server), Duration.ofSeconds(10));
        session.trace(traced::add);
        interpreter = new Interpreter(new Dsl(session, inbox, sandbox, logged::add,
                Map.of(RelaySettings.SMEE_URL, smee.base().toString())::get));
        return interpreter;
    }

    @Test
    void aRelayMakesInboxUrlItsPublicAddressDeliversToWaitForPayloadAndStaysOutOfTraces() {
        Interpreter e = on(sandbox.baseUrl());
        e.evaluate("signIn");
        String said = (String) e.evaluate("inbox.relay('smee')");
        String url = (String) e.evaluate("inbox.url.toString()");
        assertTrue(url.startsWith(smee.base() + "/"), "inbox.url is the channel: " + url);
        assertTrue(said.contains(url), "the user is shown the whole address: " + said);

        Webhook hook = (Webhook) e.evaluate("createWebhook name: 'relayed', event: 'WorkbookCreated', url: inbox.url");
        assertEquals(url, hook.url());
        e.evaluate("sandbox.fire 'WorkbookCreated', 'Through the relay'");
        assertEquals("Through the relay", e.evaluate("waitForPayload(event: 'WorkbookCreated', timeout: 60).resource_name"));

        String channel = URI.create(url).getPath().substring(1);
        String trace = String.join("\n", traced.stream().map(Exchange::text).toList());
        assertTrue(trace.contains("relayed"), "the create was traced: " + trace);
        assertFalse(trace.contains(channel), "the channel never in a trace: " + trace);
        assertTrue(trace.contains(Secrets.mask(channel)), trace);
    }

    @Test
    void theInboxsPageIsToldTheRelaysAddressToShowBesideItsOwn() throws Exception {
        Interpreter e = on(sandbox.baseUrl());
        e.evaluate("inbox.relay('smee')");
        String url = (String) e.evaluate("inbox.url.toString()");
        assertTrue(pageHello().contains("\"relay\":\"" + url + "\""), "the page offers the relay's address");
        e.evaluate("inbox.relay(null)");
        assertFalse(pageHello().contains("\"relay\""), "and no longer once it stopped");
    }

    /** The first event the inbox's page gets: its {@code hello}, with the addresses to show. */
    private static String pageHello() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<java.util.stream.Stream<String>> r = client.send(java.net.http.HttpRequest.newBuilder(
                inbox.url().resolve("/_tabhook/stream")).timeout(Duration.ofSeconds(10)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofLines());
        try (java.util.stream.Stream<String> lines = r.body()) {
            return lines.filter(l -> l.startsWith("data: ")).findFirst().orElseThrow();
        }
    }

    @Test
    void onAServerThatIsNotThisMachineALoopbackUrlIsRefusedInOneLineThatSaysToUseARelay() {
        Interpreter e = on(URI.create("https://10ax.online.tableau.com"));
        DslException given = assertThrows(DslException.class, () -> e.evaluate(
                "createWebhook name: 'local', event: 'WorkbookCreated', url: 'http://127.0.0.1:8088/hook'"));
        assertEquals("createWebhook: 10ax.online.tableau.com cannot deliver to http://127.0.0.1:8088/hook; start "
                + "tabhook with --relay smee (or --relay webhook.site), or call inbox.relay('smee'), and createWebhook "
                + "delivers through it", given.getMessage());
        DslException none = assertThrows(DslException.class, () -> e.evaluate(
                "createWebhook name: 'inbox', event: 'WorkbookCreated'"));
        assertTrue(none.getMessage().startsWith("createWebhook: 10ax.online.tableau.com cannot deliver to the inbox on "
                + "this machine; start tabhook with --relay smee"), none.getMessage());
        assertTrue(traced.isEmpty(), "refused before anything was sent: " + traced);
    }

    @Test
    void onAServerThatIsNotThisMachineCreateWebhookWithoutUrlDeliversThroughTheRelay() throws Exception {
        String lan = LanAddress.first().orElse(null);
        assumeTrue(lan != null, "this machine has an address other than loopback");
        try (Sandbox remote = Sandbox.start(
                SandboxOptions.defaults().withBind(lan))) {
            Interpreter e = on(URI.create("http://" + lan + ":" + remote.baseUrl().getPort()));
            e.evaluate("signIn user: '" + Demo.ADMIN_USER + "', password: '"
                    + Demo.ADMIN_PASSWORD + "'");
            e.evaluate("inbox.relay('smee')");
            String url = (String) e.evaluate("inbox.url.toString()");
            Webhook hook = (Webhook) e.evaluate("createWebhook name: 'to-the-relay', event: 'WorkbookCreated'");
            assertEquals(url + "?hook=to-the-relay", hook.url(),
                    "the relay's public address with the webhook's own name, not the inbox's loopback one");
            assertEquals(hook.url(), e.evaluate("inbox.urlFor('to-the-relay').toString()"));
            remote.activity().createWorkbook("", "Relayed");
            @SuppressWarnings("unchecked")
            Map<String, Object> p = (Map<String, Object>) e.evaluate(
                    "waitForPayload hook: 'to-the-relay', timeout: 20");
            assertEquals("Relayed", p.get("resource_name"), "the relay passed the query on, so the hook is known");
        }
    }
}
