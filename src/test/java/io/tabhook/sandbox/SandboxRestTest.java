package io.tabhook.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.tabhook.api.ApiVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SandboxRestTest {
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

    // ---- server info ----

    @ParameterizedTest
    @ValueSource(strings = {"2.4", "3.4", "3.6", "3.9", "3.25", "3.27"})
    void answersServerInfoWithoutSignInAtEveryVersionAClientProbes(String version) {
        Caller.Answer a = new Caller(sandbox.baseUrl()).getXml("/api/" + version + "/serverinfo");
        assertEquals(200, a.status(), a.body());
        assertEquals(ApiVersion.LATEST.toString(), a.xmlElements("restApiVersion").get(0).getTextContent());
        assertEquals(Demo.PRODUCT_VERSION, a.xmlElements("productVersion").get(0).getTextContent());
        assertEquals(Demo.BUILD, a.xmlAttr("productVersion", "build"));
    }

    @Test
    void answersServerInfoAsTscSpellsIt() {
        assertEquals(200, new Caller(sandbox.baseUrl()).getXml("/api/3.4/serverInfo").status());
    }

    @Test
    void answersServerInfoInJsonWhenAskedFor() {
        Caller.Answer a = new Caller(sandbox.baseUrl()).getJson("/api/3.4/serverinfo");
        assertEquals("application/json;charset=UTF-8", a.header("Content-Type"));
        JsonNode info = a.json().get("serverInfo");
        assertEquals(ApiVersion.LATEST.toString(), info.get("restApiVersion").asText());
        assertEquals(Demo.PRODUCT_VERSION, info.get("productVersion").get("value").asText());
    }

    @Test
    void aTakenPortIsReportedInOneLine() {
        int port = sandbox.baseUrl().getPort();
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> Sandbox.start(SandboxOptions.defaults().withPort(port)));
        assertTrue(e.getMessage().startsWith("cannot listen on 127.0.0.1:" + port), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    // ---- sign-in and sign-out ----

    @Test
    void signsInWithPasswordAndGetsTokenSiteAndUser() {
        Caller.Answer a = new Caller(sandbox.baseUrl()).postXml("/api/3.6/auth/signin",
                "<tsRequest><credentials name=\"admin\" password=\"admin\"><site contentUrl=\"\"/></credentials></tsRequest>");
        assertEquals(200, a.status());
        assertEquals("application/xml;charset=UTF-8", a.header("Content-Type"));
        assertTrue(a.xmlAttr("credentials", "token").matches("[^|]+\\|[^|]+"));
        assertEquals(sandbox.siteId("").orElseThrow(), a.xmlAttr("site", "id"));
        assertEquals("", a.xmlAttr("site", "contentUrl"));
        assertNotNull(a.xmlAttr("user", "id"));
    }

    @Test
    void signsInWithPersonalAccessTokenInJsonOnBothSites() {
        for (String site : new String[] {"", "workshop"}) {
            Caller.Answer a = new Caller(sandbox.baseUrl()).postJson("/api/3.9/auth/signin",
                    "{\"credentials\":{\"site\":{\"contentUrl\":\"" + site + "\"},\"personalAccessTokenName\":\""
                            + Demo.PAT_NAME + "\",\"personalAccessTokenSecret\":\"" + Demo.PAT_SECRET + "\"}}");
            assertEquals(200, a.status(), a.body());
            JsonNode c = a.json().get("credentials");
            assertEquals(sandbox.siteId(site).orElseThrow(), c.get("site").get("id").asText());
            assertEquals(site, c.get("site").get("contentUrl").asText());
            assertTrue(c.get("token").asText().contains("|"));
        }
    }

    @Test
    void refusesWrongPasswordUnknownUserAndUnknownSiteAs401001() {
        Caller anon = new Caller(sandbox.baseUrl());
        for (String creds : new String[] {
                "<credentials name=\"admin\" password=\"nope\"><site contentUrl=\"\"/></credentials>",
                "<credentials name=\"nobody\" password=\"admin\"><site contentUrl=\"\"/></credentials>",
                "<credentials name=\"admin\" password=\"admin\"><site contentUrl=\"nosuchsite\"/></credentials>",
                "<credentials personalAccessTokenName=\"workshop-pat\" personalAccessTokenSecret=\"x\"><site contentUrl=\"\"/></credentials>",
                "<credentials jwt=\"eyJ.eyJ.sig\"><site contentUrl=\"\"/></credentials>"}) {
            Caller.Answer a = anon.postXml("/api/3.9/auth/signin", "<tsRequest>" + creds + "</tsRequest>");
            assertEquals(401, a.status(), creds);
            assertEquals("401001", a.errorCode(), creds);
            assertEquals("Signin Error", a.xmlElements("summary").get(0).getTextContent());
        }
    }

    @Test
    void refusesASignInWithoutItsRequiredSiteElementAs400000InXmlAndJson() {
        Caller anon = new Caller(sandbox.baseUrl());
        Caller.Answer xml = anon.postXml("/api/3.9/auth/signin",
                "<tsRequest><credentials name=\"admin\" password=\"admin\"/></tsRequest>");
        Caller.Answer json = anon.postJson("/api/3.9/auth/signin",
                "{\"credentials\":{\"name\":\"admin\",\"password\":\"admin\"}}");
        for (Caller.Answer a : List.of(xml, json)) {
            assertEquals(400, a.status(), a.body());
            assertEquals("400000", a.errorCode());
            assertTrue(a.errorDetail().contains("contentUrl"), a.errorDetail());
        }
        assertTrue(json.json().get("error").has("code"));
    }

    @Test
    void signOutAnswers204AndTheTokenDies() {
        Caller c = Caller.signedIn(sandbox, "admin", "admin", "");
        assertEquals(200, c.getXml(c.webhooks("3.9")).status());
        Caller.Answer out = c.postXml("/api/3.9/auth/signout", "");
        assertEquals(204, out.status());
        assertEquals("", out.body());
        Caller.Answer after = c.getXml(c.webhooks("3.9"));
        assertEquals(401, after.status());
        assertEquals("401002", after.errorCode());
    }

    @Test
    void tokenExpiresAfterItsLifetime() throws IOException {
        try (Sandbox shortLived = Sandbox.start(SandboxOptions.defaults().withTokenTtl(Duration.ofNanos(1)))) {
            Caller c = Caller.signedIn(shortLived, "admin", "admin", "");
            Caller.Answer a = c.getXml(c.webhooks("3.9"));
            assertEquals(401, a.status());
            assertEquals("401002", a.errorCode());
        }
    }

    // ---- the webhook lifecycle ----

    @Test
    void createsListsGetsUpdatesAndDeletesAWebhookInXml() {
        Caller.Answer created = admin.postXml(admin.webhooks("3.9"),
                Caller.webhookXml("xml-life", "WorkbookCreated", "https://hooks.example.com/a"));
        assertEquals(201, created.status(), created.body());
        String id = created.xmlAttr("webhook", "id");
        assertEquals("/api/3.9/sites/" + admin.siteId + "/webhooks/" + id, created.header("Location"));
        assertEquals("WorkbookCreated", created.xmlAttr("webhook", "event"));
        assertEquals("true", created.xmlAttr("webhook", "isEnabled"));
        assertEquals("", created.xmlAttr("webhook", "statusChangeReason"));
        assertEquals(1, created.xmlElements("webhook-source-event-workbook-created").size());
        assertEquals("https://hooks.example.com/a", created.xmlAttr("webhook-destination-http", "url"));
        assertEquals("POST", created.xmlAttr("webhook-destination-http", "method"));
        assertEquals(admin.userId, created.xmlAttr("owner", "id"));
        assertEquals("admin", created.xmlAttr("owner", "name"));

        Caller.Answer list = admin.getXml(admin.webhooks("3.9"));
        assertEquals(200, list.status());
        assertTrue(list.xmlElements("webhook").stream().anyMatch(w -> w.getAttribute("id").equals(id)));

        Caller.Answer got = admin.getXml(admin.webhooks("3.9") + "/" + id);
        assertEquals(200, got.status());
        assertEquals("xml-life", got.xmlAttr("webhook", "name"));

        Caller.Answer updated = admin.putXml(admin.webhooks("3.9") + "/" + id,
                "<tsRequest><webhook name=\"xml-life-2\" isEnabled=\"false\"/></tsRequest>");
        assertEquals(201, updated.status(), updated.body());
        assertEquals("/api/3.9/sites/" + admin.siteId + "/webhooks/" + id, updated.header("Location"),
                "Update answers 201 with Location (webhooks-docs README at 3b8aeb3)");
        assertEquals("xml-life-2", updated.xmlAttr("webhook", "name"));
        assertEquals("false", updated.xmlAttr("webhook", "isEnabled"));
        assertEquals("Webhook disabled by user", updated.xmlAttr("webhook", "statusChangeReason"));
        assertEquals("WorkbookCreated", updated.xmlAttr("webhook", "event"));
        assertEquals("https://hooks.example.com/a", updated.xmlAttr("webhook-destination-http", "url"));

        Caller.Answer deleted = admin.send("DELETE", admin.webhooks("3.9") + "/" + id, null);
        assertEquals(204, deleted.status());
        assertEquals(404, admin.getXml(admin.webhooks("3.9") + "/" + id).status());
    }

    @Test
    void createsListsGetsUpdatesAndDeletesAWebhookInJson() {
        Caller.Answer created = admin.postJson(admin.webhooks("3.9"), "{\"webhook\":{\"name\":\"json-life\","
                + "\"event\":\"DatasourceUpdated\",\"isEnabled\":true,\"webhook-destination\":{\"webhook-destination-http\":"
                + "{\"method\":\"POST\",\"url\":\"https://hooks.example.com/j\"}}}}");
        assertEquals(201, created.status(), created.body());
        assertEquals("application/json;charset=UTF-8", created.header("Content-Type"));
        JsonNode w = created.json().get("webhook");
        String id = w.get("id").asText();
        assertTrue(w.get("isEnabled").isBoolean());
        assertEquals("DatasourceUpdated", w.get("event").asText());
        assertTrue(w.get("webhook-source").has("webhook-source-event-datasource-updated"));
        assertEquals("https://hooks.example.com/j",
                w.get("webhook-destination").get("webhook-destination-http").get("url").asText());

        JsonNode list = admin.getJson(admin.webhooks("3.9")).json().get("webhooks").get("webhook");
        assertTrue(list.isArray());
        boolean found = false;
        for (JsonNode h : list) found |= h.get("id").asText().equals(id);
        assertTrue(found);

        assertEquals("json-life", admin.getJson(admin.webhooks("3.9") + "/" + id).json()
                .get("webhook").get("name").asText());

        Caller.Answer updated = admin.putJson(admin.webhooks("3.9") + "/" + id,
                "{\"webhook\":{\"isEnabled\":\"false\",\"statusChangeReason\":\"maintenance\"}}");
        assertEquals(201, updated.status(), updated.body());
        assertFalse(updated.json().get("webhook").get("isEnabled").asBoolean());
        assertEquals("maintenance", updated.json().get("webhook").get("statusChangeReason").asText());

        assertEquals(204, admin.send("DELETE", admin.webhooks("3.9") + "/" + id, null,
                "Accept", "application/json").status());
    }

    @Test
    void listsAnEmptySiteAsAnEmptyWebhooksElement() throws IOException {
        try (Sandbox fresh = Sandbox.start(SandboxOptions.defaults())) {
            Caller c = Caller.signedIn(fresh, "admin", "admin", "workshop");
            Caller.Answer xml = c.getXml(c.webhooks("3.9"));
            assertEquals(1, xml.xmlElements("webhooks").size());
            assertEquals(0, xml.xmlElements("webhook").size());
            assertEquals("{\"webhooks\":{}}", c.getJson(c.webhooks("3.9")).body());
        }
    }

    @Test
    void listHonoursTheNameFilterAndNeverFailsOnPagingParameters() {
        admin.createWebhook("filter-me", "ViewDeleted", "https://hooks.example.com/f");
        Caller.Answer a = admin.getXml(admin.webhooks("3.9")
                + "?pageSize=5&pageNumber=1&filter=name:eq:filter-me&sort=name:asc&fields=_all_");
        assertEquals(200, a.status(), a.body());
        assertEquals(1, a.xmlElements("webhook").size());
        assertEquals("filter-me", a.xmlAttr("webhook", "name"));
        assertEquals(0, a.xmlElements("pagination").size());
        assertEquals(200, admin.getXml(admin.webhooks("3.9") + "?pageSize=abc&filter=weird&sort=").status());
    }

    @Test
    void allowsTwoWebhooksWithTheSameName() {
        String a = admin.createWebhook("twin", "WorkbookUpdated", "https://hooks.example.com/t");
        String b = admin.createWebhook("twin", "WorkbookUpdated", "https://hooks.example.com/t");
        assertNotEquals(a, b);
    }

    @Test
    void createsADisabledWebhookWithTheUserReason() {
        Caller.Answer a = admin.postXml(admin.webhooks("3.9"), "<tsRequest><webhook name=\"off\" event=\"WorkbookCreated\""
                + " isEnabled=\"false\"><webhook-destination><webhook-destination-http method=\"POST\""
                + " url=\"https://hooks.example.com/o\"/></webhook-destination></webhook></tsRequest>");
        assertEquals(201, a.status());
        assertEquals("false", a.xmlAttr("webhook", "isEnabled"));
        assertEquals("Webhook disabled by user", a.xmlAttr("webhook", "statusChangeReason"));
    }

    @Test
    void updateChangesOnlyTheFieldsItNames() {
        String id = admin.createWebhook("partial", "WorkbookDeleted", "https://hooks.example.com/p");
        Caller.Answer a = admin.putXml(admin.webhooks("3.9") + "/" + id, "<tsRequest><webhook>"
                + "<webhook-destination><webhook-destination-http method=\"POST\" url=\"https://hooks.example.com/p2\"/>"
                + "</webhook-destination></webhook></tsRequest>");
        assertEquals(201, a.status(), a.body());
        assertEquals("partial", a.xmlAttr("webhook", "name"));
        assertEquals("WorkbookDeleted", a.xmlAttr("webhook", "event"));
        assertEquals("https://hooks.example.com/p2", a.xmlAttr("webhook-destination-http", "url"));
        assertEquals("true", a.xmlAttr("webhook", "isEnabled"));

        Caller.Answer e = admin.putXml(admin.webhooks("3.9") + "/" + id,
                "<tsRequest><webhook event=\"LabelCreated\"/></tsRequest>");
        assertEquals("LabelCreated", e.xmlAttr("webhook", "event"));
        assertEquals(1, e.xmlElements("webhook-source-event-label-created").size());
    }

    @Test
    void refusesAReasonWhenEnablingAs400127AndEnablingClearsTheReason() {
        String id = admin.createWebhook("reason", "WorkbookCreated", "https://hooks.example.com/r");
        String path = admin.webhooks("3.9") + "/" + id;
        admin.putXml(path, "<tsRequest><webhook isEnabled=\"false\"/></tsRequest>");
        Caller.Answer refused = admin.putXml(path,
                "<tsRequest><webhook isEnabled=\"true\" statusChangeReason=\"back\"/></tsRequest>");
        assertEquals(400, refused.status());
        assertEquals("400127", refused.errorCode());
        Caller.Answer enabled = admin.putXml(path, "<tsRequest><webhook isEnabled=\"true\"/></tsRequest>");
        assertEquals("true", enabled.xmlAttr("webhook", "isEnabled"));
        assertEquals("", enabled.xmlAttr("webhook", "statusChangeReason"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"webhook-source-event-workbook-created", "webhook-event-user-promoted-admin",
            "webhook-source-event-label-LabelDeleted", "webhook-source-event-label-deleted"})
    void acceptsEveryDocumentedSourceElement(String source) {
        Caller.Answer a = admin.postXml(admin.webhooks("3.6"), "<tsRequest><webhook name=\"src\"><webhook-source><"
                + source + "/></webhook-source><webhook-destination><webhook-destination-http method=\"POST\""
                + " url=\"https://hooks.example.com/s\"/></webhook-destination></webhook></tsRequest>");
        assertEquals(201, a.status(), a.body());
        assertEquals(1, a.xmlElements("webhook-source").get(0).getChildNodes().getLength());
    }

    @Test
    void refusesAWebhookSourceNamingTwoEventsInXmlAndJsonOnCreateAndUpdate() {
        String xml = "<tsRequest><webhook name=\"two-events\"><webhook-source><webhook-source-event-workbook-created/>"
                + "<webhook-source-event-workbook-deleted/></webhook-source><webhook-destination>"
                + "<webhook-destination-http method=\"POST\" url=\"https://hooks.example.com/two\"/>"
                + "</webhook-destination></webhook></tsRequest>";
        String json = "{\"webhook\":{\"name\":\"two-events\",\"webhook-source\":{"
                + "\"webhook-source-event-workbook-created\":{},\"webhook-source-event-workbook-deleted\":{}},"
                + "\"webhook-destination\":{\"webhook-destination-http\":{\"method\":\"POST\","
                + "\"url\":\"https://hooks.example.com/two\"}}}}";
        String id = admin.createWebhook("one-event", "ViewDeleted", "https://hooks.example.com/one");
        for (Caller.Answer a : List.of(admin.postXml(admin.webhooks("3.6"), xml), admin.postJson(admin.webhooks("3.6"), json),
                admin.putXml(admin.webhooks("3.9") + "/" + id, xml))) {
            assertEquals(400, a.status(), a.body());
            assertEquals("400000", a.errorCode());
            assertTrue(a.errorDetail().contains("webhook-source-event-workbook-created")
                    && a.errorDetail().contains("webhook-source-event-workbook-deleted"), a.errorDetail());
        }
        assertFalse(admin.getXml(admin.webhooks("3.9")).body().contains("two-events"));
        assertEquals("ViewDeleted", admin.getXml(admin.webhooks("3.9") + "/" + id).xmlAttr("webhook", "event"));
    }

    @Test
    void acceptsEventAndSourceWhenTheyAgreeAndRefusesThemWhenTheyDiffer() {
        String agree = "<tsRequest><webhook name=\"both\" event=\"ViewDeleted\"><webhook-source>"
                + "<webhook-source-event-view-deleted/></webhook-source><webhook-destination>"
                + "<webhook-destination-http method=\"POST\" url=\"https://hooks.example.com/b\"/>"
                + "</webhook-destination></webhook></tsRequest>";
        assertEquals(201, admin.postXml(admin.webhooks("3.9"), agree).status());
        Caller.Answer differ = admin.postXml(admin.webhooks("3.9"),
                agree.replace("event=\"ViewDeleted\"", "event=\"WorkbookCreated\""));
        assertEquals(400, differ.status());
        assertEquals("400000", differ.errorCode());
        assertTrue(differ.errorDetail().contains("different events"), differ.errorDetail());
    }

    // ---- test endpoint ----

    @Test
    void xmlAnswersStayWellFormedWhenANameOrADestinationsBodyHoldsCharactersXmlCannotCarry() {
        Caller.Answer created = admin.postJson(admin.webhooks("3.9"), "{\"webhook\":{\"name\":\"bell\\u0007\\u0000 ok\","
                + "\"event\":\"WorkbookCreated\",\"webhook-destination\":{\"webhook-destination-http\":{\"method\":\"POST\","
                + "\"url\":\"https://hooks.example.com/bell\"}}}}");
        assertEquals(201, created.status(), created.body());
        String id = created.json().get("webhook").get("id").asText();
        assertEquals("bell\ufffd\ufffd ok", admin.getXml(admin.webhooks("3.9") + "/" + id).xmlAttr("webhook", "name"));
        assertTrue(admin.getXml(admin.webhooks("3.9")).xmlElements("webhook").stream()
                .anyMatch(w -> w.getAttribute("name").equals("bell\ufffd\ufffd ok")), "the list is XML too");
        try (Destination dest = Destination.answering(418, "nul\u0000 esc\u001b[31m <&> end")) {
            String tested = admin.createWebhook("odd-answer", "WorkbookCreated", dest.url());
            Caller.Answer a = admin.getXml(admin.webhooks("3.9") + "/" + tested + "/test");
            assertEquals("nul\ufffd esc\ufffd[31m <&> end", a.xmlElements("body").get(0).getTextContent());
            assertEquals("nul\u0000 esc\u001b[31m <&> end",
                    admin.getJson(admin.webhooks("3.9") + "/" + tested + "/test").json().get("webhookTestResult")
                            .get("body").asText(), "JSON carries every character");
        }
    }

    @Test
    void testReportsTheDestinationsStatusAndBody() {
        try (Destination dest = Destination.answering(418, "short and stout")) {
            String id = admin.createWebhook("teapot", "WorkbookCreated", dest.url());
            Caller.Answer a = admin.getXml(admin.webhooks("3.9") + "/" + id + "/test");
            assertEquals(200, a.status(), a.body());
            assertEquals(id, a.xmlAttr("webhookTestResult", "id"));
            assertEquals("418", a.xmlAttr("webhookTestResult", "status"));
            assertEquals("short and stout", a.xmlElements("body").get(0).getTextContent());

            JsonNode j = admin.getJson(admin.webhooks("3.9") + "/" + id + "/test").json().get("webhookTestResult");
            assertEquals(418, j.get("status").asInt());
            assertTrue(j.get("status").isNumber());
            assertEquals("short and stout", j.get("body").asText());
        }
    }

    @Test
    void testOfAnUnreachableDestinationReports408UnableToConnectAsTableauDoes() throws IOException {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort + "/x";
        String id = admin.createWebhook("nowhere", "WorkbookCreated", url);
        Caller.Answer a = admin.getXml(admin.webhooks("3.9") + "/" + id + "/test");
        assertEquals(200, a.status());
        assertEquals("408", a.xmlAttr("webhookTestResult", "status"));
        assertEquals("unable to connect to the url \"" + url + "\"", a.xmlElements("body").get(0).getTextContent());
        JsonNode j = admin.getJson(admin.webhooks("3.9") + "/" + id + "/test").json().get("webhookTestResult");
        assertEquals(408, j.get("status").asInt());
    }

    @Test
    void testOfADestinationSlowerThanTheReadTimeoutReports408() throws IOException {
        try (Sandbox quick = Sandbox.start(SandboxOptions.defaults().withDeliveryReadTimeout(Duration.ofMillis(200)));
             Destination slow = Destination.answeringAfter(Duration.ofSeconds(5), 200, "too late")) {
            Caller c = Caller.signedIn(quick, Demo.ADMIN_USER, Demo.ADMIN_PASSWORD, Demo.DEFAULT_SITE);
            String id = c.createWebhook("slow", "WorkbookCreated", slow.url());
            Caller.Answer a = c.getXml(c.webhooks("3.9") + "/" + id + "/test");
            assertEquals("408", a.xmlAttr("webhookTestResult", "status"), a.body());
            assertTrue(quick.deliveries().attemptsFor(id).get(0).error().startsWith("no answer within"),
                    quick.deliveries().attemptsFor(id).get(0).error());
        }
    }

    @Test
    void deliveryTimeoutsDefaultToTableauServersFiveAndThreeSeconds() {
        assertEquals(Duration.ofSeconds(5), SandboxOptions.defaults().deliveryConnectTimeout());
        assertEquals(Duration.ofSeconds(3), SandboxOptions.defaults().deliveryReadTimeout());
    }

    // ---- refusals ----

    @Test
    void refusesACallWithoutTokenAs401000() {
        Caller.Answer a = new Caller(sandbox.baseUrl()).getXml(admin.webhooks("3.9"));
        assertEquals(401, a.status());
        assertEquals("401000", a.errorCode());
    }

    @Test
    void refusesAnUnknownTokenAs401002() {
        Caller.Answer a = admin.send("GET", admin.webhooks("3.9"), null, "X-Tableau-Auth", "forged|token");
        assertEquals(401, a.status());
        assertEquals("401002", a.errorCode());
    }

    @Test
    void readsTheAuthHeaderInAnyCase() {
        assertEquals(200, admin.send("GET", admin.webhooks("3.9"), null, "x-tableau-auth", admin.token).status());
    }

    @Test
    void refusesAViewerAs403004() {
        Caller viewer = Caller.signedIn(sandbox, Demo.VIEWER_USER, Demo.VIEWER_PASSWORD, "");
        Caller.Answer a = viewer.getXml(viewer.webhooks("3.9"));
        assertEquals(403, a.status());
        assertEquals("403004", a.errorCode());
    }

    @Test
    void refusesATokenOfAnotherSiteAs401002() {
        Caller workshop = Caller.signedIn(sandbox, "admin", "admin", "workshop");
        Caller.Answer a = workshop.getXml(admin.webhooks("3.9"));
        assertEquals(401, a.status());
        assertEquals("401002", a.errorCode());
    }

    @Test
    void refusesAnUnknownSiteAs404000() {
        Caller.Answer a = admin.getXml("/api/3.9/sites/00000000-0000-0000-0000-000000000000/webhooks");
        assertEquals(404, a.status());
        assertEquals("404000", a.errorCode());
    }

    @Test
    void refusesAnUnknownWebhookAs404002ForEveryMethod() {
        String path = admin.webhooks("3.9") + "/00000000-0000-0000-0000-000000000000";
        for (Caller.Answer a : new Caller.Answer[] {admin.getXml(path), admin.getXml(path + "/test"),
                admin.send("DELETE", path, null),
                admin.putXml(path, "<tsRequest><webhook name=\"x\"/></tsRequest>")}) {
            assertEquals(404, a.status(), a.body());
            assertEquals("404002", a.errorCode());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://hooks.example.com/x", "ftp://127.0.0.1/x", "not a url", "/relative",
            "https://hooks.example.com:99999/x", "https://hooks.example.com:0/x"})
    void refusesADestinationThatIsNotHttpsOrLoopback(String url) {
        Caller.Answer a = admin.postXml(admin.webhooks("3.9"), Caller.webhookXml("bad-url", "WorkbookCreated", url));
        assertEquals(400, a.status(), a.body());
        assertEquals("400000", a.errorCode());
        assertTrue(a.errorDetail().contains("https") || a.errorDetail().contains("valid URL"), a.errorDetail());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:9/x", "http://localhost:9/x", "http://[::1]:9/x", "http://127.1.2.3/x"})
    void allowsPlainHttpToLoopback(String url) {
        assertEquals(201, admin.postXml(admin.webhooks("3.9"),
                Caller.webhookXml("loop", "WorkbookCreated", url)).status());
    }

    @Test
    void refusesAWebhookWithoutNameEventOrUrl() {
        String dest = "<webhook-destination><webhook-destination-http method=\"POST\" url=\"https://h.example.com\"/>"
                + "</webhook-destination>";
        for (String body : new String[] {
                "<tsRequest><webhook event=\"WorkbookCreated\">" + dest + "</webhook></tsRequest>",
                "<tsRequest><webhook name=\"n\">" + dest + "</webhook></tsRequest>",
                "<tsRequest><webhook name=\"n\" event=\"WorkbookCreated\"/></tsRequest>",
                "<tsRequest><site name=\"n\"/></tsRequest>"}) {
            Caller.Answer a = admin.postXml(admin.webhooks("3.9"), body);
            assertEquals(400, a.status(), body);
            assertEquals("400000", a.errorCode(), body);
        }
    }

    @Test
    void refusesAnUnknownEventNamingTheClosestOnes() {
        Caller.Answer a = admin.postJson(admin.webhooks("3.9"), "{\"webhook\":{\"name\":\"n\",\"event\":\"WorkbookCreate\","
                + "\"webhook-destination\":{\"webhook-destination-http\":{\"method\":\"POST\",\"url\":\"https://h.example.com\"}}}}");
        assertEquals(400, a.status());
        assertEquals("400000", a.errorCode());
        assertTrue(a.errorDetail().contains("WorkbookCreated"), a.errorDetail());
    }

    @Test
    void refusesASourceNameInTheEventAttribute() {
        Caller.Answer a = admin.postXml(admin.webhooks("3.9"),
                Caller.webhookXml("n", "webhook-source-event-workbook-created", "https://h.example.com"));
        assertEquals(400, a.status());
        assertTrue(a.errorDetail().contains("WorkbookCreated"), a.errorDetail());
    }

    @Test
    void refusesAWrongMethodAs405WithAllow() {
        Caller.Answer a = admin.send("PATCH", admin.webhooks("3.9"), "");
        assertEquals(405, a.status());
        assertEquals("405000", a.errorCode());
        assertEquals("GET, POST", a.header("Allow"));
        Caller.Answer signin = admin.getXml("/api/3.9/auth/signin");
        assertEquals(405, signin.status());
        assertEquals("POST", signin.header("Allow"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/3.9/sites/x/nothing", "/api/3.9/webhooks", "/api/exp/sites/x/webhooks",
            "/api/3.28/serverinfo", "/api/1.9/serverinfo", "/api/4.0/serverinfo", "/api/", "/elsewhere"})
    void answersAnUnknownResourceAs404003(String path) {
        Caller.Answer a = admin.getXml(path);
        assertEquals(404, a.status(), a.body());
        assertEquals("404003", a.errorCode());
        assertTrue(a.errorDetail().startsWith("Unknown resource '"), a.errorDetail());
        assertTrue(a.errorDetail().endsWith("' specified in URI."), a.errorDetail());
    }

    @Test
    void quotesThePathAfterApiInTheUnknownResourceDetail() {
        assertEquals("Unknown resource '/3.9/sites/x/nothing' specified in URI.",
                admin.getXml("/api/3.9/sites/x/nothing").errorDetail());
    }

    @Test
    void writesErrorsInJsonWithTheCodeAsAString() {
        Caller.Answer a = new Caller(sandbox.baseUrl()).getJson(admin.webhooks("3.9"));
        assertEquals("application/json;charset=UTF-8", a.header("Content-Type"));
        JsonNode e = a.json().get("error");
        assertTrue(e.get("code").isTextual());
        assertEquals("401000", e.get("code").asText());
        assertNotNull(e.get("summary"));
        assertNotNull(e.get("detail"));
    }

    // ---- formats ----

    @Test
    void answersInTheRequestsFormatWhenAcceptSaysNothing() {
        Caller.Answer a = admin.send("POST", admin.webhooks("3.9"), "{\"webhook\":{\"name\":\"fmt\",\"event\":\"WorkbookCreated\","
                + "\"webhook-destination\":{\"webhook-destination-http\":{\"method\":\"POST\",\"url\":\"https://h.example.com\"}}}}",
                "Content-Type", "application/json");
        assertEquals(201, a.status(), a.body());
        assertTrue(a.json().has("webhook"));
    }

    @Test
    void takesTextXmlAsXml() {
        Caller.Answer a = admin.send("POST", admin.webhooks("3.9"),
                Caller.webhookXml("textxml", "WorkbookCreated", "https://h.example.com"), "Content-Type", "text/xml");
        assertEquals(201, a.status(), a.body());
        assertEquals("application/xml;charset=UTF-8", a.header("Content-Type"));
    }

    @Test
    void sniffsTheBodyWhenContentTypeSaysNothingUseful() {
        Caller.Answer json = admin.send("POST", admin.webhooks("3.9"), "{\"webhook\":{\"name\":\"curl\",\"event\":\"WorkbookCreated\","
                + "\"webhook-destination\":{\"webhook-destination-http\":{\"method\":\"POST\",\"url\":\"https://h.example.com\"}}}}",
                "Content-Type", "application/x-www-form-urlencoded");
        assertEquals(201, json.status(), json.body());
        assertTrue(json.json().has("webhook"));
        Caller.Answer xml = admin.send("POST", admin.webhooks("3.9"),
                Caller.webhookXml("curl-xml", "WorkbookCreated", "https://h.example.com"));
        assertEquals(201, xml.status(), xml.body());
        assertEquals("application/xml;charset=UTF-8", xml.header("Content-Type"));
    }
}
