package io.tabhook.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Refresh jobs a client can wait for (Query Job), and extract refresh tasks (list, get, Run Now) that start them.
 */
class SandboxJobsTest extends FreshSandboxTest {

    private String site() {
        return "/api/3.27/sites/" + admin.siteId;
    }

    @Test
    void theJobOfARefreshReportsItDoneSoAClientCanStopWaiting() {
        String wb = admin.getXml(site() + "/workbooks?filter=name:eq:Superstore").xmlAttr("workbook", "id");
        Caller.Answer started = admin.postXml(site() + "/workbooks/" + wb + "/refresh", "<tsRequest/>");
        assertEquals(202, started.status(), started.body());
        String job = started.xmlAttr("job", "id");

        Caller.Answer a = admin.getXml(site() + "/jobs/" + job);
        assertEquals(200, a.status(), a.body());
        assertEquals("RefreshExtract", a.xmlAttr("job", "type"));
        assertEquals("100", a.xmlAttr("job", "progress"));
        assertEquals("0", a.xmlAttr("job", "finishCode"));
        assertNotNull(a.xmlAttr("job", "completedAt"));
        assertEquals(wb, a.xmlAttr("workbook", "id"));
        assertEquals("Superstore", a.xmlAttr("workbook", "name"));

        JsonNode j = admin.getJson(site() + "/jobs/" + job).json().get("job");
        assertEquals("0", j.get("finishCode").asText());
        assertEquals(wb, j.get("extractRefreshJob").get("workbook").get("id").asText());
    }

    @Test
    void anUnknownJobIs404002() {
        Caller.Answer a = admin.getXml(site() + "/jobs/00000000-0000-0000-0000-000000000000");
        assertEquals(404, a.status());
        assertEquals("404002", a.errorCode());
    }

    @Test
    void listExtractRefreshTasksShowsTheDemoTasksWithTheirSchedule() {
        Caller.Answer a = admin.getXml(site() + "/tasks/extractRefreshes");
        assertEquals(200, a.status(), a.body());
        assertEquals(2, a.xmlElements("extractRefresh").size());
        assertEquals("RefreshExtractTask", a.xmlAttr("extractRefresh", "type"));
        assertEquals("Daily", a.xmlAttr("schedule", "frequency"));
        assertEquals(1, a.xmlElements("workbook").size());
        assertEquals(1, a.xmlElements("datasource").size());
        String task = a.xmlAttr("extractRefresh", "id");
        assertEquals(task, admin.getJson(site() + "/tasks/extractRefreshes/" + task).json()
                .get("task").get("extractRefresh").get("id").asText());
    }

    @Test
    void runNowStartsTheRefreshItsEventsAndAJob() throws Exception {
        admin.createWebhook("ds-started", "DatasourceRefreshStarted", dest.url());
        admin.createWebhook("ds-succeeded", "DatasourceRefreshSucceeded", dest.url());
        Caller.Answer tasks = admin.getXml(site() + "/tasks/extractRefreshes");
        String task = tasks.xmlElements("extractRefresh").stream()
                .filter(e -> e.getElementsByTagNameNS("*", "datasource").getLength() == 1)
                .findFirst().orElseThrow().getAttribute("id");
        Caller.Answer a = admin.postXml(site() + "/tasks/extractRefreshes/" + task + "/runNow", "<tsRequest/>");
        assertEquals(200, a.status(), a.body());
        assertEquals("RefreshExtract", a.xmlAttr("job", "type"));
        assertEquals("Sample - Superstore", a.xmlAttr("datasource", "name"));
        // one delivery to each webhook, in whichever order the two arrive
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 2; i++) events.add(Caller.JSON.readTree(dest.next().body()).get("event_type").asText());
        events.sort(null);
        assertEquals(List.of("DatasourceRefreshStarted", "DatasourceRefreshSucceeded"), events);
        assertEquals("0", admin.getXml(site() + "/jobs/" + a.xmlAttr("job", "id")).xmlAttr("job", "finishCode"));
    }

    @Test
    void tasksAreAnAdministratorsAndJobsAnyUsers() {
        Caller viewer = Caller.signedIn(sandbox, Demo.VIEWER_USER, Demo.VIEWER_PASSWORD, Demo.WORKSHOP_SITE);
        Caller.Answer a = viewer.getXml(site() + "/tasks/extractRefreshes");
        assertEquals(403, a.status());
        assertEquals("403004", a.errorCode());
        String ds = admin.getXml(site() + "/datasources").xmlAttr("datasource", "id");
        String job = admin.postXml(site() + "/datasources/" + ds + "/refresh", "<tsRequest/>").xmlAttr("job", "id");
        assertEquals(200, viewer.getXml(site() + "/jobs/" + job).status());
    }
}
