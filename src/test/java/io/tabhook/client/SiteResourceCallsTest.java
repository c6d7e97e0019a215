package io.tabhook.client;

import io.tabhook.api.ApiVersion;
import io.tabhook.api.Credentials;
import io.tabhook.api.ExtractRefreshTask;
import io.tabhook.api.Fixtures;
import io.tabhook.api.Job;
import io.tabhook.api.QualityWarning;
import io.tabhook.api.SiteUser;
import io.tabhook.api.TableauError;
import io.tabhook.api.TableauSite;
import io.tabhook.api.WireFormat;
import io.tabhook.client.FixtureServer.Reply;
import io.tabhook.client.FixtureServer.Seen;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static io.tabhook.client.FixtureServer.SITE_ID;
import static io.tabhook.client.FixtureServer.V3_9;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The calls around webhooks (users, sites, switch site, jobs, tasks, data quality warnings, views), in both formats,
 * against Tableau's documented bodies: each sends the documented request and reads the documented answer.
 */
class SiteResourceCallsTest {
    private static final String USER = "abf3a02d-d559-4e5e-a3e7-4ca0188a5b3b";
    private final FixtureServer server = FixtureServer.start();

    @AfterEach
    void stop() { server.close(); }

    private static String site(ApiVersion v, String rest) {
        return "/api/" + v + "/sites/" + SITE_ID + "/" + rest;
    }

    /** The request body has the documented shape (XML) or the documented keys (JSON, values aside). */
    private static void assertBodyLike(WireFormat format, String fixture, Seen sent) {
        if (format == WireFormat.XML) {
            Fixtures.assertSameShape(Fixtures.elements(fixture + ".xml"), sent.elements());
        } else {
            assertEquals(keys(Fixtures.json(Fixtures.bytes(fixture + ".json"))), keys(Fixtures.json(sent.body())));
        }
    }

    private static java.util.Set<String> keys(com.fasterxml.jackson.databind.JsonNode n) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        n.fields().forEachRemaining(e -> {
            out.add(e.getKey());
            e.getValue().fieldNames().forEachRemaining(k -> out.add(e.getKey() + "." + k));
        });
        return out;
    }

    // ---- users ----

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void listsUsersFromTheDocumentedPage(WireFormat format) {
        TableauClient client = server.signedIn(format, V3_9);
        server.onBoth("GET", site(V3_9, "users"), 200, "users-list");

        List<SiteUser> users = client.listUsers();

        FixtureServer.assertSigned(server.last(), format, "GET", site(V3_9, "users"));
        assertEquals(2, users.size());
        assertEquals(new SiteUser(USER, "Ashley", "Ashley Kim", "ashley@example.com", "Viewer", "ServerDefault",
                "2025-03-02T08:11:02Z", "", "local"), users.get(0));
        assertTrue(users.get(1).isAdministrator());
        assertEquals(1, server.seen().stream().filter(s -> s.path().endsWith("/users")).count(),
                "totalAvailable 2 came on the first page");
        assertEquals("pageSize=1000&pageNumber=1", server.last().query());
    }

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void getsAUserById(WireFormat format) {
        TableauClient client = server.signedIn(format, V3_9);
        server.onBoth("GET", site(V3_9, "users/" + USER), 200, "user-response");

        SiteUser u = client.getUser(USER);

        FixtureServer.assertSigned(server.last(), format, "GET", site(V3_9, "users/" + USER));
        assertEquals("Ashley", u.name());
        assertEquals("local", u.domain());
    }

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void updatesAUsersRoleAsDocumented(WireFormat format) {
        TableauClient client = server.signedIn(format, V3_9);
        server.onBoth("PUT", site(V3_9, "users/" + USER), 200, "user-update-response");

        SiteUser u = client.updateUser(USER, "SiteAdministratorExplorer", "Cassie Lee", "cassie@example.com");

        Seen sent = server.last();
        FixtureServer.assertSigned(sent, format, "PUT", site(V3_9, "users/" + USER));
        assertEquals("SiteAdministratorExplorer", sent.elements().get(0).attr("siteRole"));
        assertEquals("Cassie Lee", sent.elements().get(0).attr("fullName"));
        assertNull(sent.elements().get(0).attr("password"), "tabhook never sends a password it was not given");
        assertEquals("SiteAdministratorExplorer", u.siteRole());
        assertNull(u.id(), "Update User answers without the id");
    }

    @Test
    void removesAUserAndPassesTheirContentOn() {
        TableauClient client = server.signedIn(WireFormat.XML, V3_9);
        server.on("DELETE", site(V3_9, "users/" + USER), Reply.empty(204));

        client.removeUser(USER, "4cc4c17f-898a-4de4-abed-a1681c673ced");

        FixtureServer.assertSigned(server.last(), WireFormat.XML, "DELETE", site(V3_9, "users/" + USER));
        assertEquals("mapAssetsTo=4cc4c17f-898a-4de4-abed-a1681c673ced", server.last().query());
        assertEquals(0, server.last().body().length);
    }

    @Test
    void anUnknownUserIsTableausError() {
        TableauClient client = server.signedIn(WireFormat.JSON, V3_9);
        server.on("GET", site(V3_9, "users/" + USER), Reply.body(404, "application/json",
                "{\"error\":{\"summary\":\"User not found\",\"detail\":\"gone\",\"code\":\"404002\"}}"));
        TableauError e = assertThrows(TableauError.class, () -> client.getUser(USER));
        assertEquals("404002", e.code());
    }

    // ---- sites ----

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void listsSites(WireFormat format) {
        TableauClient client = server.signedIn(format, V3_9);
        server.onBoth("GET", "/api/3.9/sites", 200, "sites-list");

        List<TableauSite> sites = client.listSites();

        FixtureServer.assertSigned(server.last(), format, "GET", "/api/3.9/sites");
        assertEquals(List.of("", "marketing"), sites.stream().map(TableauSite::contentUrl).toList());
        assertFalse(sites.get(0).disableSubscriptions());
        assertEquals("25", sites.get(1).revisionLimit());
    }

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void createsUpdatesAndDeletesASite(WireFormat format) {
        TableauClient client = server.signedIn(format, V3_9);
        String id = "6b7179ba-b82b-4f0f-91ed-812074ac5da6";
        server.onBoth("POST", "/api/3.9/sites", 201, "site-response");
        server.onBoth("PUT", "/api/3.9/sites/" + id, 200, "site-response");
        server.on("DELETE", "/api/3.9/sites/" + id, Reply.empty(204));

        TableauSite created = client.createSite("Marketing", "marketing");
        Seen create = server.last();
        FixtureServer.assertSigned(create, format, "POST", "/api/3.9/sites");
        assertEquals("marketing", create.elements().get(0).attr("contentUrl"));
        assertEquals(id, created.id());

        client.updateSite(id, "Marketing EMEA", "Suspended");
        Seen update = server.last();
        FixtureServer.assertSigned(update, format, "PUT", "/api/3.9/sites/" + id);
        assertEquals("Suspended", update.elements().get(0).attr("state"));

        client.deleteSite(id);
        FixtureServer.assertSigned(server.last(), format, "DELETE", "/api/3.9/sites/" + id);
        assertTrue(client.credentials().isPresent(), "another site than the signed-in one: still signed in");
    }

    @Test
    void deletingTheSignedInSiteEndsTheSession() {
        TableauClient client = server.signedIn(WireFormat.XML, V3_9);
        server.on("DELETE", "/api/3.9/sites/" + SITE_ID, Reply.empty(204));
        client.deleteSite(SITE_ID);
        assertTrue(client.credentials().isEmpty());
    }

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void switchesSiteAndKeepsTheNewCredentials(WireFormat format) {
        TableauClient client = server.signedIn(format, V3_9);
        server.onBoth("POST", "/api/3.9/auth/switchSite", 200, "signin-response");

        Credentials c = client.switchSite("marketing");

        Seen sent = server.last();
        FixtureServer.assertSigned(sent, format, "POST", "/api/3.9/auth/switchSite");
        assertBodyLike(format, "switch-site-request", sent);
        assertEquals(c, client.credentials().orElseThrow());
    }

    @Test
    void switchSiteNeeds26() {
        TableauClient client = server.signedIn(WireFormat.XML, new ApiVersion(2, 5));
        assertThrows(VersionTooOldException.class, () -> client.switchSite("marketing"));
    }

    // ---- jobs and tasks ----

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void getsAJobAndSeesItDone(WireFormat format) {
        TableauClient client = server.signedIn(format, V3_9);
        String id = "bb1aab79-db54-4e96-9dd3-461d8f081d08";
        server.onBoth("GET", site(V3_9, "jobs/" + id), 200, "job-response");

        Job job = client.getJob(id);

        FixtureServer.assertSigned(server.last(), format, "GET", site(V3_9, "jobs/" + id));
        assertTrue(job.succeeded());
        assertEquals("datasource", job.contentKind());
        assertEquals("World Indicators", job.contentName());
    }

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void listsAndRunsExtractRefreshTasks(WireFormat format) {
        TableauClient client = server.signedIn(format, V3_9);
        server.onBoth("GET", site(V3_9, "tasks/extractRefreshes"), 200, "tasks-list");
        String task = "f84901ac-72ad-4f9b-a87e-7a3500402ad6";
        server.onBoth("POST", site(V3_9, "tasks/extractRefreshes/" + task + "/runNow"), 200, "task-run-now-response");

        List<ExtractRefreshTask> tasks = client.listExtractRefreshTasks();
        assertEquals(List.of("workbook", "datasource"), tasks.stream().map(ExtractRefreshTask::contentKind).toList());
        assertEquals("Daily", tasks.get(1).frequency());

        Job job = client.runExtractRefreshTask(task);
        FixtureServer.assertSigned(server.last(), format, "POST", site(V3_9, "tasks/extractRefreshes/" + task + "/runNow"));
        assertFalse(job.done(), "Run Now answers the job before it completes");
        assertEquals("Sample - Superstore", job.contentName());
    }

    // ---- data quality warnings and views ----

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void addsQueriesUpdatesAndDeletesDataQualityWarnings(WireFormat format) {
        TableauClient client = server.signedIn(format, V3_9);
        String ds = "94441d26-9a52-4a42-b0fb-3f94792d1aac";
        String id = "c2e0e406-84fb-4f4e-9998-f20dd9306710";
        server.onBoth("POST", site(V3_9, "dataQualityWarnings/datasource/" + ds), 200, "dqw-response");
        server.onBoth("GET", site(V3_9, "dataQualityWarnings/datasource/" + ds), 200, "dqw-list");
        server.onBoth("PUT", site(V3_9, "dataQualityWarnings/" + id), 200, "dqw-response");
        server.on("DELETE", site(V3_9, "dataQualityWarnings/datasource/" + ds), Reply.empty(204));

        QualityWarning added = client.addQualityWarning(ds, "STALE", "Yesterday's load failed; numbers stop at Monday.",
                false);
        Seen add = server.last();
        FixtureServer.assertSigned(add, format, "POST", site(V3_9, "dataQualityWarnings/datasource/" + ds));
        assertBodyLike(format, "dqw-request", add);
        assertEquals(id, added.id());
        assertEquals(Boolean.TRUE, added.active());

        assertEquals(List.of(id), client.qualityWarnings(ds).stream().map(QualityWarning::id).toList());
        client.updateQualityWarning(id, "MAINTENANCE", null, true);
        assertEquals("MAINTENANCE", server.last().elements().get(0).attr("type"));
        client.deleteQualityWarnings(ds);
        FixtureServer.assertSigned(server.last(), format, "DELETE", site(V3_9, "dataQualityWarnings/datasource/" + ds));
    }

    @Test
    void deleteViewNeeds327() {
        TableauClient old = server.signedIn(WireFormat.XML, new ApiVersion(3, 26));
        VersionTooOldException e = assertThrows(VersionTooOldException.class, () -> old.deleteView("v"));
        assertTrue(e.getMessage().contains("3.27"), e.getMessage());
    }

    @Test
    void deletesAView() {
        ApiVersion v = ApiVersion.V3_27;
        TableauClient client = server.signedIn(WireFormat.JSON, v);
        server.on("DELETE", site(v, "views/9d2e9bd5-ea4d-4a45-8d5b-f3f5a1e0c45b"), Reply.empty(204));
        client.deleteView("9d2e9bd5-ea4d-4a45-8d5b-f3f5a1e0c45b");
        FixtureServer.assertSigned(server.last(), WireFormat.JSON, "DELETE", site(v, "views/9d2e9bd5-ea4d-4a45-8d5b-f3f5a1e0c45b"));
    }
}
