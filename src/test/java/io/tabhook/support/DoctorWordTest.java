package io.tabhook.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tabhook.api.Webhook;
import io.tabhook.dsl.Display;
import io.tabhook.dsl.DslException;
import io.tabhook.dsl.Interpreter;
import io.tabhook.support.Finding.Status;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13: {@code doctor()} in the DSL, on the current session, against a real sandbox seeded with every problem it
 * names ({@link ProblemSite}): each problem a finding of the right status with what was seen and what to do, the report
 * as text (summary first) and JSON, and its exit code.
 */
class DoctorWordTest extends OnProblemSite {
    static final ObjectMapper JSON = new ObjectMapper();
    static DoctorReport report;

    @BeforeAll
    static void examineTheProblemSite() {
        report = (DoctorReport) interpreter(site, new ArrayList<>()).evaluate("signIn(); doctor()");
    }

    /** The one finding of this check in this section. */
    static Finding finding(DoctorReport r, String section, String check) {
        List<Finding> found = r.findings().stream()
                .filter(f -> f.section().equals(section) && f.check().equals(check)).toList();
        assertEquals(1, found.size(), section + " / " + check + " in\n" + r.text());
        return found.get(0);
    }

    static void assertFinding(Finding f, Status status, String seen, String todo) {
        assertEquals(status, f.status(), f.toString());
        assertTrue(f.seen().contains(seen), "seen: " + f.seen());
        if (todo == null) {
            assertNull(f.todo(), f.toString());
        } else {
            assertNotNull(f.todo(), f.toString());
            assertTrue(f.todo().contains(todo), "to do: " + f.todo());
        }
    }

    @Test
    void theServerAnswersAsTableauOverHttpOnThisMachine() {
        assertFinding(finding(report, "server", "answers"), Status.OK, "Tableau 2025.3.0 (build ", null);
        assertFinding(finding(report, "server", "connection"), Status.OK, "http to this machine (127.0.0.1)", null);
        assertFinding(finding(report, "server", "REST API"), Status.OK, "3.27", null);
        assertFinding(finding(report, "server", "events"), Status.OK, "all 22 events offered at 3.27", null);
    }

    @Test
    void theSignInWorksAndMayManageWebhooks() {
        assertFinding(finding(report, "sign-in", "sign-in"), Status.OK, "admin on site Default", null);
        assertFinding(finding(report, "sign-in", "site role"), Status.OK, "ServerAdministrator: may manage webhooks", null);
        assertFinding(finding(report, "webhooks", "list"), Status.OK, "12 webhooks on this site", null);
    }

    @Test
    void aWebhookDisabledAfterFailedDeliveriesFailsAndSaysHowToReEnableIt() {
        assertFinding(finding(report, "webhook 'dead-end'", "enabled"), Status.FAIL,
                "after failed deliveries: Disabled after 4 failed delivery attempts: connection refused",
                "re-enable it: doctor --fix, or updateWebhook 'dead-end', enabled: true");
        assertTrue(finding(report, "webhook 'dead-end'", "enabled").seen().matches("disabled since \\d{4}-\\d\\d-\\d\\d "
                + "\\d\\d:\\d\\d:\\d\\d UTC after .*"), "since when, from updatedAt");
    }

    @Test
    void aWebhookAUserDisabledIsAWarningWithTheirReason() {
        assertFinding(finding(report, "webhook 'paused'", "enabled"), Status.WARN,
                "disabled by a user since ", "updateWebhook 'paused', enabled: true");
        assertTrue(finding(report, "webhook 'paused'", "enabled").seen().endsWith(": waiting for the new CRM"));
    }

    @Test
    void twoWebhooksSendingOneEventToOneUrlAreDuplicates() {
        assertFinding(finding(report, "webhooks", "duplicates"), Status.WARN,
                "'twin-a' and 'twin-b' all send DatasourceCreated to " + site.inbox.url().resolve("twins"),
                "the destination gets each event 2 times: delete all but one");
    }

    @Test
    void twoWebhooksOfOneNameClash() {
        assertFinding(finding(report, "webhooks", "names"), Status.WARN, "2 webhooks are named 'same-name'",
                "rename all but one");
    }

    @Test
    void plainHttpToAHostThatIsNotThisMachineFails() {
        assertFinding(finding(report, "webhook 'plain-http'", "destination"), Status.FAIL,
                "http://192.0.2.10/hook: plain http to 192.0.2.10, which is not this machine",
                "Tableau delivers only to https");
        assertFinding(finding(report, "webhook 'plain-http'", "host"), Status.OK, "192.0.2.10 is an IP address", null);
        assertTrue(report.findings().stream().noneMatch(f -> f.section().equals("webhook 'plain-http'")
                && f.check().equals("certificate")), "no certificate to check on http");
    }

    @Test
    void aHostThatDoesNotResolveFails() {
        assertFinding(finding(report, "webhook 'no-dns'", "destination"), Status.OK, "https://nowhere.invalid/hook", null);
        assertFinding(finding(report, "webhook 'no-dns'", "host"), Status.FAIL, "nowhere.invalid ",
                "check the host name");
    }

    @Test
    void aSelfSignedCertificateFailsAfterARealHandshake() {
        assertFinding(finding(report, "webhook 'self-signed'", "certificate"), Status.FAIL,
                "its certificate is not trusted (self-signed, or from a private CA)", "a CA it trusts");
    }

    @Test
    void anOwnerRemovedFromTheSiteFails() {
        assertFinding(finding(report, "webhook 'orphan'", "owner"), Status.FAIL, "siteadmin (",
                "have a site administrator own it: signed in as one, exportWebhooks, deleteWebhook 'orphan', importWebhooks");
        assertTrue(finding(report, "webhook 'orphan'", "owner").seen().endsWith(") no longer exists on this site"));
    }

    @Test
    void anOwnerWhoIsNoLongerASiteAdministratorIsAWarning() {
        assertFinding(finding(report, "webhook 'demoted-owner'", "owner"), Status.WARN,
                "analyst is Explorer now, no longer a site administrator",
                "make analyst a site administrator again");
    }

    @Test
    void aHealthyWebhookIsOkThroughout() {
        String s = "webhook 'healthy'";
        assertFinding(finding(report, s, "enabled"), Status.OK, "enabled", null);
        assertFinding(finding(report, s, "destination"), Status.OK, "http, allowed on this machine (loopback)", null);
        assertFinding(finding(report, s, "host"), Status.OK, "127.0.0.1 is an IP address", null);
        assertFinding(finding(report, s, "event"), Status.OK, "WorkbookUpdated, offered at 3.27", null);
        assertFinding(finding(report, s, "owner"), Status.OK, "admin (ServerAdministrator)", null);
        assertTrue(report.findings().stream().noneMatch(f -> f.section().equals(s) && f.check().equals("test")),
                "no test call without test: true");
    }

    @Test
    void theTextStartsWithItsSummaryAndShowsWhatToDoUnderEachProblem() {
        String text = Display.render(report);
        String[] lines = text.split("\n");
        assertTrue(lines[0].matches("doctor: 5 failures, 4 warnings, \\d+ ok — " + site.server()
                + ", site Default, as admin"), lines[0]);
        assertEquals("server", lines[1]);
        assertTrue(lines[2].matches("  ok +answers +Tableau 2025\\.3\\.0 .*"), lines[2]);
        assertTrue(text.contains("\nwebhook 'dead-end'\n  ok    destination, host, event, owner\n  fail  enabled "),
                "a webhook's checks that are ok share a line, its problems come one by one:\n" + text);
        int deadEnd = text.indexOf("  fail  enabled ");
        assertTrue(text.substring(deadEnd).split("\n")[1].matches(" +→ make the destination answer 2xx .*"), text);
        assertTrue(text.contains("\nwebhook 'healthy'\n  ok    enabled, destination, host, event, owner\nwebhook "), text);
        assertTrue(text.contains("\nwebhook 'same-name' (" + ProblemSite.webhook(site.signedIn("admin", ""), "same-name").id()
                + ")\n"), "two webhooks of one name: each section says which");
        assertEquals(3, report.exitCode());
        assertEquals(Status.FAIL, report.status());
    }

    @Test
    void theJsonHoldsTheSummaryExitCodeAndEveryFinding() throws Exception {
        JsonNode j = JSON.readTree(Display.json(report));
        assertEquals(report.summary(), j.get("summary").asText());
        assertEquals("fail", j.get("status").asText());
        assertEquals(3, j.get("exitCode").asInt());
        assertEquals(report.findings().size(), j.get("findings").size());
        JsonNode deadEnd = null;
        for (JsonNode f : j.get("findings")) {
            if (f.get("section").asText().equals("webhook 'dead-end'") && f.get("check").asText().equals("enabled")) deadEnd = f;
        }
        assertNotNull(deadEnd, j.toString());
        assertEquals("fail", deadEnd.get("status").asText());
        Webhook hook = ProblemSite.webhook(site.signedIn("admin", ""), "dead-end");
        assertEquals(hook.id(), deadEnd.get("webhookId").asText());
        assertTrue(deadEnd.get("todo").asText().contains("doctor --fix"), deadEnd.toString());
    }

    @Test
    void aUserWhoIsNoSiteAdministratorFailsAndTheWebhooksAreNotListed() {
        DoctorReport viewer = (DoctorReport) interpreter(site, new ArrayList<>())
                .evaluate("signIn user: 'viewer', password: 'viewer'; doctor()");
        assertFinding(finding(viewer, "sign-in", "sign-in"), Status.OK, "viewer on site Default", null);
        assertFinding(finding(viewer, "sign-in", "site role"), Status.FAIL,
                "viewer is Viewer: only site and server administrators may list, test or change webhooks",
                "sign in as a site administrator");
        assertTrue(viewer.findings().stream().noneMatch(f -> f.section().startsWith("webhook")), viewer.text());
        assertEquals(3, viewer.exitCode());
    }

    @Test
    void aSiteWithoutProblemsIsAllOkAndExitsZero() {
        DoctorReport ok = (DoctorReport) interpreter(site, new ArrayList<>())
                .evaluate("signIn site: 'workshop'; doctor()");
        assertEquals(0, ok.exitCode(), ok.text());
        assertTrue(ok.summary().startsWith("doctor: all "), ok.summary());
        assertTrue(ok.problems().isEmpty());
    }

    @Test
    void aSiteWithOnlyWarningsExitsOne() {
        DoctorReport warned = (DoctorReport) interpreter(site, new ArrayList<>())
                .evaluate("signIn site: 'paused'; doctor()");
        assertEquals(1, warned.exitCode(), warned.text());
        assertTrue(warned.summary().startsWith("doctor: 1 warning, "), warned.summary());
    }

    @Test
    void withoutASessionDoctorSignsInAsSignInWould() {
        DoctorReport r = (DoctorReport) interpreter(site, new ArrayList<>()).evaluate("doctor()");
        assertFinding(finding(r, "sign-in", "sign-in"), Status.OK, "admin on site Default", null);
    }

    @Test
    void nothingOnTheSiteChangesWithoutFixEvenWithTestCalls() throws Exception {
        List<Webhook> before = site.webhooks("");
        Thread.sleep(1100); // updatedAt counts seconds: a change from here on would show in it
        DoctorReport r = (DoctorReport) interpreter(site, new ArrayList<>()).evaluate("signIn(); doctor test: true");
        assertEquals(3, r.exitCode());
        assertEquals(before, site.webhooks(""), "names, events, urls, enabled, reasons, owners, createdAt, updatedAt");
    }

    @Test
    void testCallsShowStatusTimeAndTheFirstWordsOfTheAnswer() {
        DoctorReport r = (DoctorReport) interpreter(site, new ArrayList<>()).evaluate("signIn(); doctor test: true");
        Finding healthy = finding(r, "webhook 'healthy'", "test");
        assertEquals(Status.OK, healthy.status(), healthy.toString());
        assertTrue(healthy.seen().matches("200 in \\d+ ms: .+|200 in [\\d.]+ s: .+"), healthy.seen());
        Finding deadEnd = finding(r, "webhook 'dead-end'", "test");
        assertEquals(Status.FAIL, deadEnd.status());
        assertTrue(deadEnd.seen().startsWith("408 in "), deadEnd.seen());
        assertTrue(deadEnd.seen().contains("unable to connect to the url"), deadEnd.seen());
        assertTrue(deadEnd.todo().startsWith("the destination must answer 2xx"), deadEnd.todo());
    }

    @Test
    void fixInAScriptWithoutYesIsRefusedInOneLineBeforeAnythingIsChecked() {
        DslException e = assertThrows(DslException.class,
                () -> interpreter(site, new ArrayList<>()).evaluate("signIn(); doctor fix: true"));
        assertEquals("doctor fix: true asks before re-enabling webhooks, and nobody can answer here: add yes: true "
                + "(nothing was checked or changed) — usage: doctor(test: true|false, fix: true|false, yes: true|false)",
                e.getMessage());
    }

    @Test
    void fixReEnablesTheWebhookDisabledAfterFailedDeliveriesAndNothingElse() throws Exception {
        try (ProblemSite fresh = ProblemSite.start(dir.resolve("fix"))) {
            List<Webhook> before = fresh.webhooks("");
            Thread.sleep(1100);
            List<String> log = new ArrayList<>();
            DoctorReport r = (DoctorReport) interpreter(fresh, log).evaluate("signIn(); doctor fix: true, yes: true");
            assertTrue(log.get(0).startsWith("Re-enable 1 webhook disabled after failed deliveries:\n  'dead-end' "
                    + "(WorkbookCreated → http://127.0.0.1:"), log.toString());
            assertFinding(finding(r, "webhook 'dead-end'", "enabled"), Status.WARN, "re-enabled now; it was disabled since ",
                    "if its destination still fails, Tableau disables it again");
            List<Webhook> after = fresh.webhooks("");
            for (int i = 0; i < before.size(); i++) {
                if (before.get(i).name().equals("dead-end")) {
                    assertTrue(after.get(i).isEnabled(), after.get(i).toString());
                    assertEquals("", after.get(i).statusChangeReason());
                } else {
                    assertEquals(before.get(i), after.get(i), "only dead-end changes");
                }
            }
            DoctorReport again = (DoctorReport) interpreter(fresh, log).evaluate("signIn(); doctor fix: true, yes: true");
            assertFinding(finding(again, "fix", "re-enable"), Status.OK,
                    "no webhook is disabled after failed deliveries: nothing to change", null);
        }
    }

    @Test
    void aFindingReadsAsItselfInAScript() {
        String line = String.valueOf(interpreter(site, new ArrayList<>())
                .evaluate("signIn(); doctor().problems().find { it.check == 'host' }"));
        assertTrue(line.startsWith("finding(section: webhook 'no-dns', check: host, status: fail, seen: nowhere.invalid"),
                line);
        assertFalse(line.contains("Finding["), line);
    }
}
