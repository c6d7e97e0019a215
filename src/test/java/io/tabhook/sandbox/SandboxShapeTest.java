package io.tabhook.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sandbox's answers have the shape of Tableau's documented bodies ({@code src/test/resources/fixtures}), and
 * the documented requests are accepted as they are (with the demo site, credentials and a destination swapped in).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SandboxShapeTest {
    Sandbox sandbox;
    Caller admin;
    Destination destination;

    @BeforeAll
    void start() throws IOException {
        sandbox = Sandbox.start(SandboxOptions.defaults());
        admin = Caller.signedIn(sandbox, Demo.ADMIN_USER, Demo.ADMIN_PASSWORD, Demo.DEFAULT_SITE);
        destination = Destination.answering(200, "ok");
    }

    @AfterAll
    void stop() {
        sandbox.close();
        destination.close();
    }

    static String fixture(String name) {
        try (InputStream in = SandboxShapeTest.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) throw new AssertionError("no fixture " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static Document xml(String text) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            return f.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static void sameXmlShape(String fixtureName, Caller.Answer answer) {
        List<String> diffs = Shapes.xml(xml(fixture(fixtureName)).getDocumentElement(), answer.xml().getDocumentElement());
        assertEquals(List.of(), diffs, fixtureName + " vs " + answer.body());
    }

    static void sameJsonShape(String fixtureName, Caller.Answer answer) {
        JsonNode expected;
        try {
            expected = Caller.JSON.readTree(fixture(fixtureName));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        List<String> diffs = Shapes.json(expected, answer.json());
        assertEquals(List.of(), diffs, fixtureName + " vs " + answer.body());
    }

    private String legacyCreateXml() {
        return fixture("webhook-create-request-3.6.xml").replace("https://hooks.example.com/tableau", destination.url());
    }

    // ---- answers ----

    @Test
    void signInAnswerHasTheDocumentedShape() {
        Caller anon = new Caller(sandbox.baseUrl());
        String body = "<tsRequest><credentials name=\"admin\" password=\"admin\"><site contentUrl=\"\"/></credentials></tsRequest>";
        sameXmlShape("signin-response.xml", anon.postXml("/api/3.6/auth/signin", body));
        sameJsonShape("signin-response.json", anon.send("POST", "/api/3.6/auth/signin", body,
                "Content-Type", "application/xml", "Accept", "application/json"));
    }

    @Test
    void serverInfoHasTheDocumentedShape() {
        Caller anon = new Caller(sandbox.baseUrl());
        sameXmlShape("serverinfo.xml", anon.getXml("/api/3.15/serverinfo"));
        sameJsonShape("serverinfo.json", anon.getJson("/api/3.15/serverinfo"));
    }

    @Test
    void createAnswerAt36HasTheObservedShape() {
        sameXmlShape("webhook-response-3.6.xml", admin.postXml(admin.webhooks("3.6"), legacyCreateXml()));
        sameJsonShape("webhook-response-3.6.json", admin.send("POST", admin.webhooks("3.6"), legacyCreateXml(),
                "Content-Type", "application/xml", "Accept", "application/json"));
    }

    @Test
    void createAnswerAt39HasTheDocumentedShapeWithTheXsdTimestamps() {
        sameXmlShape("webhook-response-xsd.xml", admin.postXml(admin.webhooks("3.9"), legacyCreateXml()));
        sameJsonShape("webhook-response-xsd.json", admin.send("POST", admin.webhooks("3.27"), legacyCreateXml(),
                "Content-Type", "application/xml", "Accept", "application/json"));
    }

    @Test
    void createdAtAndUpdatedAtAreXsdDateTimesFrom39AndAbsentBefore() {
        String id = admin.createWebhook("stamped", "WorkbookCreated", destination.url());
        for (String v : List.of("3.9", "3.12", "3.27")) {
            Caller.Answer xml = admin.getXml(admin.webhooks(v) + "/" + id);
            String created = xml.xmlAttr("webhook", "createdAt");
            assertTrue(created.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), v + ": " + xml.body());
            assertEquals(created, xml.xmlAttr("webhook", "updatedAt"), "never changed: " + xml.body());
            JsonNode json = admin.getJson(admin.webhooks(v) + "/" + id).json().get("webhook");
            assertEquals(created, json.get("createdAt").asText(), json.toString());
            assertEquals(created, json.get("updatedAt").asText(), json.toString());
        }
        for (String v : List.of("3.6", "3.8")) {
            Caller.Answer xml = admin.getXml(admin.webhooks(v) + "/" + id);
            assertFalse(xml.xmlElements("webhook").get(0).hasAttribute("createdAt"), v + ": " + xml.body());
            assertFalse(admin.getJson(admin.webhooks(v) + "/" + id).json().get("webhook").has("updatedAt"), v);
        }
    }

    @Test
    void anUpdateMovesUpdatedAtAndKeepsCreatedAt() throws Exception {
        String path = admin.webhooks("3.9") + "/" + admin.createWebhook("renamed", "WorkbookCreated", destination.url());
        String created = admin.getXml(path).xmlAttr("webhook", "createdAt");
        // timestamps are whole seconds, as Tableau's: wait until the next one
        while (java.time.Instant.now().toString().startsWith(created.substring(0, 19))) Thread.sleep(50);
        Caller.Answer renamed = admin.putXml(path, "<tsRequest><webhook name=\"renamed again\"/></tsRequest>");
        assertEquals(created, renamed.xmlAttr("webhook", "createdAt"));
        assertTrue(renamed.xmlAttr("webhook", "updatedAt").compareTo(created) > 0, renamed.body());
        assertEquals(renamed.xmlAttr("webhook", "updatedAt"), admin.getXml(path).xmlAttr("webhook", "updatedAt"));
    }

    @Test
    void listAnswerHasTheDocumentedShape() throws IOException {
        try (Sandbox fresh = Sandbox.start(SandboxOptions.defaults())) {
            Caller c = Caller.signedIn(fresh, "admin", "admin", "");
            sameXmlShape("webhooks-list-empty.xml", c.getXml(c.webhooks("3.9")));
            c.createWebhook("one", "DatasourceCreated", destination.url());
            sameXmlShape("webhooks-list-xsd.xml", c.getXml(c.webhooks("3.9")));
            sameJsonShape("webhooks-list-xsd.json", c.getJson(c.webhooks("3.9")));
            c.createWebhook("two", "AdminPromoted", destination.url());
            sameXmlShape("webhooks-list-xsd.xml", c.getXml(c.webhooks("3.9")));
            sameJsonShape("webhooks-list-xsd.json", c.getJson(c.webhooks("3.9")));
        }
    }

    @Test
    void testAnswerHasTheDocumentedShape() {
        String id = admin.createWebhook("shape-test", "WorkbookCreated", destination.url());
        sameXmlShape("webhook-test-result.xml", admin.getXml(admin.webhooks("3.12") + "/" + id + "/test"));
        sameJsonShape("webhook-test-result.json", admin.getJson(admin.webhooks("3.12") + "/" + id + "/test"));
    }

    @Test
    void errorsHaveTheDocumentedShape() {
        sameXmlShape("error-401002.xml", admin.send("GET", admin.webhooks("3.6"), null, "X-Tableau-Auth", "bad|token"));
        sameJsonShape("error-404003.json", admin.getJson("/api/exp/sites/ff66/webhooks/Replace_Me/test"));
    }

    @Test
    void shapeComparisonNoticesWhatA36AnswerLacks() {
        Caller.Answer at36 = admin.postXml(admin.webhooks("3.6"), legacyCreateXml());
        List<String> diffs = Shapes.xml(xml(fixture("webhook-response-3.9.xml")).getDocumentElement(),
                at36.xml().getDocumentElement());
        assertEquals(1, diffs.size(), diffs.toString());
    }

    // ---- documented requests ----

    @ParameterizedTest
    @ValueSource(strings = {"signin-request-password.xml", "signin-request-pat.xml", "signin-request-pat.json"})
    void acceptsTheDocumentedSignInRequests(String name) {
        String body = fixture(name).replace("marketing", "workshop")
                .replace("admin@example.com", Demo.ADMIN_USER).replace("s3cret", Demo.ADMIN_PASSWORD)
                .replace("ci-bot", Demo.PAT_NAME).replace("Yx8...==:Qv2...", Demo.PAT_SECRET);
        String type = name.endsWith(".json") ? "application/json" : "application/xml";
        Caller.Answer a = new Caller(sandbox.baseUrl()).send("POST", "/api/3.6/auth/signin", body, "Content-Type", type);
        assertEquals(200, a.status(), a.body());
        assertEquals(sandbox.siteId("workshop").orElseThrow(),
                name.endsWith(".json") ? a.json().get("credentials").get("site").get("id").asText()
                        : a.xmlAttr("site", "id"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"webhook-create-request-3.6.xml", "webhook-create-request-3.6.json",
            "webhook-create-request-3.9.xml", "webhook-create-request-3.9.json"})
    void acceptsTheDocumentedCreateRequests(String name) {
        String version = name.contains("3.6") ? "3.6" : "3.9";
        String type = name.endsWith(".json") ? "application/json" : "application/xml";
        String body = fixture(name).replace("https://hooks.example.com/tableau", destination.url());
        Caller.Answer a = admin.send("POST", admin.webhooks(version), body, "Content-Type", type);
        assertEquals(201, a.status(), a.body());
        assertEquals("notify-wb-created", name.endsWith(".json")
                ? a.json().get("webhook").get("name").asText() : a.xmlAttr("webhook", "name"));
    }

    @Test
    void acceptsTheDocumentedUpdateRequest() {
        String id = admin.createWebhook("to-update", "WorkbookCreated", destination.url());
        String body = fixture("webhook-update-request.xml")
                .replace("https://hooks.example.com/tableau-v2", destination.url("/v2"));
        Caller.Answer a = admin.putXml(admin.webhooks("3.9") + "/" + id, body);
        assertEquals(201, a.status(), a.body());
        assertEquals("notify-wb-created", a.xmlAttr("webhook", "name"));
        assertEquals("false", a.xmlAttr("webhook", "isEnabled"));
        assertEquals("paused during maintenance", a.xmlAttr("webhook", "statusChangeReason"));
        assertEquals(destination.url("/v2"), a.xmlAttr("webhook-destination-http", "url"));
    }
}
