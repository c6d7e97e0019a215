package io.tabhook.sandbox;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;


import static io.tabhook.sandbox.SandboxShapeTest.fixture;
import static io.tabhook.sandbox.SandboxShapeTest.sameJsonShape;
import static io.tabhook.sandbox.SandboxShapeTest.sameXmlShape;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Users, sites, data quality warnings, jobs and tasks answer in the shape of Tableau's documented bodies
 * ({@code src/test/resources/fixtures}), and the documented requests are taken as they are.
 */
class SandboxResourceShapeTest extends FreshSandboxTest {
    @Override
    String signInSite() {
        return Demo.DEFAULT_SITE;
    }

    private String site() {
        return "/api/3.27/sites/" + admin.siteId;
    }

    private Caller.Answer send(String method, String path, String fixtureName) {
        String type = fixtureName.endsWith(".json") ? "application/json" : "application/xml";
        return admin.send(method, path, fixture(fixtureName), "Content-Type", type, "Accept", type);
    }

    @Test
    void usersAnswersHaveTheDocumentedShapes() {
        sameXmlShape("users-list.xml", admin.getXml(site() + "/users"));
        sameJsonShape("users-list.json", admin.getJson(site() + "/users"));
        sameXmlShape("user-response.xml", admin.getXml(site() + "/users/" + admin.userId));
        sameJsonShape("user-response.json", admin.getJson(site() + "/users/" + admin.userId));
    }

    @Test
    void workbooksListHasTheDocumentedShape() {
        sameXmlShape("workbooks-list.xml", admin.getXml(site() + "/workbooks"));
        sameJsonShape("workbooks-list.json", admin.getJson(site() + "/workbooks"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"xml", "json"})
    void theDocumentedAddAndUpdateUserRequestsAreTakenAndAnsweredInShape(String format) {
        Caller.Answer added = send("POST", site() + "/users", "user-add-request." + format);
        assertEquals(201, added.status(), added.body());
        if (format.equals("xml")) sameXmlShape("user-add-response.xml", added);
        else sameJsonShape("user-add-response.json", added);
        String id = format.equals("xml") ? added.xmlAttr("user", "id") : added.json().get("user").get("id").asText();

        Caller.Answer updated = send("PUT", site() + "/users/" + id, "user-update-request." + format);
        assertEquals(200, updated.status(), updated.body());
        if (format.equals("xml")) sameXmlShape("user-update-response.xml", updated);
        else sameJsonShape("user-update-response.json", updated);
        assertEquals(204, admin.send("DELETE", site() + "/users/" + id, null).status());
    }

    @Test
    void sitesAnswersHaveTheDocumentedShapes() {
        sameXmlShape("sites-list.xml", admin.getXml("/api/3.27/sites"));
        sameJsonShape("sites-list.json", admin.getJson("/api/3.27/sites"));
        sameXmlShape("site-response.xml", admin.getXml("/api/3.27/sites/" + admin.siteId));
        sameJsonShape("site-response.json", admin.getJson("/api/3.27/sites/" + admin.siteId));
    }

    @ParameterizedTest
    @ValueSource(strings = {"xml", "json"})
    void theDocumentedCreateSiteRequestIsTakenAndAnsweredInShape(String format) {
        String body = fixture("site-create-request." + format).replace("Marketing", "Marketing " + format)
                .replace("\"marketing\"", "\"marketing-" + format + "\"");
        String type = "application/" + format;
        Caller.Answer a = admin.send("POST", "/api/3.27/sites", body, "Content-Type", type, "Accept", type);
        assertEquals(201, a.status(), a.body());
        if (format.equals("xml")) sameXmlShape("site-response.xml", a);
        else sameJsonShape("site-response.json", a);
    }

    @Test
    void theDocumentedUpdateSiteRequestIsTaken() {
        String id = admin.postXml("/api/3.27/sites", "<tsRequest><site name=\"Marketing\" contentUrl=\"marketing\"/>"
                + "</tsRequest>").xmlAttr("site", "id");
        Caller.Answer a = send("PUT", "/api/3.27/sites/" + id, "site-update-request.xml");
        assertEquals(200, a.status(), a.body());
        sameXmlShape("site-response.xml", a);
        assertEquals("Marketing EMEA", a.xmlAttr("site", "name"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"xml", "json"})
    void theDocumentedSwitchSiteRequestAnswersAsSignInDoes(String format) {
        Caller c = Caller.signedIn(sandbox, Demo.ADMIN_USER, Demo.ADMIN_PASSWORD, Demo.WORKSHOP_SITE);
        String body = fixture("switch-site-request." + format).replace("marketing", "");
        String type = "application/" + format;
        Caller.Answer a = c.send("POST", "/api/3.27/auth/switchSite", body, "Content-Type", type, "Accept", type);
        assertEquals(200, a.status(), a.body());
        if (format.equals("xml")) sameXmlShape("signin-response.xml", a);
        else sameJsonShape("signin-response.json", a);
    }

    @ParameterizedTest
    @ValueSource(strings = {"xml", "json"})
    void dataQualityWarningAnswersHaveTheDocumentedShapes(String format) {
        String ds = admin.getXml(site() + "/datasources").xmlAttr("datasource", "id");
        String on = site() + "/dataQualityWarnings/datasource/" + ds;
        Caller.Answer added = send("POST", on, "dqw-request." + format);
        assertEquals(200, added.status(), added.body());
        Caller.Answer list = format.equals("xml") ? admin.getXml(on) : admin.getJson(on);
        if (format.equals("xml")) {
            sameXmlShape("dqw-response.xml", added);
            sameXmlShape("dqw-list.xml", list);
        } else {
            sameJsonShape("dqw-response.json", added);
            sameJsonShape("dqw-list.json", list);
        }
        assertEquals(204, admin.send("DELETE", on, null).status());
    }

    @Test
    void jobAndTaskAnswersHaveTheDocumentedShapes() {
        sameXmlShape("tasks-list.xml", admin.getXml(site() + "/tasks/extractRefreshes"));
        sameJsonShape("tasks-list.json", admin.getJson(site() + "/tasks/extractRefreshes"));
        String task = admin.getXml(site() + "/tasks/extractRefreshes").xmlElements("extractRefresh").stream()
                .filter(e -> e.getElementsByTagNameNS("*", "datasource").getLength() == 1)
                .findFirst().orElseThrow().getAttribute("id");
        String runNow = site() + "/tasks/extractRefreshes/" + task + "/runNow";
        Caller.Answer xml = admin.postXml(runNow, "<tsRequest/>");
        sameXmlShape("task-run-now-response.xml", xml);
        sameJsonShape("task-run-now-response.json", admin.send("POST", runNow, "{}", "Content-Type",
                "application/json", "Accept", "application/json"));
        String job = xml.xmlAttr("job", "id");
        sameXmlShape("job-response.xml", admin.getXml(site() + "/jobs/" + job));
        sameJsonShape("job-response.json", admin.getJson(site() + "/jobs/" + job));
    }
}
