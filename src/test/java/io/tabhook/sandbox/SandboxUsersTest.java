package io.tabhook.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Users and Groups methods for site users: Get Users on Site, Query User On Site, Add User to Site, Update User and
 * Remove User from Site, with their events, permissions and errors. A fresh sandbox for each test.
 */
class SandboxUsersTest extends FreshSandboxTest {

    private String users() {
        return "/api/3.27/sites/" + admin.siteId + "/users";
    }

    private String userId(String name) {
        return admin.getXml(users() + "?filter=name:eq:" + name).xmlAttr("user", "id");
    }

    // ---- reading ----

    @Test
    void getUsersOnSiteListsTheDemoUsersWithPagination() {
        Caller.Answer a = admin.getXml(users());
        assertEquals(200, a.status(), a.body());
        assertEquals("4", a.xmlAttr("pagination", "totalAvailable"));
        List<String> names = a.xmlElements("user").stream().map(e -> e.getAttribute("name")).toList();
        assertEquals(List.of("admin", "viewer", "analyst", "siteadmin"), names);
        assertEquals("ServerAdministrator", a.xmlAttr("user", "siteRole"));
        assertTrue(a.xmlAttr("user", "lastLogin").startsWith("20"), "admin signed in, so lastLogin is set");

        JsonNode page2 = admin.getJson(users() + "?pageSize=3&pageNumber=2").json();
        assertEquals("2", page2.get("pagination").get("pageNumber").asText());
        assertEquals("siteadmin", page2.get("users").get("user").get(0).get("name").asText());
    }

    @Test
    void getUsersOnSiteFiltersBySiteRoleAndSortsByName() {
        Caller.Answer a = admin.getXml(users() + "?filter=siteRole:in:[Viewer,Explorer]&sort=name:asc");
        assertEquals(List.of("analyst", "viewer"), a.xmlElements("user").stream().map(e -> e.getAttribute("name")).toList());
        assertEquals("2", a.xmlAttr("pagination", "totalAvailable"));
    }

    @Test
    void queryUserOnSiteAnswersTheUserByLuid() {
        String id = userId("viewer");
        Caller.Answer a = admin.getXml(users() + "/" + id);
        assertEquals(200, a.status(), a.body());
        assertEquals("viewer", a.xmlAttr("user", "name"));
        assertEquals("Viewer", a.xmlAttr("user", "siteRole"));
        assertEquals("local", a.xmlAttr("domain", "name"));
        JsonNode j = admin.getJson(users() + "/" + id.toUpperCase()).json().get("user");
        assertEquals("viewer@example.com", j.get("email").asText());
    }

    @Test
    void aUserWhoIsNotAnAdministratorMayQueryThemselvesButNotOthers() {
        Caller viewer = Caller.signedIn(sandbox, Demo.VIEWER_USER, Demo.VIEWER_PASSWORD, Demo.WORKSHOP_SITE);
        assertEquals(200, viewer.getXml(users() + "/" + viewer.userId).status());
        Caller.Answer other = viewer.getXml(users() + "/" + admin.userId);
        assertEquals(403, other.status());
        assertEquals("403133", other.errorCode());
        Caller.Answer list = viewer.getXml(users());
        assertEquals(403, list.status());
        assertEquals("403004", list.errorCode());
    }

    @Test
    void anUnknownUserIs404002() {
        Caller.Answer a = admin.getXml(users() + "/00000000-0000-0000-0000-000000000000");
        assertEquals(404, a.status());
        assertEquals("404002", a.errorCode());
        assertEquals(404, admin.send("PUT", users() + "/00000000-0000-0000-0000-000000000000",
                "<tsRequest><user siteRole=\"Viewer\"/></tsRequest>", "Content-Type", "application/xml").status());
        assertEquals("404002", admin.send("DELETE", users() + "/00000000-0000-0000-0000-000000000000", null)
                .errorCode());
    }

    // ---- adding ----

    @Test
    void addUserToSiteAnswers201WithTheNewUserAndFiresNothing() throws Exception {
        admin.createWebhook("anything-user", "UserDeleted", dest.url());
        Caller.Answer a = admin.postXml(users(), "<tsRequest><user name=\"cassie\" siteRole=\"Explorer\"/></tsRequest>");
        assertEquals(201, a.status(), a.body());
        assertEquals("cassie", a.xmlAttr("user", "name"));
        assertEquals("Explorer", a.xmlAttr("user", "siteRole"));
        assertEquals("ServerDefault", a.xmlAttr("user", "authSetting"));
        assertEquals(200, admin.getXml(users() + "/" + a.xmlAttr("user", "id")).status());

        Caller.Answer j = admin.postJson(users(), "{\"user\":{\"name\":\"dana\",\"siteRole\":\"Viewer\"}}");
        assertEquals(201, j.status(), j.body());
        assertEquals("dana", j.json().get("user").get("name").asText());
        assertTrue(sandbox.deliveries().awaitIdle(Duration.ofSeconds(10)));
        assertTrue(dest.drain().isEmpty(), "adding a user fires no event");
    }

    @Test
    void addingAUserTwiceIs409000AndAnUnknownRoleIs400013() {
        Caller.Answer twice = admin.postXml(users(), "<tsRequest><user name=\"viewer\" siteRole=\"Viewer\"/></tsRequest>");
        assertEquals(409, twice.status());
        assertEquals("409000", twice.errorCode());
        Caller.Answer role = admin.postXml(users(), "<tsRequest><user name=\"x\" siteRole=\"Boss\"/></tsRequest>");
        assertEquals(400, role.status());
        assertEquals("400013", role.errorCode());
        Caller.Answer nameless = admin.postXml(users(), "<tsRequest><user siteRole=\"Viewer\"/></tsRequest>");
        assertEquals(400, nameless.status());
        assertEquals("400000", nameless.errorCode());
    }

    @Test
    void anAddedUserSignsInOnceUpdateUserGaveThemAPassword() {
        String id = admin.postXml(users(), "<tsRequest><user name=\"erin\" siteRole=\"Viewer\"/></tsRequest>")
                .xmlAttr("user", "id");
        Caller.Answer refused = new Caller(sandbox.baseUrl()).postXml("/api/3.27/auth/signin",
                "<tsRequest><credentials name=\"erin\" password=\"\"><site contentUrl=\"workshop\"/></credentials></tsRequest>");
        assertEquals(401, refused.status());
        assertEquals(200, admin.putXml(users() + "/" + id,
                "<tsRequest><user password=\"s3cret-erin\"/></tsRequest>").status());
        Caller erin = Caller.signedIn(sandbox, "erin", "s3cret-erin", Demo.WORKSHOP_SITE);
        assertEquals(id, erin.userId);
    }

    // ---- updating ----

    @Test
    void updateUserIntoASiteAdministratorRoleFiresAdminPromotedAndOutOfItAdminDemoted() throws Exception {
        admin.createWebhook("promoted", "AdminPromoted", dest.url());
        admin.createWebhook("demoted", "AdminDemoted", dest.url());
        String id = userId("analyst");
        Caller.Answer up = admin.putXml(users() + "/" + id,
                "<tsRequest><user siteRole=\"SiteAdministratorExplorer\"/></tsRequest>");
        assertEquals(200, up.status(), up.body());
        assertEquals("SiteAdministratorExplorer", up.xmlAttr("user", "siteRole"));
        JsonNode p = payload();
        assertEquals("AdminPromoted", p.get("event_type").asText());
        assertEquals("USER", p.get("resource").asText());
        assertEquals("analyst", p.get("resource_name").asText());
        assertEquals(id, p.get("resource_luid").asText());

        Caller.Answer down = admin.putJson(users() + "/" + id, "{\"user\":{\"siteRole\":\"Explorer\"}}");
        assertEquals(200, down.status(), down.body());
        JsonNode d = payload();
        assertEquals("AdminDemoted", d.get("event_type").asText());
        assertEquals(id, d.get("resource_luid").asText());
    }

    @Test
    void anyOtherChangeFiresNothing() throws Exception {
        admin.createWebhook("promoted", "AdminPromoted", dest.url());
        admin.createWebhook("demoted", "AdminDemoted", dest.url());
        String id = userId("siteadmin");
        Caller.Answer a = admin.putXml(users() + "/" + id, "<tsRequest><user fullName=\"Sam Admin\" "
                + "email=\"sam@example.com\" siteRole=\"SiteAdministratorExplorer\"/></tsRequest>");
        assertEquals(200, a.status(), a.body());
        assertEquals("Sam Admin", a.xmlAttr("user", "fullName"));
        assertEquals(200, admin.putXml(users() + "/" + userId("viewer"),
                "<tsRequest><user siteRole=\"Explorer\"/></tsRequest>").status());
        assertTrue(sandbox.deliveries().awaitIdle(Duration.ofSeconds(10)));
        assertTrue(dest.drain().isEmpty(), "administrator to administrator, viewer to explorer: no event");
    }

    @Test
    void aServerAdministratorsSiteRoleIsNotChangedPerSite() {
        Caller.Answer a = admin.putXml(users() + "/" + admin.userId, "<tsRequest><user siteRole=\"Viewer\"/></tsRequest>");
        assertEquals(403, a.status());
        assertEquals("ServerAdministrator", admin.getXml(users() + "/" + admin.userId).xmlAttr("user", "siteRole"));
    }

    @Test
    void aSiteAdministratorManagesUsersAndANonAdministratorMayNot() {
        Caller siteAdmin = Caller.signedIn(sandbox, Demo.SITE_ADMIN_USER, Demo.SITE_ADMIN_PASSWORD, Demo.WORKSHOP_SITE);
        assertEquals(200, siteAdmin.putXml(users() + "/" + userId("viewer"),
                "<tsRequest><user siteRole=\"Explorer\"/></tsRequest>").status());
        Caller viewer = Caller.signedIn(sandbox, Demo.ANALYST_USER, Demo.ANALYST_PASSWORD, Demo.WORKSHOP_SITE);
        for (Caller.Answer a : List.of(
                viewer.putXml(users() + "/" + userId("viewer"), "<tsRequest><user siteRole=\"Viewer\"/></tsRequest>"),
                viewer.postXml(users(), "<tsRequest><user name=\"x\" siteRole=\"Viewer\"/></tsRequest>"),
                viewer.send("DELETE", users() + "/" + userId("viewer"), null))) {
            assertEquals(403, a.status(), a.body());
            assertEquals("403004", a.errorCode());
        }
    }

    // ---- removing ----

    @Test
    void removeUserFromSiteFiresUserDeletedAndEndsTheirSessions() throws Exception {
        admin.createWebhook("deleted", "UserDeleted", dest.url());
        Caller analyst = Caller.signedIn(sandbox, Demo.ANALYST_USER, Demo.ANALYST_PASSWORD, Demo.WORKSHOP_SITE);
        assertEquals(200, analyst.getXml(users() + "/" + analyst.userId).status());

        Caller.Answer a = admin.send("DELETE", users() + "/" + analyst.userId, null);
        assertEquals(204, a.status(), a.body());
        JsonNode p = payload();
        assertEquals("UserDeleted", p.get("event_type").asText());
        assertEquals("USER", p.get("resource").asText());
        assertEquals("analyst", p.get("resource_name").asText());
        assertEquals(analyst.userId, p.get("resource_luid").asText());
        assertEquals(admin.siteId, p.get("site_luid").asText());

        assertEquals("404002", admin.getXml(users() + "/" + analyst.userId).errorCode());
        Caller.Answer dead = analyst.getXml("/api/3.27/sites/" + admin.siteId + "/workbooks");
        assertEquals(401, dead.status());
        assertEquals("401002", dead.errorCode());
    }

    @Test
    void aUserWhoOwnsContentIsMadeUnlicensedNotRemoved() throws Exception {
        admin.createWebhook("deleted", "UserDeleted", dest.url());
        String owner = giveSiteAdminAWorkbookAndAWebhook();
        Caller.Answer a = admin.send("DELETE", users() + "/" + owner, null);
        assertEquals(409, a.status(), a.body());
        assertTrue(a.errorDetail().contains("mapAssetsTo"), a.errorDetail());
        assertEquals("Unlicensed", admin.getXml(users() + "/" + owner).xmlAttr("user", "siteRole"));
        assertTrue(sandbox.deliveries().awaitIdle(Duration.ofSeconds(10)));
        assertTrue(dest.drain().isEmpty(), "not removed, so no UserDeleted");
    }

    @Test
    void mapAssetsToPassesContentAndWebhooksToAnotherUser() throws Exception {
        String owner = giveSiteAdminAWorkbookAndAWebhook();
        String heir = userId("analyst");
        Caller.Answer a = admin.send("DELETE", users() + "/" + owner + "?mapAssetsTo=" + heir, null);
        assertEquals(204, a.status(), a.body());
        Caller.Answer wbs = admin.getXml("/api/3.27/sites/" + admin.siteId + "/workbooks?filter=name:eq:Owned");
        assertEquals(heir, wbs.xmlAttr("owner", "id"));
        assertEquals("analyst", wbs.xmlAttr("owner", "name"));
        Caller.Answer hooks = admin.getXml(admin.webhooks("3.27") + "?filter=name:eq:owned-hook");
        assertEquals(heir, hooks.xmlAttr("owner", "id"));
    }

    @Test
    void mapAssetsToAnUnknownUserIs404002AndRemovesNobody() {
        String id = userId("viewer");
        Caller.Answer a = admin.send("DELETE", users() + "/" + id + "?mapAssetsTo=00000000-0000-0000-0000-000000000000", null);
        assertEquals(404, a.status());
        assertEquals("404002", a.errorCode());
        assertEquals(200, admin.getXml(users() + "/" + id).status());
    }

    @Test
    void aRemovedUsersWebhooksKeepDeliveringUnderAnOwnerWhoIsGone() throws Exception {
        String id = userId("siteadmin");
        Caller siteAdmin = Caller.signedIn(sandbox, Demo.SITE_ADMIN_USER, Demo.SITE_ADMIN_PASSWORD, Demo.WORKSHOP_SITE);
        String hook = siteAdmin.createWebhook("orphan", "SiteUpdated", dest.url());
        assertEquals(204, admin.send("DELETE", users() + "/" + id, null).status());
        Caller.Answer h = admin.getXml(admin.webhooks("3.27") + "/" + hook);
        assertEquals(200, h.status());
        assertEquals(id, h.xmlAttr("owner", "id"));
        assertEquals("404002", admin.getXml(users() + "/" + id).errorCode(), "the owner is gone");
        sandbox.activity().updateSite(Demo.WORKSHOP_SITE, null);
        assertEquals("SiteUpdated", payload().get("event_type").asText());
    }

    @Test
    void aServerAdministratorIsNotRemovedFromOneSite() {
        Caller.Answer a = admin.send("DELETE", users() + "/" + admin.userId, null);
        assertEquals(403, a.status());
    }

    /**
     * Makes the site administrator own a webhook and the workbook Owned (given to them with Update Workbook's
     * owner), and answers their LUID.
     */
    private String giveSiteAdminAWorkbookAndAWebhook() throws InterruptedException {
        String id = userId("siteadmin");
        Caller siteAdmin = Caller.signedIn(sandbox, Demo.SITE_ADMIN_USER, Demo.SITE_ADMIN_PASSWORD, Demo.WORKSHOP_SITE);
        siteAdmin.createWebhook("owned-hook", "WorkbookCreated", dest.url());
        sandbox.activity().createWorkbook(Demo.WORKSHOP_SITE, "Owned");
        String workbooks = "/api/3.27/sites/" + admin.siteId + "/workbooks";
        String wb = admin.getXml(workbooks + "?filter=name:eq:Owned").xmlAttr("workbook", "id");
        Caller.Answer given = admin.putXml(workbooks + "/" + wb, "<tsRequest><workbook><owner id=\"" + id
                + "\"/></workbook></tsRequest>");
        assertEquals(id, given.xmlAttr("owner", "id"), given.body());
        assertTrue(sandbox.deliveries().awaitIdle(Duration.ofSeconds(10)));
        dest.drain();
        return id;
    }
}
