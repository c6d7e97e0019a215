package io.tabhook.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.tabhook.Jackson;
import io.tabhook.api.SignInRequest;
import io.tabhook.api.WebhookSpec;
import io.tabhook.client.TableauClient;
import io.tabhook.events.EventType;
import io.tabhook.inbox.Delivery;
import io.tabhook.inbox.DeliveryFilter;
import io.tabhook.inbox.Inbox;
import io.tabhook.inbox.InboxOptions;
import io.tabhook.sandbox.Demo;
import io.tabhook.sandbox.Sandbox;
import io.tabhook.sandbox.SandboxOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A smee channel in front of the inbox: the real sandbox delivers to a local smee-compatible server, the relay
 * listens to the channel, and the deliveries reach the inbox with Tableau's headers, once each, a server restart
 * included.
 */
class SmeeRelayTest {
    private Sandbox sandbox;
    private Inbox inbox;
    private TableauClient client;
    private SmeeServer smee;
    private Relay relay;
    private final List<String> notices = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        sandbox = Sandbox.start(SandboxOptions.defaults().withRetryBackoff(Duration.ofMillis(200)));
        inbox = Inbox.start(InboxOptions.defaults());
        smee = SmeeServer.start();
        client = TableauClient.builder(sandbox.baseUrl()).build();
        client.signIn(SignInRequest.password(Demo.ADMIN_USER, Demo.ADMIN_PASSWORD, Demo.WORKSHOP_SITE));
    }

    @AfterEach
    void stop() {
        if (relay != null) relay.close();
        smee.close();
        inbox.close();
        sandbox.close();
    }

    private RelaySettings settings() {
        return RelaySettings.from(Map.of(RelaySettings.SMEE_URL, smee.base().toString())::get);
    }

    /** A workbook is created on the sandbox's workshop site, and the sandbox delivers WorkbookCreated. */
    private Delivery workbookCreated(String name) throws Exception {
        var next = inbox.next(DeliveryFilter.event("WorkbookCreated").name(name), false);
        sandbox.activity().fire(Demo.WORKSHOP_SITE, EventType.WORKBOOK_CREATED, name, null);
        return next.get(60, TimeUnit.SECONDS);
    }

    @Test
    void aSandboxDeliveryToTheChannelReachesTheInboxWithTableausHeadersBodyAndAddress() throws Exception {
        URI channel = smee.channel();
        relay = Relay.start(channel.toString(), inbox, settings(), notices::add);
        assertEquals(channel, relay.publicUrl());
        client.createWebhook(WebhookSpec.create("via-smee", EventType.WORKBOOK_CREATED, channel + "?hook=via-smee"));

        Delivery d = workbookCreated("Relayed Sales");

        assertEquals("TableauWebhooks/1.0", d.header("User-Agent"), "Tableau's headers, as the sender sent them");
        assertEquals("application/json", d.header("Content-Type"));
        assertEquals("no-cache", d.header("Pragma"));
        assertNull(d.header("Content-Length"), "the sender's length was not this body's: smee re-serialises it");
        assertEquals("/?hook=via-smee", d.path(), "the address is the channel's query");
        assertEquals("POST", d.method());
        JsonNode body = Jackson.mapper().readTree(d.body());
        assertEquals("WorkbookCreated", body.path("event_type").asText());
        assertEquals("Relayed Sales", body.path("resource_name").asText());
        assertEquals("WORKBOOK", d.payload().resource(), "a payload like any other delivery's");
        assertEquals(1, inbox.deliveries().size());
        assertTrue(notices.isEmpty(), notices.toString());
    }

    @Test
    void afterTheServerRestartsTheRelayReconnectsSaysHowLongItWasDownAndEachDeliveryArrivesOnce() throws Exception {
        URI channel = smee.channel();
        relay = Relay.start(channel.toString(), inbox, settings(), notices::add);
        client.createWebhook(WebhookSpec.create("through-restarts", EventType.WORKBOOK_CREATED, channel.toString()));
        workbookCreated("Before");

        smee.stop();
        waitUntil(() -> notices.stream().anyMatch(n -> n.contains("lost the smee channel")), "a notice of the drop");
        smee.startAgain();
        waitUntil(() -> notices.stream().anyMatch(n -> n.contains("is back after")), "a notice that it is back");
        waitUntil(() -> smee.listening(channel) == 1, "the relay listening again");

        workbookCreated("After");
        workbookCreated("After again");
        assertEquals(List.of("Before", "After", "After again"),
                inbox.deliveries().stream().map(d -> d.payload().resourceName()).toList(), "each delivery once");
        assertTrue(inbox.deliveries().stream().noneMatch(Delivery::duplicate));
        String back = notices.stream().filter(n -> n.contains("is back after")).findFirst().orElseThrow();
        assertTrue(back.matches("relay: the smee channel http://127.0.0.1:[0-9]+/\\S{4}…\\(16 chars\\) is back after [0-9.]+ (ms|s) down; smee keeps nothing "
                + "while no one listens: anything posted to it meanwhile is lost"), back);
        for (String n : notices) assertFalse(n.contains(relay.address().capability()), "notices mask the channel: " + n);
        assertTrue(notices.get(0).contains(io.tabhook.api.Secrets.mask(relay.address().capability())), notices.get(0));
    }

    @Test
    void smeeMakesANewChannelOnTheServerAsDoesItsNewAddress() throws Exception {
        relay = Relay.start("smee", inbox, settings(), notices::add);
        URI made = relay.publicUrl();
        assertTrue(made.toString().startsWith(smee.base() + "/"), made.toString());
        assertTrue(made.getPath().substring(1).matches("[A-Za-z0-9_-]{16}"), "12 random bytes, base64url: " + made);
        waitUntil(() -> smee.listening(made) == 1, "listening to the new channel");
        relay.close();

        relay = Relay.start(smee.base() + "/new", inbox, settings(), notices::add);
        assertFalse(relay.publicUrl().equals(made), "another channel");
        URI second = relay.publicUrl();
        waitUntil(() -> smee.listening(second) == 1, "listening to the second channel");
        assertEquals(200, post(second, "{\"resource\":\"WORKBOOK\",\"event_type\":\"WorkbookCreated\"}"));
        waitUntil(() -> inbox.deliveries().size() == 1, "the post to the new channel in the inbox " + notices);
    }

    @Test
    void aPageThatIsNotAnEventStreamOrAServerThatIsNotThereIsOneLineThatMasksTheChannel() throws Exception {
        HttpServer page = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        page.createContext("/", ex -> {
            byte[] html = "<html>hello</html>".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/html");
            ex.sendResponseHeaders(200, html.length);
            ex.getResponseBody().write(html);
            ex.close();
        });
        page.start();
        String channel = "aBcDeFgHiJkLmNoPqRsT";
        try {
            RelayException e = assertThrows(RelayException.class, () -> Relay.start("http://127.0.0.1:"
                    + page.getAddress().getPort() + "/" + channel, inbox, settings(), notices::add));
            assertEquals("relay: cannot listen to the smee channel http://127.0.0.1:" + page.getAddress().getPort()
                    + "/aBcD…(20 chars): it answered text/html, not an event stream: is this a smee channel?", e.getMessage());
        } finally {
            page.stop(0);
        }
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        RelayException refused = assertThrows(RelayException.class, () -> Relay.start("http://127.0.0.1:" + closed
                + "/" + channel, inbox, settings(), notices::add));
        assertEquals("relay: cannot listen to the smee channel http://127.0.0.1:" + closed
                + "/aBcD…(20 chars): connection refused", refused.getMessage());
        assertEquals(0, inbox.deliveries().size());
    }

    /** POSTs JSON as Tableau would; answers the status. */
    static int post(URI url, String json) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(url)
                        .header("Content-Type", "application/json").header("User-Agent", "TableauWebhooks/1.0")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json)).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("never saw " + what);
            Thread.sleep(20);
        }
    }
}
