package io.tabhook.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What each API version knows: webhooks from 3.6, update from 3.8, the event attribute from 3.9. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SandboxVersionTest {
    static final String LEGACY = "<tsRequest><webhook name=\"legacy\"><webhook-source>"
            + "<webhook-source-event-workbook-created/></webhook-source><webhook-destination>"
            + "<webhook-destination-http method=\"POST\" url=\"https://hooks.example.com/l\"/>"
            + "</webhook-destination></webhook></tsRequest>";

    Sandbox sandbox;
    Caller admin;

    @BeforeAll
    void start() throws IOException {
        sandbox = Sandbox.start(SandboxOptions.defaults());
        admin = Caller.signedIn(sandbox, Demo.ADMIN_USER, Demo.ADMIN_PASSWORD, Demo.DEFAULT_SITE);
    }

    @AfterAll
    void stop() {
        sandbox.close();
    }

    @Test
    void createsWebhookWithLegacySourceElementAt36() {
        Caller.Answer a = admin.postXml(admin.webhooks("3.6"), LEGACY);
        assertEquals(201, a.status(), a.body());
        assertTrue(a.header("Location").startsWith("/api/3.6/sites/"));
        assertTrue(a.body().contains("ts-api-3.6.xsd"));
        assertEquals(1, a.xmlElements("webhook-source-event-workbook-created").size());
        assertNull(a.xmlAttr("webhook", "event"));
        assertNull(a.xmlAttr("webhook", "isEnabled"));
        assertNull(a.xmlAttr("webhook", "statusChangeReason"));
    }

    @Test
    void answersInThe36ShapeInJsonToo() {
        Caller.Answer a = admin.send("POST", admin.webhooks("3.6"), "{\"webhook\":{\"webhook-source\":"
                        + "{\"webhook-source-event-workbook-created\":{}},\"webhook-destination\":{\"webhook-destination-http\":"
                        + "{\"method\":\"POST\",\"url\":\"https://hooks.example.com/l\"}},\"name\":\"legacy-json\"}}",
                "Content-Type", "application/json", "Accept", "application/json");
        assertEquals(201, a.status(), a.body());
        JsonNode w = a.json().get("webhook");
        assertFalse(w.has("event"));
        assertFalse(w.has("isEnabled"));
        assertTrue(w.get("webhook-source").get("webhook-source-event-workbook-created").isObject());
    }

    @Test
    void knowsNoWebhooksBefore36() {
        Caller.Answer a = admin.getXml("/api/3.5/sites/" + admin.siteId + "/webhooks");
        assertEquals(404, a.status());
        assertEquals("404003", a.errorCode());
        assertEquals("Unknown resource '/3.5/sites/" + admin.siteId + "/webhooks' specified in URI.", a.errorDetail());
    }

    @Test
    void refusesUpdateBefore38As405NamingTheVersion() {
        String id = admin.postXml(admin.webhooks("3.6"), LEGACY).xmlAttr("webhook", "id");
        Caller.Answer a = admin.putXml(admin.webhooks("3.6") + "/" + id, "<tsRequest><webhook name=\"x\"/></tsRequest>");
        assertEquals(405, a.status());
        assertEquals("405000", a.errorCode());
        assertEquals("GET, DELETE", a.header("Allow"));
        assertTrue(a.errorDetail().contains("3.8"), a.errorDetail());
    }

    @Test
    void updatesAt38WithSourceElementAndAnswersWithIsEnabledButNoEvent() {
        String id = admin.postXml(admin.webhooks("3.6"), LEGACY).xmlAttr("webhook", "id");
        Caller.Answer a = admin.putXml(admin.webhooks("3.8") + "/" + id, "<tsRequest><webhook name=\"legacy-38\""
                + " isEnabled=\"false\" statusChangeReason=\"paused\"><webhook-source><webhook-source-event-view-deleted/>"
                + "</webhook-source></webhook></tsRequest>");
        assertEquals(201, a.status(), a.body());
        assertEquals("false", a.xmlAttr("webhook", "isEnabled"));
        assertEquals("paused", a.xmlAttr("webhook", "statusChangeReason"));
        assertNull(a.xmlAttr("webhook", "event"));
        assertEquals(1, a.xmlElements("webhook-source-event-view-deleted").size());
    }

    @Test
    void refusesTheEventAttributeBefore39PointingToWebhookSource() {
        Caller.Answer a = admin.postXml(admin.webhooks("3.8"),
                Caller.webhookXml("early", "WorkbookCreated", "https://hooks.example.com/e"));
        assertEquals(400, a.status());
        assertEquals("400000", a.errorCode());
        assertTrue(a.errorDetail().contains("webhook-source") && a.errorDetail().contains("3.9"), a.errorDetail());
    }

    @Test
    void answersWithEventIsEnabledAndReasonFrom39() {
        Caller.Answer a = admin.postXml(admin.webhooks("3.9"), LEGACY);
        assertEquals("WorkbookCreated", a.xmlAttr("webhook", "event"));
        assertEquals("true", a.xmlAttr("webhook", "isEnabled"));
        assertEquals("", a.xmlAttr("webhook", "statusChangeReason"));
        String id = a.xmlAttr("webhook", "id");
        Caller.Answer old = admin.getXml(admin.webhooks("3.6") + "/" + id);
        assertNull(old.xmlAttr("webhook", "event"));
        assertNull(old.xmlAttr("webhook", "isEnabled"));
    }

    @Test
    void knowsNoServerInfoBefore24WhereItWasIntroduced() {
        Caller anyone = new Caller(sandbox.baseUrl());
        Caller.Answer old = anyone.getXml("/api/2.3/serverinfo");
        assertEquals(404, old.status(), old.body());
        assertEquals("404003", old.errorCode());
        assertEquals("Unknown resource '/2.3/serverinfo' specified in URI.", old.errorDetail());
        assertEquals(200, anyone.getXml("/api/2.4/serverInfo").status());
    }

    @Test
    void refusesPersonalAccessTokenSignInBefore36NamingTheVersion() {
        Caller anyone = new Caller(sandbox.baseUrl());
        String pat = "{\"credentials\":{\"site\":{\"contentUrl\":\"\"},\"personalAccessTokenName\":\""
                + Demo.PAT_NAME + "\",\"personalAccessTokenSecret\":\"" + Demo.PAT_SECRET + "\"}}";
        Caller.Answer early = anyone.postJson("/api/3.5/auth/signin", pat);
        assertEquals(400, early.status(), early.body());
        assertEquals("400000", early.errorCode());
        assertTrue(early.errorDetail().contains("3.6") && early.errorDetail().contains("3.5"), early.errorDetail());
        assertEquals(200, anyone.postJson("/api/3.6/auth/signin", pat).status());
        assertEquals(200, anyone.postJson("/api/3.5/auth/signin", "{\"credentials\":{\"site\":{\"contentUrl\":\"\"},"
                + "\"name\":\"" + Demo.ADMIN_USER + "\",\"password\":\"" + Demo.ADMIN_PASSWORD + "\"}}").status());
    }

    @Test
    void servesTheNewestVersion() {
        assertEquals(200, admin.getXml(admin.webhooks(io.tabhook.api.ApiVersion.LATEST.toString())).status());
    }
}
