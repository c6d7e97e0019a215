package io.tabhook.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Data quality warnings on data sources: the REST calls that make Tableau's label events happen. */
class SandboxDataQualityWarningsTest extends FreshSandboxTest {
    String ds;

    @BeforeEach
    void findTheDataSource() {
        ds = admin.getXml(site() + "/datasources").xmlAttr("datasource", "id");
    }

    private String site() {
        return "/api/3.27/sites/" + admin.siteId;
    }

    private String onDatasource() {
        return site() + "/dataQualityWarnings/datasource/" + ds;
    }

    private static final String STALE = "<tsRequest><dataQualityWarning type=\"STALE\" isActive=\"true\" "
            + "isSevere=\"true\" message=\"Load failed\"/></tsRequest>";

    @Test
    void addingAWarningFiresLabelCreatedNamingTheDataSource() throws Exception {
        admin.createWebhook("label-created", "LabelCreated", dest.url());
        Caller.Answer a = admin.postXml(onDatasource(), STALE);
        assertEquals(200, a.status(), a.body());
        assertEquals("STALE", a.xmlAttr("dataQualityWarning", "type"));
        assertEquals("true", a.xmlAttr("dataQualityWarning", "isSevere"));
        assertEquals(ds, a.xmlAttr("dataQualityWarning", "contentId"));
        assertEquals(admin.userId, a.xmlAttr("owner", "id"));
        JsonNode p = payload();
        assertEquals("LabelCreated", p.get("event_type").asText());
        assertEquals("DATASOURCE", p.get("resource").asText());
        assertEquals("Sample - Superstore", p.get("resource_name").asText());
        assertEquals(ds, p.get("resource_luid").asText());
    }

    @Test
    void queryByContentListsTheWarningAndQueryByIdAnswersIt() {
        Caller.Answer empty = admin.getXml(onDatasource());
        assertEquals(200, empty.status());
        assertEquals(0, empty.xmlElements("dataQualityWarning").size());
        String id = admin.postXml(onDatasource(), STALE).xmlAttr("dataQualityWarning", "id");
        JsonNode list = admin.getJson(onDatasource()).json().get("dataQualityWarningList").get("dataQualityWarning");
        assertEquals(id, list.get(0).get("id").asText());
        assertTrue(list.get(0).get("isActive").isBoolean());
        assertEquals("Load failed", admin.getXml(site() + "/dataQualityWarnings/" + id)
                .xmlAttr("dataQualityWarning", "message"));
    }

    @Test
    void updatingAWarningFiresLabelUpdated() throws Exception {
        admin.createWebhook("label-updated", "LabelUpdated", dest.url());
        String id = admin.postXml(onDatasource(), STALE).xmlAttr("dataQualityWarning", "id");
        Caller.Answer a = admin.putJson(site() + "/dataQualityWarnings/" + id,
                "{\"dataQualityWarning\":{\"type\":\"MAINTENANCE\",\"message\":\"Back at noon\",\"isSevere\":false}}");
        assertEquals(200, a.status(), a.body());
        JsonNode w = a.json().get("dataQualityWarning");
        assertEquals("MAINTENANCE", w.get("type").asText());
        assertEquals("Back at noon", w.get("message").asText());
        assertEquals(false, w.get("isSevere").asBoolean());
        JsonNode p = payload();
        assertEquals("LabelUpdated", p.get("event_type").asText());
        assertEquals(ds, p.get("resource_luid").asText());
    }

    @Test
    void deletingAWarningByIdOrByContentFiresLabelDeleted() throws Exception {
        admin.createWebhook("label-deleted", "LabelDeleted", dest.url());
        String id = admin.postXml(onDatasource(), STALE).xmlAttr("dataQualityWarning", "id");
        assertEquals(204, admin.send("DELETE", site() + "/dataQualityWarnings/" + id, null).status());
        assertEquals("LabelDeleted", payload().get("event_type").asText());
        assertEquals("404002", admin.getXml(site() + "/dataQualityWarnings/" + id).errorCode());

        admin.postXml(onDatasource(), STALE);
        assertEquals(204, admin.send("DELETE", onDatasource(), null).status());
        JsonNode p = payload();
        assertEquals("LabelDeleted", p.get("event_type").asText());
        assertEquals("Sample - Superstore", p.get("resource_name").asText());
        assertEquals(0, admin.getXml(onDatasource()).xmlElements("dataQualityWarning").size());
    }

    @Test
    void aSecondWarningOnTheSameDataSourceIs409() {
        assertEquals(200, admin.postXml(onDatasource(), STALE).status());
        Caller.Answer again = admin.postXml(onDatasource(), STALE);
        assertEquals(409, again.status());
        assertTrue(again.errorDetail().contains("already has"), again.errorDetail());
    }

    @Test
    void badTypesUnknownContentAndOtherContentTypesAreRefused() {
        Caller.Answer type = admin.postXml(onDatasource(),
                "<tsRequest><dataQualityWarning type=\"ANGRY\"/></tsRequest>");
        assertEquals(400, type.status());
        Caller.Answer unknown = admin.postXml(site() + "/dataQualityWarnings/datasource/"
                + "00000000-0000-0000-0000-000000000000", STALE);
        assertEquals(404, unknown.status());
        assertEquals("404002", unknown.errorCode());
        String wb = admin.getXml(site() + "/workbooks").xmlAttr("workbook", "id");
        Caller.Answer workbook = admin.postXml(site() + "/dataQualityWarnings/workbook/" + wb, STALE);
        assertEquals(400, workbook.status(), "Tableau puts no data quality warnings on workbooks");
    }

    @Test
    void aViewerMayReadWarningsButNotSetThem() {
        admin.postXml(onDatasource(), STALE);
        Caller viewer = Caller.signedIn(sandbox, Demo.VIEWER_USER, Demo.VIEWER_PASSWORD, Demo.WORKSHOP_SITE);
        assertEquals(1, viewer.getXml(onDatasource()).xmlElements("dataQualityWarning").size());
        Caller.Answer a = viewer.send("DELETE", onDatasource(), null);
        assertEquals(403, a.status());
        assertEquals("403004", a.errorCode());
    }

    @Test
    void warningsAreThereFrom35() {
        Caller.Answer a = admin.postXml("/api/3.4/sites/" + admin.siteId + "/dataQualityWarnings/datasource/" + ds, STALE);
        assertEquals(404, a.status());
        assertEquals("404003", a.errorCode());
    }
}
