package io.tabhook.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13: {@code GET /sandbox/deliveries}, the delivery timeline over HTTP: every attempt per webhook with its time,
 * number, status or error and duration, the retries and the auto-disable, filtered by webhook, event and site, in
 * plain JSON (no Tableau envelope, no XML).
 */
class SandboxDeliveryHistoryTest extends FreshSandboxTest {
    static final Duration WAIT = Duration.ofSeconds(30);

    @Override
    String signInSite() {
        return "";
    }

    private static List<String> keys(JsonNode o) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) out.add(it.next());
        return out;
    }

    private Caller.Answer timeline(String query) {
        return new Caller(sandbox.baseUrl()).getJson("/sandbox/deliveries" + query);
    }

    @Test
    void theTimelineShowsEachAttemptItsRetryAndTheAutoDisableInPlainJson() throws Exception {
        try (Destination failing = Destination.answering(500, "down for maintenance")) {
            String broken = admin.createWebhook("broken", "WorkbookCreated", failing.url());
            String fine = admin.createWebhook("fine", "WorkbookCreated", dest.url());
            Instant before = Instant.now().minusSeconds(1);
            sandbox.activity().createWorkbook("", "Timeline");
            assertTrue(sandbox.deliveries().awaitIdle(WAIT));

            Caller.Answer all = timeline("");
            assertEquals(200, all.status());
            assertTrue(all.header("Content-Type").startsWith("application/json"), all.header("Content-Type"));
            assertFalse(all.body().contains("<") || all.body().contains("tsResponse"), all.body());
            assertEquals(6, all.json().size(), all.body());

            JsonNode lines = timeline("?webhook=broken").json();
            assertEquals(5, lines.size(), lines.toString());
            for (int i = 0; i < 4; i++) {
                JsonNode a = lines.get(i);
                assertEquals("attempt", a.get("what").asText());
                assertEquals(i + 1, a.get("attempt").asInt());
                assertEquals(500, a.get("status").asInt());
                assertEquals("HTTP 500", a.get("error").asText());
                assertEquals("WorkbookCreated", a.get("event").asText());
                assertEquals(broken, a.get("webhookId").asText());
                assertEquals("broken", a.get("webhookName").asText());
                assertEquals(failing.url(), a.get("url").asText());
                assertEquals(admin.siteId, a.get("siteLuid").asText());
                assertFalse(Instant.parse(a.get("at").asText()).isBefore(before), a.toString());
                assertTrue(a.get("durationMs").isIntegralNumber() && a.get("durationMs").asLong() >= 0, a.toString());
                if (i < 3) {
                    assertEquals(10L << i, a.get("retryInMs").asLong(), "backoff, 2×, 4×: " + a);
                } else {
                    assertFalse(a.has("retryInMs"), "no retry after the fourth: " + a);
                }
            }
            assertEquals(List.of("at", "what", "webhookName", "webhookId", "event", "attempt", "status", "error",
                    "durationMs", "retryInMs", "url", "siteLuid"), keys(lines.get(0)));
            JsonNode disabled = lines.get(4);
            assertEquals("disabled", disabled.get("what").asText());
            assertEquals("Disabled after 4 failed delivery attempts: HTTP 500", disabled.get("error").asText());
            assertFalse(Instant.parse(disabled.get("at").asText())
                    .isBefore(Instant.parse(lines.get(3).get("at").asText())), "after the last attempt");

            JsonNode ok = timeline("?webhook=" + fine).json();
            assertEquals(1, ok.size(), ok.toString());
            assertEquals(200, ok.get(0).get("status").asInt());
            assertFalse(ok.get(0).has("error") || ok.get(0).has("retryInMs"), ok.toString());
        }
    }

    @Test
    void theTimelineIsFilteredByWebhookEventSiteAndLength() throws Exception {
        String created = admin.createWebhook("created", "WorkbookCreated", dest.url());
        admin.createWebhook("datasources", "DatasourceCreated", dest.url());
        Caller workshop = Caller.signedIn(sandbox, "admin", "admin", "workshop");
        workshop.createWebhook("elsewhere", "WorkbookCreated", dest.url());
        sandbox.activity().createWorkbook("", "One");
        sandbox.activity().createDatasource("", "Two");
        sandbox.activity().createWorkbook("workshop", "Three");
        sandbox.activity().createWorkbook("", "Four");
        assertTrue(sandbox.deliveries().awaitIdle(WAIT));

        assertEquals(4, timeline("").json().size());
        assertEquals(2, timeline("?webhook=" + created).json().size());
        assertEquals(2, timeline("?webhook=" + created.toUpperCase()).json().size(), "an id in any case");
        assertEquals(2, timeline("?event=workbook-created&site=default").json().size(), "any spelling of the event");
        assertEquals(1, timeline("?event=DatasourceCreated").json().size());
        JsonNode there = timeline("?site=workshop").json();
        assertEquals(1, there.size());
        assertEquals("elsewhere", there.get(0).get("webhookName").asText());
        JsonNode all = timeline("").json();
        JsonNode last = timeline("?limit=2").json();
        assertEquals(2, last.size());
        assertEquals(all.get(2), last.get(0), "the latest lines");
        assertEquals(all.get(3), last.get(1));
        assertEquals(0, timeline("?webhook=nobody").json().size());
    }

    @Test
    void aBadQueryIsOneLineOfJsonThatSaysWhatToDo() {
        Caller.Answer unknown = timeline("?webook=created");
        assertEquals(400, unknown.status());
        assertEquals("GET /sandbox/deliveries takes only webhook, event, site, limit",
                unknown.json().get("error").asText());
        Caller.Answer event = timeline("?event=WorkbookCreate");
        assertEquals(400, event.status());
        assertTrue(event.json().get("error").asText().contains("did you mean WorkbookCreated"), event.body());
        assertEquals(400, timeline("?limit=0").status());
        assertEquals(404, timeline("?site=nowhere").status());
        Caller.Answer huge = timeline("?webhook=" + "x".repeat(10_000));
        assertEquals(400, huge.status());
        assertTrue(huge.body().length() < 200, "not echoed: " + huge.body().length() + " bytes");
        assertEquals(405, new Caller(sandbox.baseUrl()).send("DELETE", "/sandbox/deliveries", null).status());
    }
}
