package io.tabhook.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.tabhook.events.EventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Events reach the webhooks that listen for them, as Tableau delivers: payload, headers, retries, auto-disable. */
class SandboxDeliveryTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final SandboxOptions FAST = SandboxOptions.defaults().withRetryBackoff(Duration.ofMillis(1));

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEventDeliversTheDocumentedPayloadToASubscribedWebhook(EventType event) throws Exception {
        try (Sandbox sandbox = Sandbox.start(FAST); Destination dest = Destination.answering(200, "ok")) {
            Caller admin = Caller.signedIn(sandbox, "admin", "admin", "workshop");
            prepare(sandbox.activity(), event);
            String hook = admin.createWebhook("listens", event.apiName(), dest.url());

            ActivityResult r = sandbox.activity().fire("workshop", event, null, null);
            assertEquals(event, r.event());
            Destination.Received got = dest.next();
            assertEquals("POST", got.method());
            assertEquals("/hook", got.path());
            assertEquals("TableauWebhooks/1.0", got.headers().getFirst("User-Agent"));
            assertEquals("application/json", got.headers().getFirst("Content-Type"));
            assertEquals("utf-8", got.headers().getFirst("charset"));
            assertEquals("text/html, image/gif, image/jpeg, *; q=.2, */*; q=.2", got.headers().getFirst("Accept"));
            assertEquals("no-cache", got.headers().getFirst("Cache-Control"));
            assertEquals("no-cache", got.headers().getFirst("Pragma"));

            JsonNode p = Caller.JSON.readTree(got.body());
            List<String> keys = new ArrayList<>();
            for (Iterator<String> it = p.fieldNames(); it.hasNext(); ) keys.add(it.next());
            assertEquals(List.of("event_type", "resource", "resource_luid", "created_at", "resource_name", "site_luid"), keys);
            assertEquals(event.apiName(), p.get("event_type").asText());
            assertEquals(expectedResource(event), p.get("resource").asText());
            assertEquals(r.resourceName(), p.get("resource_name").asText());
            assertEquals(r.resourceLuid(), p.get("resource_luid").asText());
            assertEquals(admin.siteId, p.get("site_luid").asText());
            assertEquals(admin.siteId, r.siteLuid());
            assertTrue(p.get("created_at").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), got.body());
            assertEquals(List.of(), Shapes.json(Caller.JSON.readTree(SandboxShapeTest.fixture("payload-workbook-created.json")), p));

            assertTrue(sandbox.deliveries().awaitIdle(WAIT));
            assertEquals(List.of(), dest.drain(), "exactly one delivery");
            List<DeliveryAttempt> attempts = sandbox.deliveries().attemptsFor(hook);
            assertEquals(1, attempts.size());
            assertEquals(200, attempts.get(0).status());
        }
    }

    /** The state an event needs before it can happen on the workshop site. */
    private static void prepare(Activity activity, EventType event) {
        switch (event) {
            case ADMIN_DEMOTED -> activity.promoteUser("workshop", Demo.ANALYST_USER);
            case SITE_DELETED -> activity.createSite("workshop", "Doomed");
            case LABEL_UPDATED, LABEL_DELETED -> activity.createLabel("workshop", "Superstore");
            default -> { }
        }
    }

    private static String expectedResource(EventType event) {
        return switch (event.resource()) {
            case LABEL -> "WORKBOOK";
            default -> event.resource().name();
        };
    }

    @Test
    void aFailingDestinationSeesFourAttemptsAndTheWebhookEndsDisabled() throws Exception {
        try (Sandbox sandbox = Sandbox.start(FAST); Destination dest = Destination.answering(500, "boom")) {
            Caller admin = Caller.signedIn(sandbox, "admin", "admin", "");
            String hook = admin.createWebhook("fails", "WorkbookCreated", dest.url());
            sandbox.activity().createWorkbook("", "Q3 Sales");
            assertTrue(sandbox.deliveries().awaitIdle(WAIT));

            List<Destination.Received> got = dest.drain();
            assertEquals(4, got.size());
            assertTrue(got.stream().allMatch(r -> r.body().equals(got.get(0).body())), "retries carry the same bytes");
            List<DeliveryAttempt> attempts = sandbox.deliveries().attemptsFor(hook);
            assertEquals(List.of(1, 2, 3, 4), attempts.stream().map(DeliveryAttempt::attempt).toList());
            assertTrue(attempts.stream().allMatch(a -> a.status() == 500 && "HTTP 500".equals(a.error())));

            Caller.Answer a = admin.getXml(admin.webhooks("3.9") + "/" + hook);
            assertEquals("false", a.xmlAttr("webhook", "isEnabled"));
            assertEquals("Disabled after 4 failed delivery attempts: HTTP 500", a.xmlAttr("webhook", "statusChangeReason"));

            sandbox.activity().createWorkbook("", "Q4 Sales");
            assertTrue(sandbox.deliveries().awaitIdle(WAIT));
            assertEquals(List.of(), dest.drain(), "a disabled webhook gets nothing");
        }
    }

    @Test
    void anUnreachableDestinationIsRetriedThenDisabledWithTheReason() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (Sandbox sandbox = Sandbox.start(FAST)) {
            Caller admin = Caller.signedIn(sandbox, "admin", "admin", "");
            String hook = admin.createWebhook("nowhere", "DatasourceCreated", "http://127.0.0.1:" + port + "/x");
            sandbox.activity().createDatasource("", "Orders");
            assertTrue(sandbox.deliveries().awaitIdle(WAIT));
            List<DeliveryAttempt> attempts = sandbox.deliveries().attemptsFor(hook);
            assertEquals(4, attempts.size());
            assertTrue(attempts.stream().allMatch(a -> a.status() == 0 && a.error() != null));
            JsonNode w = admin.getJson(admin.webhooks("3.9") + "/" + hook).json().get("webhook");
            assertFalse(w.get("isEnabled").asBoolean());
            assertTrue(w.get("statusChangeReason").asText().startsWith("Disabled after 4 failed delivery attempts: "));
        }
    }

    @Test
    void aDestinationThatRecoversGetsNoMoreAttemptsAndStaysEnabled() throws Exception {
        try (Sandbox sandbox = Sandbox.start(FAST); Destination dest = Destination.answeringInTurn(503, 500, 204)) {
            Caller admin = Caller.signedIn(sandbox, "admin", "admin", "");
            String hook = admin.createWebhook("recovers", "WorkbookUpdated", dest.url());
            sandbox.activity().updateWorkbook("", "Superstore");
            assertTrue(sandbox.deliveries().awaitIdle(WAIT));
            assertEquals(3, dest.drain().size());
            assertEquals(List.of(503, 500, 204),
                    sandbox.deliveries().attemptsFor(hook).stream().map(DeliveryAttempt::status).toList());
            assertEquals("true", admin.getXml(admin.webhooks("3.9") + "/" + hook).xmlAttr("webhook", "isEnabled"));
        }
    }

    @Test
    void aDisabledWebhookDeliversNothing() throws Exception {
        try (Sandbox sandbox = Sandbox.start(FAST); Destination dest = Destination.answering(200, "ok")) {
            Caller admin = Caller.signedIn(sandbox, "admin", "admin", "");
            String hook = admin.createWebhook("off", "WorkbookCreated", dest.url());
            admin.putXml(admin.webhooks("3.9") + "/" + hook, "<tsRequest><webhook isEnabled=\"false\"/></tsRequest>");
            sandbox.activity().createWorkbook("", "Ignored");
            assertTrue(sandbox.deliveries().awaitIdle(WAIT));
            assertEquals(List.of(), dest.drain());
            assertEquals(List.of(), sandbox.deliveries().attemptsFor(hook));
        }
    }

    @Test
    void eventsNobodyListensForDeliverNothing() throws Exception {
        try (Sandbox sandbox = Sandbox.start(FAST); Destination dest = Destination.answering(200, "ok")) {
            Caller admin = Caller.signedIn(sandbox, "admin", "admin", "");
            admin.createWebhook("deletes-only", "WorkbookDeleted", dest.url());
            Caller other = Caller.signedIn(sandbox, "admin", "admin", "workshop");
            other.createWebhook("other-site", "WorkbookCreated", dest.url());
            sandbox.activity().createWorkbook("", "Unheard");
            sandbox.activity().createDatasource("", "Unheard too");
            assertTrue(sandbox.deliveries().awaitIdle(WAIT));
            assertEquals(List.of(), dest.drain());
        }
    }

    @Test
    void eachWebhooksEventsArriveInTheOrderTheyHappened() throws Exception {
        try (Sandbox sandbox = Sandbox.start(FAST); Destination dest = Destination.answering(200, "ok")) {
            Caller admin = Caller.signedIn(sandbox, "admin", "admin", "");
            admin.createWebhook("created", "WorkbookCreated", dest.url("/created"));
            admin.createWebhook("updated", "WorkbookUpdated", dest.url("/updated"));
            for (int i = 0; i < 5; i++) {
                sandbox.activity().createWorkbook("", "Ordered " + i);
                sandbox.activity().updateWorkbook("", "Ordered " + i);
            }
            Map<String, List<String>> byPath = new HashMap<>();
            for (int i = 0; i < 10; i++) {
                Destination.Received r = dest.next();
                byPath.computeIfAbsent(r.path(), p -> new ArrayList<>())
                        .add(Caller.JSON.readTree(r.body()).get("resource_name").asText());
            }
            List<String> inOrder = List.of("Ordered 0", "Ordered 1", "Ordered 2", "Ordered 3", "Ordered 4");
            assertEquals(Map.of("/created", inOrder, "/updated", inOrder), byPath);
        }
    }

    @Test
    void theTestPostGoesThroughTheEngineOnceWithoutRetryOrDisable() throws Exception {
        try (Sandbox sandbox = Sandbox.start(FAST); Destination dest = Destination.answering(500, "not today")) {
            Caller admin = Caller.signedIn(sandbox, "admin", "admin", "");
            String hook = admin.createWebhook("tested", "WorkbookCreated", dest.url());
            Caller.Answer a = admin.getXml(admin.webhooks("3.9") + "/" + hook + "/test");
            assertEquals(200, a.status());
            assertEquals("500", a.xmlAttr("webhookTestResult", "status"));
            assertEquals("not today", a.xmlElements("body").get(0).getTextContent());

            Destination.Received got = dest.next();
            assertEquals("{}", got.body());
            assertEquals("TableauWebhooks/1.0", got.headers().getFirst("User-Agent"));
            assertTrue(sandbox.deliveries().awaitIdle(WAIT));
            assertEquals(List.of(), dest.drain());
            DeliveryAttempt logged = sandbox.deliveries().attemptsFor(hook).get(0);
            assertTrue(logged.test());
            assertNull(logged.event());
            assertEquals("true", admin.getXml(admin.webhooks("3.9") + "/" + hook).xmlAttr("webhook", "isEnabled"));
        }
    }

    @Test
    void reenablingAnAutoDisabledWebhookResumesDelivery() throws Exception {
        try (Sandbox sandbox = Sandbox.start(FAST); Destination dest = Destination.answeringInTurn(500, 500, 500, 500, 200)) {
            Caller admin = Caller.signedIn(sandbox, "admin", "admin", "");
            String hook = admin.createWebhook("phoenix", "ViewDeleted", dest.url());
            sandbox.activity().deleteView("", "Overview");
            assertTrue(sandbox.deliveries().awaitIdle(WAIT));
            assertEquals(4, dest.drain().size());
            Caller.Answer on = admin.putXml(admin.webhooks("3.9") + "/" + hook, "<tsRequest><webhook isEnabled=\"true\"/></tsRequest>");
            assertEquals("", on.xmlAttr("webhook", "statusChangeReason"));
            sandbox.activity().deleteView("", "Product");
            assertTrue(dest.next().body().contains("\"resource_name\":\"Product\""));
        }
    }

    @Test
    void closingTheSandboxDropsRetriesStillWaiting() throws Exception {
        Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withRetryBackoff(Duration.ofMinutes(10)));
        try (Destination dest = Destination.answering(500, "")) {
            Caller admin = Caller.signedIn(sandbox, "admin", "admin", "");
            admin.createWebhook("slow-retry", "WorkbookCreated", dest.url());
            sandbox.activity().createWorkbook("", "Pending");
            dest.next();
            sandbox.close();
            assertFalse(sandbox.deliveries().awaitIdle(Duration.ZERO), "the retry was still waiting");
            assertThrowsIo(() -> new Caller(sandbox.baseUrl()).getXml("/api/3.9/serverinfo"));
        } finally {
            sandbox.close();
        }
    }

    private static void assertThrowsIo(Runnable call) {
        try {
            call.run();
        } catch (java.io.UncheckedIOException expected) {
            return;
        }
        throw new AssertionError("the closed sandbox still answered");
    }
}
