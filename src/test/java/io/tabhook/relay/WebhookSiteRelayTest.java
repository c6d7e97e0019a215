package io.tabhook.relay;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static io.tabhook.relay.SmeeRelayTest.post;
import static io.tabhook.relay.SmeeRelayTest.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A webhook.site token in front of the inbox: the sandbox delivers to a local server that speaks webhook.site's
 * token API, and the relay reads what it captured. webhook.site keeps requests, so a gap (reads failing, tabhook
 * stopped) loses nothing and repeats nothing; a 429 is waited out as asked; a paid token's API key is sent and never
 * shown.
 */
class WebhookSiteRelayTest {
    private static final String API_KEY = "wsk_live_5b1f0c9e7d2a4e8f9a3b6c1d0e2f4a7b";
    @TempDir
    Path dir;
    private Sandbox sandbox;
    private Inbox inbox;
    private TableauClient client;
    private WebhookSiteServer site;
    private Relay relay;
    private final List<String> notices = new CopyOnWriteArrayList<>();
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void start() throws Exception {
        sandbox = Sandbox.start(SandboxOptions.defaults().withRetryBackoff(Duration.ofMillis(200)));
        inbox = Inbox.start(InboxOptions.defaults().withJournal(dir.resolve("inbox.jsonl")));
        client = TableauClient.builder(sandbox.baseUrl()).build();
        client.signIn(SignInRequest.password(Demo.ADMIN_USER, Demo.ADMIN_PASSWORD, Demo.WORKSHOP_SITE));
    }

    private void site(WebhookSiteServer server) {
        site = server;
        env.put(RelaySettings.WEBHOOK_SITE_URL, server.base().toString());
    }

    @AfterEach
    void stop() {
        if (relay != null) relay.close();
        if (site != null) site.close();
        inbox.close();
        sandbox.close();
    }

    private RelaySettings settings() {
        return RelaySettings.from(env::get).placeBeside(inbox.options().journal());
    }

    private Delivery workbookCreated(String name) throws Exception {
        var next = inbox.next(DeliveryFilter.event("WorkbookCreated").name(name), false);
        sandbox.activity().fire(Demo.WORKSHOP_SITE, EventType.WORKBOOK_CREATED, name, null);
        return next.get(60, TimeUnit.SECONDS);
    }

    private List<String> names() {
        return inbox.deliveries().stream().map(d -> d.payload().resourceName()).toList();
    }

    @Test
    void aSandboxDeliveryCapturedByTheTokenReachesTheInboxWithTableausHeadersBodyAndAddress() throws Exception {
        site(WebhookSiteServer.start());
        URI token = site.newToken();
        relay = Relay.start(token.toString(), inbox, settings(), notices::add);
        assertEquals(token, relay.publicUrl());
        client.createWebhook(WebhookSpec.create("via-webhook.site", EventType.WORKBOOK_CREATED, token + "/tableau?hook=sales"));

        Delivery d = workbookCreated("Captured Sales");

        assertEquals("TableauWebhooks/1.0", d.header("User-Agent"));
        assertEquals("application/json", d.header("Content-Type"));
        assertEquals("/tableau?hook=sales", d.path(), "the address below the token");
        JsonNode body = Jackson.mapper().readTree(d.body());
        assertEquals("Captured Sales", body.path("resource_name").asText());
        assertEquals(Integer.parseInt(d.header("Content-Length")), d.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length,
                "webhook.site keeps the bytes as sent");
        assertTrue(notices.isEmpty(), notices.toString());
    }

    @Test
    void readsFailingForAWhileLoseNothingAndRepeatNothing() throws Exception {
        site(WebhookSiteServer.start());
        URI token = site.newToken();
        relay = Relay.start(token.toString(), inbox, settings(), notices::add);
        client.createWebhook(WebhookSpec.create("gap", EventType.WORKBOOK_CREATED, token.toString()));
        workbookCreated("Before the gap");

        site.failReads(true);
        waitUntil(() -> notices.stream().anyMatch(n -> n.contains("lost the webhook.site token")), "the drop said");
        for (String name : List.of("During 1", "During 2", "During 3")) {
            sandbox.activity().fire(Demo.WORKSHOP_SITE, EventType.WORKBOOK_CREATED, name, null);
        }
        waitUntil(() -> site.captured(token) == 4, "webhook.site capturing while no one reads");
        assertEquals(1, inbox.deliveries().size(), "nothing read in the gap");
        site.failReads(false);
        workbookCreated("After the gap");

        assertEquals(List.of("Before the gap", "During 1", "During 2", "During 3", "After the gap"), names());
        assertTrue(inbox.deliveries().stream().noneMatch(Delivery::duplicate));
        String back = notices.stream().filter(n -> n.contains("is back after")).findFirst().orElseThrow(
                () -> new AssertionError(notices.toString()));
        assertTrue(back.endsWith("down; nothing was lost: webhook.site kept what arrived meanwhile, passed on now"), back);
        assertTrue(notices.get(0).contains("(HTTP 503); trying again; webhook.site keeps what arrives meanwhile"),
                notices.get(0));
        for (String n : notices) assertFalse(n.contains(relay.address().capability()), "the token masked: " + n);
    }

    @Test
    void aRestartOnTheSameJournalResumesAfterTheLastRequestPassedOnAndRepeatsNone() throws Exception {
        site(WebhookSiteServer.start());
        URI token = site.newToken();
        relay = Relay.start(token.toString(), inbox, settings(), notices::add);
        client.createWebhook(WebhookSpec.create("restart", EventType.WORKBOOK_CREATED, token.toString()));
        workbookCreated("First");
        workbookCreated("Second");
        relay.close();
        inbox.close();

        for (String name : List.of("While stopped 1", "While stopped 2")) {
            sandbox.activity().fire(Demo.WORKSHOP_SITE, EventType.WORKBOOK_CREATED, name, null);
        }
        waitUntil(() -> site.captured(token) == 4, "webhook.site capturing while tabhook is stopped");

        inbox = Inbox.start(InboxOptions.defaults().withJournal(dir.resolve("inbox.jsonl")));
        var caughtUp = inbox.next(DeliveryFilter.any().name("While stopped 2"), true);
        relay = Relay.start(token.toString(), inbox, settings(), notices::add);
        caughtUp.get(60, TimeUnit.SECONDS);
        workbookCreated("Third");

        assertEquals(List.of("First", "Second", "While stopped 1", "While stopped 2", "Third"), names());
        assertEquals(5, Files.readAllLines(dir.resolve("inbox.jsonl")).size(), "the journal holds each one once");
        Path place = dir.resolve("inbox.jsonl.relay");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(place)));
        assertFalse(Files.readString(place).contains(relay.address().capability()), "the file holds no token");
    }

    @Test
    void aTokenUsedHereForTheFirstTimeStartsAfterWhatItAlreadyHolds() throws Exception {
        site(WebhookSiteServer.start());
        URI token = site.newToken();
        assertEquals(200, post(token, "{\"resource\":\"WORKBOOK\",\"event_type\":\"WorkbookCreated\",\"resource_name\":\"old\"}"));
        assertEquals(200, post(token, "{\"resource\":\"WORKBOOK\",\"event_type\":\"WorkbookCreated\",\"resource_name\":\"older\"}"));
        relay = Relay.start(token.toString(), inbox, settings(), notices::add);
        client.createWebhook(WebhookSpec.create("fresh", EventType.WORKBOOK_CREATED, token.toString()));
        workbookCreated("New");
        assertEquals(List.of("New"), names());
    }

    @Test
    void a429IsWaitedOutForAsLongAsWebhookSiteAsksAndNothingIsLost() throws Exception {
        site(WebhookSiteServer.withReadLimit(3, 4_000));
        URI token = site.newToken();
        relay = Relay.start(token.toString(), inbox, settings(), notices::add);
        client.createWebhook(WebhookSpec.create("busy", EventType.WORKBOOK_CREATED, token.toString()));
        workbookCreated("One");
        waitUntil(() -> site.tooMany() >= 1, "webhook.site refusing a read");
        workbookCreated("Two");
        workbookCreated("Three");

        assertEquals(List.of("One", "Two", "Three"), names());
        assertEquals(0, site.readsTooSoon(), "no read came before the time a 429's Retry-After named");
        assertEquals(1, notices.stream().filter(n -> n.contains("webhook.site asks to slow down (HTTP 429)")).count(),
                "said once: " + notices);
        assertEquals(1, site.tooMany(), "reading half as often after the 429 keeps within the limit");
    }

    @Test
    void webhookSiteMakesANewTokenAndThePaidTokensApiKeyGoesOnlyToWebhookSiteNeverIntoANotice() throws Exception {
        site(WebhookSiteServer.start());
        site.requireApiKey(API_KEY);
        env.put(RelaySettings.API_KEY, API_KEY);
        relay = Relay.start("webhook.site", inbox, settings(), notices::add);
        URI token = relay.publicUrl();
        assertTrue(token.toString().matches(site.base() + "/[0-9a-f-]{36}"), token.toString());
        client.createWebhook(WebhookSpec.create("paid", EventType.WORKBOOK_CREATED, token.toString()));
        workbookCreated("Paid");

        assertFalse(site.apiKeysSeen().isEmpty());
        assertTrue(site.apiKeysSeen().stream().allMatch(API_KEY::equals));
        assertFalse(inbox.deliveries().get(0).toJson().contains(API_KEY), "Tableau never sends it; neither does the relay");
        assertFalse(settings().toString().contains(API_KEY));
        assertFalse(String.join("\n", notices).contains(API_KEY));
    }

    @Test
    void aMissingOrRefusedApiKeyIsOneLineThatNamesTheVariableAndNeverTheKey() throws Exception {
        site(WebhookSiteServer.start());
        URI token = site.newToken();
        site.requireApiKey(API_KEY);
        RelayException missing = assertThrows(RelayException.class,
                () -> Relay.start(token.toString(), inbox, settings(), notices::add));
        assertEquals("relay: cannot read the webhook.site token " + site.base() + "/" + token.getPath().substring(1, 5)
                + "…(36 chars): HTTP 401: the token needs its API key in WEBHOOK_SITE_API_KEY", missing.getMessage());

        String wrong = "wsk_live_0000000000000000000000000000beef";
        env.put(RelaySettings.API_KEY, wrong);
        RelayException refused = assertThrows(RelayException.class,
                () -> Relay.start(token.toString(), inbox, settings(), notices::add));
        assertTrue(refused.getMessage().endsWith("HTTP 401: webhook.site refused the API key in WEBHOOK_SITE_API_KEY"),
                refused.getMessage());
        assertFalse(refused.getMessage().contains(wrong));
        assertFalse(refused.getMessage().contains(token.getPath().substring(1)));
    }

    @Test
    void anUnknownTokenIsOneLineThatSaysHowToMakeOne() throws Exception {
        site(WebhookSiteServer.start());
        String gone = site.base() + "/0b0c7a52-1d2e-4f3a-9b8c-7d6e5f4a3b2c";
        RelayException e = assertThrows(RelayException.class, () -> Relay.start(gone, inbox, settings(), notices::add));
        assertEquals("relay: cannot read the webhook.site token " + site.base() + "/0b0c…(36 chars): HTTP 404: "
                + "webhook.site has no such token (free tokens expire after a week); `--relay webhook.site` makes a new one",
                e.getMessage());
    }
}
