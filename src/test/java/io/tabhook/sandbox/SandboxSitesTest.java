package io.tabhook.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Site methods (Query Sites, Query Site, Create, Update and Delete Site) and Switch Site: who may call them, the
 * events they fire and which site's webhooks hear them. A fresh sandbox for each test.
 */
class SandboxSitesTest extends FreshSandboxTest {
    @Override
    String signInSite() {
        return Demo.DEFAULT_SITE;
    }

    private static final String SITES = "/api/3.27/sites";

    private Caller.Answer createSite(Caller c, String name, String contentUrl) {
        return c.postXml(SITES, "<tsRequest><site name=\"" + name + "\" contentUrl=\"" + contentUrl
                + "\" adminMode=\"ContentOnly\"/></tsRequest>");
    }

    // ---- querying ----

    @Test
    void querySitesShowsAServerAdministratorEverySite() {
        Caller.Answer a = admin.getXml(SITES);
        assertEquals(200, a.status(), a.body());
        assertEquals("2", a.xmlAttr("pagination", "totalAvailable"));
        assertEquals(List.of("Default", "Workshop"), a.xmlElements("site").stream().map(e -> e.getAttribute("name")).toList());
        JsonNode j = admin.getJson(SITES + "?filter=contentUrl:eq:workshop").json();
        assertEquals("workshop", j.get("sites").get("site").get(0).get("contentUrl").asText());
    }

    @Test
    void querySitesShowsAnyoneElseTheirOwnSites() throws Exception {
        createSite(admin, "Elsewhere", "elsewhere");
        Caller viewer = Caller.signedIn(sandbox, Demo.VIEWER_USER, Demo.VIEWER_PASSWORD, Demo.DEFAULT_SITE);
        assertEquals(List.of("Default", "Workshop"), viewer.getXml(SITES).xmlElements("site").stream()
                .map(e -> e.getAttribute("name")).toList(), "viewer is a user of the two demo sites only");
    }

    @Test
    void querySiteFindsASiteByIdByNameAndByContentUrl() {
        String workshop = sandbox.siteId(Demo.WORKSHOP_SITE).orElseThrow();
        Caller.Answer byId = admin.getXml(SITES + "/" + workshop);
        assertEquals(200, byId.status(), byId.body());
        assertEquals("workshop", byId.xmlAttr("site", "contentUrl"));
        assertEquals("ContentAndUsers", byId.xmlAttr("site", "adminMode"));
        assertEquals("Active", byId.xmlAttr("site", "state"));
        assertEquals(workshop, admin.getXml(SITES + "/Workshop?key=name").xmlAttr("site", "id"));
        assertEquals(workshop, admin.getJson(SITES + "/workshop?key=contentUrl").json().get("site").get("id").asText());
        Caller.Answer none = admin.getXml(SITES + "/nowhere?key=contentUrl");
        assertEquals(404, none.status());
        assertEquals("404000", none.errorCode());
    }

    @Test
    void aSiteAdministratorMayQueryOnlyTheirOwnSite() {
        Caller siteAdmin = Caller.signedIn(sandbox, Demo.SITE_ADMIN_USER, Demo.SITE_ADMIN_PASSWORD, Demo.DEFAULT_SITE);
        assertEquals(200, siteAdmin.getXml(SITES + "/" + siteAdmin.siteId).status());
        Caller.Answer other = siteAdmin.getXml(SITES + "/workshop?key=contentUrl");
        assertEquals(403, other.status());
        assertEquals("403004", other.errorCode());
    }

    // ---- creating, updating, deleting ----

    @Test
    void createSiteAnswers201AndFiresSiteCreatedToTheCallingSitesWebhooks() throws Exception {
        admin.createWebhook("site-created", "SiteCreated", dest.url());
        Caller.Answer a = createSite(admin, "Marketing", "marketing");
        assertEquals(201, a.status(), a.body());
        String id = a.xmlAttr("site", "id");
        assertEquals("marketing", a.xmlAttr("site", "contentUrl"));
        assertEquals("ContentOnly", a.xmlAttr("site", "adminMode"));
        JsonNode p = payload();
        assertEquals("SiteCreated", p.get("event_type").asText());
        assertEquals("SITE", p.get("resource").asText());
        assertEquals("Marketing", p.get("resource_name").asText());
        assertEquals(id, p.get("resource_luid").asText());
        assertEquals(admin.siteId, p.get("site_luid").asText(), "heard by the site the call came from");

        Caller there = Caller.signedIn(sandbox, Demo.ADMIN_USER, Demo.ADMIN_PASSWORD, "marketing");
        assertEquals(id, there.siteId, "the server administrator is on the new site");
        Caller.Answer json = admin.postJson(SITES, "{\"site\":{\"name\":\"Sales\",\"contentUrl\":\"sales\"}}");
        assertEquals(201, json.status(), json.body());
        assertTrue(json.json().get("site").get("revisionHistoryEnabled").isBoolean());
    }

    @Test
    void aSiteThatExistsIs409AndAContentUrlWithSpacesIs400() {
        Caller.Answer taken = createSite(admin, "Workshop 2", "workshop");
        assertEquals(409, taken.status());
        Caller.Answer bad = createSite(admin, "Bad", "has space");
        assertEquals(400, bad.status());
        assertEquals("400000", bad.errorCode());
    }

    @Test
    void updateSiteChangesItAndFiresSiteUpdated() throws Exception {
        admin.createWebhook("site-updated", "SiteUpdated", dest.url());
        String workshop = sandbox.siteId(Demo.WORKSHOP_SITE).orElseThrow();
        Caller.Answer a = admin.putXml(SITES + "/" + workshop,
                "<tsRequest><site name=\"Workshop 2026\" state=\"Suspended\" revisionLimit=\"13\"/></tsRequest>");
        assertEquals(200, a.status(), a.body());
        assertEquals("Workshop 2026", a.xmlAttr("site", "name"));
        assertEquals("Suspended", a.xmlAttr("site", "state"));
        JsonNode p = payload();
        assertEquals("SiteUpdated", p.get("event_type").asText());
        assertEquals("Workshop 2026", p.get("resource_name").asText());
        assertEquals(workshop, p.get("resource_luid").asText());
        assertEquals(admin.siteId, p.get("site_luid").asText());
        assertEquals("Workshop 2026", admin.getXml(SITES + "/" + workshop).xmlAttr("site", "name"));
    }

    @Test
    void deleteSiteFromInsideItFiresSiteDeletedToTheDefaultSitesWebhooksAndEndsItsSessions() throws Exception {
        admin.createWebhook("site-deleted", "SiteDeleted", dest.url());
        createSite(admin, "Doomed", "doomed");
        Caller inside = Caller.signedIn(sandbox, Demo.ADMIN_USER, Demo.ADMIN_PASSWORD, "doomed");
        inside.createWebhook("own-deletion", "SiteDeleted", dest.url("/inside"));
        Caller.Answer a = inside.send("DELETE", SITES + "/" + inside.siteId, null);
        assertEquals(204, a.status(), a.body());
        Destination.Received r = dest.next();
        assertEquals("/hook", r.path(), "the Default site's webhook hears it, not the deleted site's");
        JsonNode p = Caller.JSON.readTree(r.body());
        assertEquals("SiteDeleted", p.get("event_type").asText());
        assertEquals("Doomed", p.get("resource_name").asText());
        assertEquals(inside.siteId, p.get("resource_luid").asText());
        assertEquals(admin.siteId, p.get("site_luid").asText());
        assertEquals("401002", inside.getXml(SITES + "/" + inside.siteId).errorCode(), "its sessions ended");
        assertEquals("404000", admin.getXml(SITES + "/doomed?key=contentUrl").errorCode());
    }

    @Test
    void aSiteIsDeletedOnlyFromInsideItAndTheDefaultSiteNever() {
        String workshop = sandbox.siteId(Demo.WORKSHOP_SITE).orElseThrow();
        Caller.Answer other = admin.send("DELETE", SITES + "/" + workshop, null);
        assertEquals(403, other.status());
        assertTrue(other.errorDetail().contains("switch"), other.errorDetail());
        assertEquals(403, admin.send("DELETE", SITES + "/" + admin.siteId, null).status());
        assertEquals(200, admin.getXml(SITES + "/" + workshop).status());
    }

    @Test
    void aSiteOnlyAdministratorMayNotCreateUpdateOrDeleteSites() {
        Caller siteAdmin = Caller.signedIn(sandbox, Demo.SITE_ADMIN_USER, Demo.SITE_ADMIN_PASSWORD, Demo.WORKSHOP_SITE);
        for (Caller.Answer a : List.of(createSite(siteAdmin, "Mine", "mine"),
                siteAdmin.putXml(SITES + "/" + siteAdmin.siteId, "<tsRequest><site name=\"Renamed\"/></tsRequest>"),
                siteAdmin.send("DELETE", SITES + "/" + siteAdmin.siteId, null))) {
            assertEquals(403, a.status(), a.body());
            assertEquals("403004", a.errorCode());
        }
        assertEquals("Workshop", admin.getXml(SITES + "/" + siteAdmin.siteId).xmlAttr("site", "name"));
    }

    // ---- switching ----

    @Test
    void switchSiteSignsInToTheOtherSiteAndTheOldTokenDies() {
        Caller viewer = Caller.signedIn(sandbox, Demo.VIEWER_USER, Demo.VIEWER_PASSWORD, Demo.DEFAULT_SITE);
        String oldToken = viewer.token;
        Caller.Answer a = viewer.postXml("/api/3.27/auth/switchSite", "<tsRequest><site contentUrl=\"workshop\"/></tsRequest>");
        assertEquals(200, a.status(), a.body());
        assertEquals(sandbox.siteId(Demo.WORKSHOP_SITE).orElseThrow(), a.xmlAttr("site", "id"));
        assertEquals("workshop", a.xmlAttr("site", "contentUrl"));
        String newToken = a.xmlAttr("credentials", "token");
        assertNotEquals(oldToken, newToken);
        assertEquals(401, viewer.getXml(SITES).status(), "the old token is dead");
        viewer.token = newToken;
        assertEquals(200, viewer.getXml(SITES + "/" + a.xmlAttr("site", "id") + "/workbooks").status());

        Caller.Answer back = viewer.postJson("/api/3.27/auth/switchSite", "{\"site\":{\"contentUrl\":\"\"}}");
        assertEquals(200, back.status(), back.body());
        assertEquals("", back.json().get("credentials").get("site").get("contentUrl").asText());
    }

    @Test
    void switchingToTheSameSiteIs403070AndToNoSiteIs404000() {
        Caller.Answer same = admin.postXml("/api/3.27/auth/switchSite", "<tsRequest><site contentUrl=\"\"/></tsRequest>");
        assertEquals(403, same.status());
        assertEquals("403070", same.errorCode());
        Caller.Answer none = admin.postXml("/api/3.27/auth/switchSite", "<tsRequest><site contentUrl=\"nowhere\"/></tsRequest>");
        assertEquals(404, none.status());
        assertEquals("404000", none.errorCode());
        assertEquals(200, admin.getXml(SITES).status(), "a refused switch keeps the session");
    }

    @Test
    void switchSiteIsThereFrom26() {
        Caller.Answer a = admin.postXml("/api/2.5/auth/switchSite", "<tsRequest><site contentUrl=\"workshop\"/></tsRequest>");
        assertEquals(404, a.status());
        assertEquals("404003", a.errorCode());
    }
}
