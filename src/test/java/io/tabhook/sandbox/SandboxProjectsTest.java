package io.tabhook.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Query Projects and Create Project on the sandbox: the Default project, paging, filters, sort and refusals. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SandboxProjectsTest {
    Sandbox sandbox;
    Caller admin;

    @BeforeAll
    void start() throws IOException {
        sandbox = Sandbox.start(SandboxOptions.defaults());
        admin = Caller.signedIn(sandbox, Demo.ADMIN_USER, Demo.ADMIN_PASSWORD, Demo.WORKSHOP_SITE);
        for (String name : List.of("Alpha", "Bravo", "Charlie")) create("<project name=\"" + name + "\"/>");
    }

    @AfterAll
    void stop() {
        sandbox.close();
    }

    String projects() {
        return "/api/3.9/sites/" + admin.siteId + "/projects";
    }

    Caller.Answer create(String project) {
        Caller.Answer a = admin.postXml(projects(), "<tsRequest>" + project + "</tsRequest>");
        assertEquals(201, a.status(), a.body());
        return a;
    }

    String defaultId() {
        return admin.getXml(projects() + "?filter=name:eq:Default").xmlAttr("project", "id");
    }

    @Test
    void everySiteHasTableausDefaultProject() {
        Caller.Answer a = admin.getJson("/api/3.9/sites/" + admin.siteId + "/projects?filter=topLevelProject:eq:true,name:eq:default");
        assertEquals(200, a.status(), a.body());
        JsonNode p = a.json().get("projects").get("project");
        assertEquals(1, p.size(), a.body());
        assertEquals("Default", p.get(0).get("name").asText());
        assertEquals("The default project that was automatically created by Tableau.", p.get(0).get("description").asText());
        assertEquals("1", a.json().get("pagination").get("totalAvailable").asText());
    }

    @Test
    void aCreatedProjectHasTheDocumentedShapeInXmlAndJson() {
        String parent = defaultId();
        String request = SandboxShapeTest.fixture("project-create-request.xml")
                .replace("ee8c6e70-43b6-11e6-af4f-f7b0d8e20760", parent);
        Caller.Answer a = admin.postXml(projects(), request);
        assertEquals(201, a.status(), a.body());
        SandboxShapeTest.sameXmlShape("project-response.xml", a);
        assertEquals(parent, a.xmlAttr("project", "parentProjectId"));
        assertEquals(admin.userId, a.xmlAttr("owner", "id"));
        Caller.Answer listed = admin.getXml(projects() + "?filter=parentProjectId:eq:" + parent);
        SandboxShapeTest.sameXmlShape("projects-list.xml", listed);
        Caller.Answer json = admin.getJson(projects() + "?filter=parentProjectId:eq:" + parent);
        SandboxShapeTest.sameJsonShape("projects-list.json", json);
        String jsonRequest = SandboxShapeTest.fixture("project-create-request.json")
                .replace("ee8c6e70-43b6-11e6-af4f-f7b0d8e20760", parent).replace("Finance", "Finance JSON");
        Caller.Answer created = admin.postJson(projects(), jsonRequest);
        assertEquals(201, created.status(), created.body());
        SandboxShapeTest.sameJsonShape("project-response.json", created);
    }

    @Test
    void pagesAreSlicedAndSaySo() {
        Caller.Answer page = admin.getXml(projects() + "?pageSize=2&pageNumber=2&sort=name:asc&filter=name:in:[Alpha,Bravo,Charlie],topLevelProject:eq:true");
        assertEquals(200, page.status(), page.body());
        assertEquals("2", page.xmlAttr("pagination", "pageNumber"));
        assertEquals("2", page.xmlAttr("pagination", "pageSize"));
        assertEquals("3", page.xmlAttr("pagination", "totalAvailable"));
        List<String> names = page.xmlElements("project").stream().map(e -> e.getAttribute("name")).toList();
        assertEquals(List.of("Charlie"), names);
        Caller.Answer desc = admin.getXml(projects() + "?sort=name:desc&filter=name:in:[Alpha,Charlie],topLevelProject:eq:true");
        assertEquals(List.of("Charlie", "Alpha"), desc.xmlElements("project").stream().map(e -> e.getAttribute("name")).toList());
    }

    @ParameterizedTest
    @CsvSource({"pageSize=0, 400, 400007", "pageSize=ten, 400, 400007", "pageNumber=0, 400, 400006",
            "pageNumber=99, 400, 400006", "pageSize=1001, 403, 403014", "filter=colour:eq:red, 400, 400000",
            "sort=colour:asc, 400, 400000"})
    void badPagingFiltersAndSortsAreRefusedWithTheDocumentedCodes(String query, int status, String code) {
        Caller.Answer a = admin.getXml(projects() + "?" + query);
        assertEquals(status, a.status(), a.body());
        assertEquals(code, a.errorCode());
    }

    @Test
    void aDuplicateNameIsTheDocumented409006InAnyCase() {
        Caller.Answer a = admin.postXml(projects(), "<tsRequest><project name=\"ALPHA\"/></tsRequest>");
        assertEquals(409, a.status(), a.body());
        assertEquals("409006", a.errorCode());
        assertTrue(a.errorDetail().contains("ALPHA"), a.errorDetail());
        // the same name under another parent is another project
        String alpha = admin.getXml(projects() + "?filter=name:eq:Alpha").xmlAttr("project", "id");
        Caller.Answer nested = create("<project name=\"Alpha\" parentProjectId=\"" + alpha + "\"/>");
        assertEquals(alpha, nested.xmlAttr("project", "parentProjectId"));
    }

    @Test
    void anUnknownParentIs404005() {
        Caller.Answer a = admin.postXml(projects(),
                "<tsRequest><project name=\"Orphan\" parentProjectId=\"9b6c7d3e-0000-4000-8000-000000000000\"/></tsRequest>");
        assertEquals(404, a.status(), a.body());
        assertEquals("404005", a.errorCode());
    }

    @Test
    void aProjectNeedsANameAndKnownPermissions() {
        assertEquals("400000", admin.postXml(projects(), "<tsRequest><project description=\"x\"/></tsRequest>").errorCode());
        assertEquals("400000", admin.postXml(projects(),
                "<tsRequest><project name=\"P\" contentPermissions=\"Whatever\"/></tsRequest>").errorCode());
        Caller.Answer old = admin.postXml("/api/3.6/sites/" + admin.siteId + "/projects",
                "<tsRequest><project name=\"Old\" contentPermissions=\"LockedToProjectWithoutNested\"/></tsRequest>");
        assertEquals("400008", old.errorCode(), old.body());
    }

    @Test
    void onlyAdministratorsCreateProjectsButEveryoneOnTheSiteListsThem() {
        Caller viewer = Caller.signedIn(sandbox, Demo.VIEWER_USER, Demo.VIEWER_PASSWORD, Demo.WORKSHOP_SITE);
        Caller.Answer a = viewer.postXml("/api/3.9/sites/" + viewer.siteId + "/projects",
                "<tsRequest><project name=\"Mine\"/></tsRequest>");
        assertEquals(403, a.status(), a.body());
        assertEquals(200, viewer.getXml("/api/3.9/sites/" + viewer.siteId + "/projects").status());
    }

    @Test
    void projectsAreTheSitesOwn() {
        Caller other = Caller.signedIn(sandbox, Demo.ADMIN_USER, Demo.ADMIN_PASSWORD, Demo.DEFAULT_SITE);
        Caller.Answer a = other.getXml("/api/3.9/sites/" + other.siteId + "/projects?filter=name:eq:Alpha");
        assertEquals("0", a.xmlAttr("pagination", "totalAvailable"));
        assertNull(a.xmlAttr("project", "id"));
        assertNotNull(other.getXml("/api/3.9/sites/" + other.siteId + "/projects?filter=name:eq:Default").xmlAttr("project", "id"));
    }
}
