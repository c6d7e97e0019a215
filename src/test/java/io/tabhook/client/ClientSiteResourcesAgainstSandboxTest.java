package io.tabhook.client;

import io.tabhook.api.Credentials;
import io.tabhook.api.ExtractRefreshTask;
import io.tabhook.api.Job;
import io.tabhook.api.QualityWarning;
import io.tabhook.api.SiteUser;
import io.tabhook.api.TableauError;
import io.tabhook.api.TableauSite;
import io.tabhook.api.View;
import io.tabhook.api.WireFormat;
import io.tabhook.sandbox.Demo;
import io.tabhook.sandbox.Sandbox;
import io.tabhook.sandbox.SandboxOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client's calls around webhooks, end to end against the sandbox, in both formats. */
class ClientSiteResourcesAgainstSandboxTest {
    Sandbox sandbox;

    @BeforeEach
    void start() throws IOException {
        sandbox = Sandbox.start(SandboxOptions.defaults());
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private TableauClient signedIn(WireFormat format, String site) {
        return ClientAgainstSandboxTest.admin(sandbox, format, site);
    }

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void usersFromListToRemoval(WireFormat format) {
        TableauClient c = signedIn(format, Demo.WORKSHOP_SITE);
        List<SiteUser> users = c.listUsers();
        assertEquals(List.of("admin", "viewer", "analyst", "siteadmin"), users.stream().map(SiteUser::name).toList());
        SiteUser analyst = users.get(2);
        assertEquals(analyst.id(), c.getUser(analyst.id()).id());
        assertEquals("SiteAdministratorExplorer", c.updateUser(analyst.id(), "SiteAdministratorExplorer", null, null)
                .siteRole());
        c.removeUser(analyst.id(), null);
        TableauError gone = assertThrows(TableauError.class, () -> c.getUser(analyst.id()));
        assertEquals("404002", gone.code());
    }

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void sitesAndSwitchingBetweenThem(WireFormat format) {
        TableauClient c = signedIn(format, Demo.DEFAULT_SITE);
        assertEquals(List.of("Default", "Workshop"), c.listSites().stream().map(TableauSite::name).toList());
        TableauSite created = c.createSite("Marketing", "marketing");
        assertEquals("Suspended", c.updateSite(created.id(), null, "Suspended").state());
        Credentials there = c.switchSite("marketing");
        assertEquals(created.id(), there.siteId());
        assertEquals(List.of("Default", "Workshop", "Marketing"), c.listSites().stream().map(TableauSite::name).toList());
        c.deleteSite(created.id());
        assertTrue(c.credentials().isEmpty(), "deleting the signed-in site ends the session");
    }

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void tasksJobsWarningsAndViews(WireFormat format) {
        TableauClient c = signedIn(format, Demo.WORKSHOP_SITE);
        List<ExtractRefreshTask> tasks = c.listExtractRefreshTasks();
        assertEquals(2, tasks.size());
        Job started = c.runExtractRefreshTask(tasks.get(0).id());
        Job job = c.getJob(started.id());
        assertTrue(job.succeeded(), job.toString());
        assertEquals(tasks.get(0).contentId(), job.contentId());

        String ds = tasks.stream().filter(t -> t.contentKind().equals("datasource")).findFirst().orElseThrow().contentId();
        QualityWarning w = c.addQualityWarning(ds, "DEPRECATED", "Use Orders v2", null);
        assertEquals("DEPRECATED", w.type());
        assertEquals(Boolean.TRUE, c.updateQualityWarning(w.id(), null, null, true).severe());
        assertEquals(1, c.qualityWarnings(ds).size());
        c.deleteQualityWarnings(ds);
        assertEquals(List.of(), c.qualityWarnings(ds));

        List<View> views = c.listViews();
        assertEquals(5, views.size());
        c.deleteView(views.get(0).id());
        assertEquals(4, c.listViews().size());
    }
}
