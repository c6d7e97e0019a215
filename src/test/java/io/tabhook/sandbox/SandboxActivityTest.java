package io.tabhook.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.tabhook.events.EventType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Activity changes the site model and fires events, whether it comes from REST, the control endpoint or Java. */
class SandboxActivityTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    Sandbox sandbox;
    Destination dest;
    Caller admin;

    @BeforeEach
    void start() throws IOException {
        sandbox = Sandbox.start(SandboxOptions.defaults().withRetryBackoff(Duration.ofMillis(1)));
        dest = Destination.answering(200, "ok");
        admin = Caller.signedIn(sandbox, "admin", "admin", "workshop");
    }

    @AfterEach
    void stop() {
        sandbox.close();
        dest.close();
    }

    private String workbookId(String name) {
        return admin.getXml(sites() + "/workbooks").xmlElements("workbook").stream()
                .filter(w -> w.getAttribute("name").equals(name)).findFirst().orElseThrow().getAttribute("id");
    }

    private String sites() {
        return "/api/3.9/sites/" + admin.siteId;
    }

    private JsonNode payload() throws Exception {
        return Caller.JSON.readTree(dest.next().body());
    }

    // ---- REST ----

    @Test
    void listsWorkbooksWithProjectOwnerAndPaginationInBothFormats() {
        Caller.Answer xml = admin.getXml(sites() + "/workbooks");
        assertEquals(200, xml.status());
        assertEquals("2", xml.xmlAttr("pagination", "totalAvailable"));
        Element wb = xml.xmlElements("workbook").get(0);
        assertEquals("Superstore", wb.getAttribute("name"));
        assertEquals("Superstore", wb.getAttribute("contentUrl"));
        assertEquals("Default", xml.xmlAttr("project", "name"));
        assertEquals("admin", xml.xmlAttr("owner", "name"));
        JsonNode json = admin.getJson(sites() + "/workbooks").json();
        assertTrue(json.get("workbooks").get("workbook").isArray());
        assertEquals("2", json.get("pagination").get("totalAvailable").asText());
    }

    @Test
    void aViewerMayLookButNotDelete() {
        Caller viewer = Caller.signedIn(sandbox, "viewer", "viewer", "workshop");
        assertEquals(200, viewer.getXml(sites() + "/workbooks").status());
        Caller.Answer a = viewer.send("DELETE", sites() + "/workbooks/" + workbookId("Superstore"), null);
        assertEquals(403, a.status());
        assertEquals("403004", a.errorCode());
    }

    @Test
    void deletingAWorkbookFiresWorkbookDeletedAndTakesItsViewsAlong() throws Exception {
        admin.createWebhook("wb-deleted", "WorkbookDeleted", dest.url());
        admin.createWebhook("view-deleted", "ViewDeleted", dest.url());
        String id = workbookId("Superstore");
        assertEquals(3, admin.getXml(sites() + "/workbooks/" + id + "/views").xmlElements("view").size());

        assertEquals(204, admin.send("DELETE", sites() + "/workbooks/" + id, null).status());
        JsonNode p = payload();
        assertEquals("WorkbookDeleted", p.get("event_type").asText());
        assertEquals("Superstore", p.get("resource_name").asText());
        assertEquals(id, p.get("resource_luid").asText());

        assertEquals(404, admin.getXml(sites() + "/workbooks/" + id).status());
        List<Element> views = admin.getXml(sites() + "/views").xmlElements("view");
        assertEquals(List.of("Summary", "By Region"), views.stream().map(v -> v.getAttribute("name")).toList());
        assertTrue(sandbox.deliveries().awaitIdle(WAIT));
        assertEquals(List.of(), dest.drain(), "the views went with the workbook, without ViewDeleted of their own");
    }

    @Test
    void refreshingAWorkbookAnswers202WithAJobAndFiresStartedThenSucceeded() throws Exception {
        admin.createWebhook("started", "WorkbookRefreshStarted", dest.url());
        admin.createWebhook("succeeded", "WorkbookRefreshSucceeded", dest.url());
        String id = workbookId("Regional Sales");
        Caller.Answer a = admin.postXml(sites() + "/workbooks/" + id + "/refresh", "<tsRequest/>");
        assertEquals(202, a.status(), a.body());
        assertEquals("RefreshExtract", a.xmlAttr("job", "type"));
        assertEquals("Asynchronous", a.xmlAttr("job", "mode"));
        assertEquals(id, a.xmlElements("extractRefreshJob").get(0).getElementsByTagNameNS("*", "workbook").item(0)
                .getAttributes().getNamedItem("id").getNodeValue());
        // two webhooks, two deliveries: each webhook's events keep their order, the two may arrive either way
        Map<String, JsonNode> byEvent = new TreeMap<>();
        for (int i = 0; i < 2; i++) {
            JsonNode p = payload();
            byEvent.put(p.get("event_type").asText(), p);
        }
        assertEquals(List.of("WorkbookRefreshStarted", "WorkbookRefreshSucceeded"), List.copyOf(byEvent.keySet()));
        JsonNode done = byEvent.get("WorkbookRefreshSucceeded");
        assertEquals("EXTRACTS", done.get("resource").asText());
        assertEquals("Regional Sales", done.get("resource_name").asText());
    }

    @Test
    void refreshingADatasourceFiresDatasourceRefreshEvents() throws Exception {
        admin.createWebhook("ds-done", "DatasourceRefreshSucceeded", dest.url());
        String id = admin.getXml(sites() + "/datasources").xmlAttr("datasource", "id");
        assertEquals(202, admin.send("POST", sites() + "/datasources/" + id + "/refresh", "", "Accept",
                "application/json").status());
        assertEquals("Sample - Superstore", payload().get("resource_name").asText());
    }

    @Test
    void renamingAWorkbookFiresWorkbookUpdatedWithTheNewName() throws Exception {
        admin.createWebhook("updated", "WorkbookUpdated", dest.url());
        String id = workbookId("Superstore");
        Caller.Answer a = admin.putJson(sites() + "/workbooks/" + id, "{\"workbook\":{\"name\":\"Superstore 2025\"}}");
        assertEquals(200, a.status(), a.body());
        assertEquals("Superstore 2025", a.json().get("workbook").get("name").asText());
        JsonNode p = payload();
        assertEquals("Superstore 2025", p.get("resource_name").asText());
        assertEquals(id, p.get("resource_luid").asText());
    }

    @Test
    void deletingADatasourceAndAViewOverRestFiresTheirEvents() throws Exception {
        admin.createWebhook("ds-deleted", "DatasourceDeleted", dest.url());
        admin.createWebhook("view-deleted", "ViewDeleted", dest.url());
        String ds = admin.getXml(sites() + "/datasources").xmlAttr("datasource", "id");
        assertEquals(204, admin.send("DELETE", sites() + "/datasources/" + ds, null).status());
        assertEquals("DatasourceDeleted", payload().get("event_type").asText());
        String view = admin.getXml(sites() + "/views").xmlAttr("view", "id");
        assertEquals(200, admin.getXml(sites() + "/views/" + view).status());
        String at327 = "/api/3.27/sites/" + admin.siteId + "/views/" + view;
        assertEquals(204, admin.send("DELETE", at327, null).status());
        JsonNode p = payload();
        assertEquals("ViewDeleted", p.get("event_type").asText());
        assertEquals("VIEW", p.get("resource").asText());
        assertEquals("Overview", p.get("resource_name").asText());
        assertEquals(404, admin.getXml(sites() + "/views/" + view).status());
    }

    @Test
    void deleteViewBefore327IsRefusedNaming327() {
        String view = admin.getXml(sites() + "/views").xmlAttr("view", "id");
        Caller.Answer a = admin.send("DELETE", "/api/3.26/sites/" + admin.siteId + "/views/" + view, null);
        assertEquals(405, a.status(), a.body());
        assertEquals("405000", a.errorCode());
        assertTrue(a.errorDetail().contains("3.27"), a.errorDetail());
        assertEquals("GET", a.header("Allow"));
        assertEquals(200, admin.getXml(sites() + "/views/" + view).status(), "the view is still there");
    }

    @Test
    void unknownContentIs404002() {
        Caller.Answer a = admin.send("DELETE", sites() + "/workbooks/00000000-0000-0000-0000-000000000000", null);
        assertEquals(404, a.status());
        assertEquals("404002", a.errorCode());
    }

    // ---- the control endpoint ----

    private Caller.Answer control(String site, String json) {
        return new Caller(sandbox.baseUrl()).send("POST", "/sandbox/sites/" + site + "/activity", json,
                "Content-Type", "application/json");
    }

    @Test
    void controlEndpointFiresAnEventAndAnswers202() throws Exception {
        admin.createWebhook("created", "WorkbookCreated", dest.url());
        Caller.Answer a = control("workshop", "{\"event\":\"WorkbookCreated\",\"name\":\"Sales\"}");
        assertEquals(202, a.status(), a.body());
        JsonNode r = a.json();
        assertEquals("WorkbookCreated", r.get("event").asText());
        assertEquals("Sales", r.get("resource_name").asText());
        JsonNode p = payload();
        assertEquals(r.get("resource_luid").asText(), p.get("resource_luid").asText());
        assertEquals(r.get("resource_luid").asText(), workbookId("Sales"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "", "DEFAULT"})
    void controlEndpointTakesDefaultOrAnEmptySegmentForTheDefaultSite(String site) throws Exception {
        Caller def = Caller.signedIn(sandbox, "admin", "admin", "");
        def.createWebhook("created", "DatasourceCreated", dest.url());
        assertEquals(202, control(site, "{\"event\":\"datasource-created\"}").status());
        assertEquals(def.siteId, payload().get("site_luid").asText());
    }

    @Test
    void controlEndpointRefusesAnUnknownEventWithSuggestions() {
        Caller.Answer a = control("workshop", "{\"event\":\"WorkbookCreate\"}");
        assertEquals(400, a.status());
        assertEquals("application/json;charset=UTF-8", a.header("Content-Type"));
        String error = a.json().get("error").asText();
        assertTrue(error.contains("WorkbookCreated"), error);
        assertFalse(error.contains("\n"));
        assertEquals(1, a.json().size());
    }

    @Test
    void controlEndpointExplainsWhatIsMissing() {
        assertEquals(404, control("nosuchsite", "{\"event\":\"WorkbookCreated\"}").status());
        Caller.Answer noWorkbook = control("workshop", "{\"event\":\"WorkbookDeleted\",\"name\":\"Nope\"}");
        assertEquals(404, noWorkbook.status());
        assertTrue(noWorkbook.json().get("error").asText().contains("Superstore"), noWorkbook.body());
        assertEquals(400, control("workshop", "{\"event\":").status());
        assertEquals(400, control("workshop", "{}").status());
        assertEquals(400, control("workshop", "{\"event\":\"WorkbookRefreshSucceeded\",\"outcome\":\"maybe\"}").status());
        Caller.Answer wrongMethod = new Caller(sandbox.baseUrl()).getXml("/sandbox/sites/workshop/activity");
        assertEquals(405, wrongMethod.status());
        assertEquals("POST", wrongMethod.header("Allow"));
        assertEquals(404, new Caller(sandbox.baseUrl()).getXml("/sandbox/nothing").status());
    }

    @Test
    void controlEndpointRunsAFailedRefresh() throws Exception {
        admin.createWebhook("started", "DatasourceRefreshStarted", dest.url());
        admin.createWebhook("failed", "DatasourceRefreshFailed", dest.url());
        Caller.Answer a = control("workshop", "{\"event\":\"DatasourceRefreshStarted\",\"outcome\":\"failed\"}");
        assertEquals(202, a.status(), a.body());
        assertEquals("DatasourceRefreshStarted", a.json().get("event").asText());
        List<String> events = new java.util.ArrayList<>(List.of(payload().get("event_type").asText(),
                payload().get("event_type").asText()));
        events.sort(null); // a delivery to each webhook, in whichever order the two arrive
        assertEquals(List.of("DatasourceRefreshFailed", "DatasourceRefreshStarted"), events);
    }

    @Test
    void sandboxInfoPageListsSitesAndTheEvents() {
        JsonNode info = new Caller(sandbox.baseUrl()).getJson("/sandbox").json();
        assertEquals(22, info.get("events").size());
        assertEquals(2, info.get("sites").size());
        assertEquals(sandbox.baseUrl().toString(), info.get("baseUrl").asText());
    }

    @Test
    void deliveriesPageListsTheLatestAttempts() throws Exception {
        admin.createWebhook("created", "WorkbookCreated", dest.url());
        sandbox.activity().createWorkbook("workshop", "Logged");
        assertTrue(sandbox.deliveries().awaitIdle(WAIT));
        JsonNode list = new Caller(sandbox.baseUrl()).getJson("/sandbox/deliveries").json();
        assertEquals(1, list.size());
        assertEquals("WorkbookCreated", list.get(0).get("event").asText());
        assertEquals(200, list.get(0).get("status").asInt());
    }

    // ---- the Java API ----

    @Test
    void promotingTheViewerLetsThemManageWebhooksAndDemotingTakesItBack() {
        Caller viewer = Caller.signedIn(sandbox, "viewer", "viewer", "workshop");
        assertEquals(403, viewer.getXml(viewer.webhooks("3.9")).status());
        ActivityResult r = sandbox.activity().promoteUser("workshop", "viewer");
        assertEquals(EventType.ADMIN_PROMOTED, r.event());
        assertEquals(viewer.userId, r.resourceLuid());
        assertEquals(200, viewer.getXml(viewer.webhooks("3.9")).status());
        assertThrows(ActivityException.class, () -> sandbox.activity().promoteUser("workshop", "viewer"));
        sandbox.activity().demoteUser("workshop", "viewer");
        assertEquals(403, viewer.getXml(viewer.webhooks("3.9")).status());
    }

    @Test
    void aDeletedUserCannotSignInAndTheirTokenDies() {
        Caller analyst = Caller.signedIn(sandbox, "analyst", "analyst", "workshop");
        ActivityResult r = sandbox.activity().deleteUser("workshop", null);
        assertEquals("analyst", r.resourceName());
        assertEquals(401, analyst.getXml(sites() + "/workbooks").status());
        assertEquals(401, new Caller(sandbox.baseUrl()).postXml("/api/3.9/auth/signin",
                "<tsRequest><credentials name=\"analyst\" password=\"analyst\"><site contentUrl=\"workshop\"/>"
                        + "</credentials></tsRequest>").status());
    }

    @Test
    void aCreatedSiteCanBeSignedIntoAndADeletedOneCannot() throws Exception {
        admin.createWebhook("site-created", "SiteCreated", dest.url());
        ActivityResult created = sandbox.activity().createSite("workshop", "Sales Team");
        assertEquals("SITE", payload().get("resource").asText());
        String contentUrl = "salesteam";
        Caller there = Caller.signedIn(sandbox, "admin", "admin", contentUrl);
        assertEquals(created.resourceLuid(), there.siteId);
        sandbox.activity().deleteSite("workshop", contentUrl);
        assertEquals(401, there.getXml(there.webhooks("3.9")).status());
        assertThrows(ActivityException.class, () -> sandbox.activity().deleteSite("workshop", "default"));
    }

    @Test
    void labelsAreCreatedUpdatedAndDeletedOnTheirAsset() throws Exception {
        admin.createWebhook("label-updated", "LabelUpdated", dest.url());
        assertThrows(ActivityException.class, () -> sandbox.activity().updateLabel("workshop", "Regional Sales"));
        sandbox.activity().createLabel("workshop", "Regional Sales");
        assertThrows(ActivityException.class, () -> sandbox.activity().createLabel("workshop", "Regional Sales"));
        ActivityResult r = sandbox.activity().updateLabel("workshop", "Regional Sales");
        JsonNode p = payload();
        assertEquals("WORKBOOK", p.get("resource").asText());
        assertEquals(workbookId("Regional Sales"), r.resourceLuid());
        sandbox.activity().createLabel("workshop", "Sample - Superstore");
        sandbox.activity().updateLabel("workshop", "Sample - Superstore");
        assertEquals("DATASOURCE", payload().get("resource").asText());
        sandbox.activity().deleteLabel("workshop", "Regional Sales");
        assertThrows(ActivityException.class, () -> sandbox.activity().deleteLabel("workshop", "Regional Sales"));
    }

    @Test
    void namelessActivityCreatesFreshNamesAndDeletesTheNewest() {
        ActivityResult a = sandbox.activity().createWorkbook("workshop", null);
        ActivityResult b = sandbox.activity().createWorkbook("workshop", "");
        assertEquals("Workbook 1", a.resourceName());
        assertEquals("Workbook 2", b.resourceName());
        assertEquals("Workbook 2", sandbox.activity().deleteWorkbook("workshop", null).resourceName());
        assertEquals("Superstore", sandbox.activity().updateWorkbook("workshop", null).resourceName());
        assertEquals("Superstore", sandbox.activity().refreshWorkbook("workshop", null, true).resourceName());
        assertEquals(EventType.WORKBOOK_REFRESH_FAILED,
                sandbox.activity().refreshWorkbook("workshop", null, true).event());
    }
}
