package io.tabhook.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tabhook.api.Webhook;
import io.tabhook.support.OnProblemSite;
import io.tabhook.support.ProblemSite;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13: {@code tabhook doctor} run in-process as a user runs it, against a real sandbox seeded with the problems
 * the doctor names ({@link ProblemSite}): the report on stdout (summary first, or JSON), the exit code (0, 1, 3; 2 for
 * usage), the secret from the environment, and --fix only with --yes where there is no terminal.
 */
class DoctorCommandTest extends OnProblemSite {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, String> ADMIN = Map.of("TABLEAU_PASSWORD", "admin");

    static CommandRun doctor(Map<String, String> env, String... more) {
        List<String> args = new ArrayList<>(List.of("doctor", "--server", site.server().toString()));
        args.addAll(List.of(more));
        return CommandRun.run(dir, env, args.toArray(String[]::new));
    }

    @Test
    void aSiteWithProblemsExitsThreeWithTheSummaryFirstAndEachProblemNamed() {
        CommandRun r = doctor(ADMIN, "--site", "", "--user", "admin");
        assertEquals(3, r.exit(), r.err() + r.out());
        String[] lines = r.out().split("\n");
        assertTrue(lines[0].startsWith("doctor: 5 failures, 4 warnings, "), lines[0]);
        assertTrue(lines[0].endsWith(" — " + site.server() + ", site Default, as admin"), lines[0]);
        for (String problem : List.of(
                "  fail  enabled      disabled since ",
                "  warn  enabled      disabled by a user since ",
                "  warn  duplicates   'twin-a' and 'twin-b' all send DatasourceCreated to ",
                "  warn  names        2 webhooks are named 'same-name'",
                "  fail  destination  http://192.0.2.10/hook: plain http to 192.0.2.10, which is not this machine",
                "  fail  host         nowhere.invalid does not resolve",
                "  fail  certificate  its certificate is not trusted",
                "  fail  owner        siteadmin (",
                "  warn  owner        analyst is Explorer now, no longer a site administrator")) {
            assertTrue(r.out().contains(problem), problem + " in\n" + r.out());
        }
        assertEquals("", r.err(), "nothing on stderr without --fix");
    }

    @Test
    void theSandboxGivenAsLocalhostPassesItsHostCheckAndTheTraceShowsEachExchangeWithoutTheSecret() {
        String typed = "localhost:" + site.server().getPort();
        CommandRun r = CommandRun.run(dir, Map.of("TABLEAU_PAT_SECRET", "workshop-secret"), "doctor", "--server", typed,
                "--site", "workshop", "--pat-name", "workshop-pat", "--trace");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().startsWith("doctor: all "), r.out());
        assertTrue(r.out().contains("  ok    answers      Tableau 2025.3.0 (build 20253.25.0101.0000) at http://" + typed),
                "it talks to the sandbox by the address it was given: " + r.out());
        assertTrue(r.err().contains("→ GET http://" + typed + "/api/"), r.err());
        assertTrue(r.err().contains("→ POST http://" + typed + "/api/3.27/auth/signin"), r.err());
        assertFalse(r.err().contains("workshop-secret"), "the secret never shows in the trace");
    }

    @Test
    void aNameTheSandboxDoesNotAnswerToFailsWithTheSandboxsOwnLineSayingWhichAddressToUse() throws Exception {
        java.net.InetAddress me = java.net.InetAddress.getLocalHost();
        org.junit.jupiter.api.Assumptions.assumeTrue(me.isLoopbackAddress(), "this machine's name is not on loopback");
        String name = me.getHostName() + ":" + site.server().getPort();
        CommandRun r = CommandRun.run(dir, ADMIN, "doctor", "--server", "http://" + name, "--user", "admin");
        assertEquals(3, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("  fail  answers      GET http://" + name + "/api/"), r.out());
        assertTrue(r.out().contains("HTTP 421 Misdirected Request"), r.out());
        assertTrue(r.out().contains("→ refused: Host '" + name + "' is not an address this server answers on (a web page "
                + "using DNS rebinding looks like this); use " + site.server()), r.out());
    }

    @Test
    void jsonHasTheStatusExitCodeAndEachFindingForTools() throws Exception {
        CommandRun r = doctor(ADMIN, "--user", "admin", "--json");
        assertEquals(3, r.exit(), r.err());
        JsonNode j = JSON.readTree(r.out());
        assertEquals("fail", j.get("status").asText());
        assertEquals(3, j.get("exitCode").asInt());
        assertTrue(j.get("summary").asText().startsWith("doctor: 5 failures, 4 warnings"), j.toString());
        List<String> problems = new ArrayList<>();
        for (JsonNode f : j.get("findings")) {
            if (!f.get("status").asText().equals("ok")) problems.add(f.get("section").asText() + " " + f.get("check").asText()
                    + " " + f.get("status").asText());
            assertTrue(f.has("seen"), f.toString());
            assertEquals(!f.get("status").asText().equals("ok"), f.has("todo"), "what to do, for each problem: " + f);
        }
        assertEquals(List.of("webhooks duplicates warn", "webhooks names warn", "webhook 'dead-end' enabled fail",
                "webhook 'paused' enabled warn", "webhook 'no-dns' host fail", "webhook 'self-signed' certificate fail",
                "webhook 'plain-http' destination fail", "webhook 'orphan' owner fail",
                "webhook 'demoted-owner' owner warn"), problems);
    }

    @Test
    void aSiteWithoutProblemsExitsZeroAndOneWithOnlyWarningsExitsOne() {
        CommandRun ok = doctor(ADMIN, "--site", "workshop", "--user", "admin");
        assertEquals(0, ok.exit(), ok.out());
        assertTrue(ok.out().startsWith("doctor: all "), ok.out());
        CommandRun warned = doctor(ADMIN, "--site", "paused", "--user", "admin");
        assertEquals(1, warned.exit(), warned.out());
        assertTrue(warned.out().startsWith("doctor: 1 warning, "), warned.out());
    }

    @Test
    void aNonAdministratorSigningInExitsThree() {
        CommandRun r = doctor(Map.of("TABLEAU_PASSWORD", "viewer"), "--user", "viewer");
        assertEquals(3, r.exit(), r.out());
        assertTrue(r.out().contains("  fail  site role    viewer is Viewer: only site and server administrators may "
                + "list, test or change webhooks"), r.out());
        assertFalse(r.out().contains("webhook '"), r.out());
    }

    @Test
    void aPersonalAccessTokenSignsInWithItsSecretFromTheEnvironment() {
        CommandRun r = doctor(Map.of("TABLEAU_PAT_SECRET", "workshop-secret"), "--site", "workshop",
                "--pat-name", "workshop-pat");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("  ok    sign-in      workshop-pat on site 'workshop'"), r.out());
    }

    @Test
    void aWrongPasswordIsAFailedSignInAndItsValueNeverShows() {
        CommandRun r = doctor(Map.of("TABLEAU_PASSWORD", "not-the-password"), "--user", "admin");
        assertEquals(3, r.exit(), r.out());
        assertTrue(r.out().contains("  fail  sign-in      Tableau 401001"), r.out());
        assertFalse((r.out() + r.err()).contains("not-the-password"), "the secret never shows");
    }

    @Test
    void withoutAPasswordOrATerminalTheSignInFailsSayingWhatToSet() {
        CommandRun r = doctor(Map.of(), "--user", "admin");
        assertEquals(3, r.exit(), r.out());
        assertTrue(r.out().contains("  fail  sign-in      no password for admin: set TABLEAU_PASSWORD"), r.out());
    }

    @Test
    void usageMistakesExitTwoInOneLine() {
        CommandRun noServer = CommandRun.run(dir, ADMIN, "doctor", "--user", "admin");
        assertEquals(2, noServer.exit());
        assertEquals("tabhook: doctor needs --server URL: the Tableau server to work on (tabhook doctor --help shows "
                + "the options)", noServer.err().strip());
        CommandRun noUser = doctor(ADMIN);
        assertEquals(2, noUser.exit());
        assertTrue(noUser.err().startsWith("tabhook: doctor needs --user U or --pat-name N to sign in"), noUser.err());
        assertEquals(1, noUser.err().strip().lines().count());
        assertEquals(2, doctor(ADMIN, "--user", "admin", "--no-such-option").exit());
    }

    @Test
    void fixWithoutYesAndWithoutATerminalIsRefusedInOneLineAndNothingChanges() {
        List<Webhook> before = site.webhooks("");
        CommandRun r = doctor(ADMIN, "--user", "admin", "--fix");
        assertEquals(2, r.exit());
        assertEquals("tabhook: --fix asks before it re-enables webhooks, and there is no terminal to ask on: add --yes "
                + "(nothing was checked or changed) (tabhook doctor --help shows the options)", r.err().strip());
        assertEquals("", r.out());
        assertEquals(before, site.webhooks(""));
    }

    @Test
    void withoutFixNothingOnTheSiteChangesEvenWithTestCalls() throws Exception {
        List<Webhook> before = site.webhooks("");
        Thread.sleep(1100); // updatedAt counts seconds: a change from here on would show in it
        CommandRun r = doctor(ADMIN, "--user", "admin", "--test");
        assertEquals(3, r.exit(), r.err());
        assertTrue(r.out().contains("  ok    test         200 in "), r.out());
        assertTrue(r.out().contains("  fail  test         408 in "), r.out());
        assertEquals(before, site.webhooks(""), "names, events, urls, enabled, reasons, owners, createdAt, updatedAt");
    }

    @Test
    void fixWithYesReEnablesOnlyTheWebhookDisabledAfterFailedDeliveries() throws Exception {
        try (ProblemSite fresh = ProblemSite.start(dir.resolve("fix"))) {
            List<Webhook> before = fresh.webhooks("");
            Thread.sleep(1100);
            CommandRun r = CommandRun.run(dir, ADMIN, "doctor", "--server", fresh.server().toString(), "--user", "admin",
                    "--fix", "--yes");
            assertEquals(3, r.exit(), "the other failures stay: " + r.out());
            assertTrue(r.err().startsWith("Re-enable 1 webhook disabled after failed deliveries:\n  'dead-end' "),
                    "the plan, on stderr: " + r.err());
            assertTrue(r.out().contains("  warn  enabled      re-enabled now; it was disabled since "), r.out());
            List<Webhook> after = fresh.webhooks("");
            assertEquals(before.size(), after.size());
            for (int i = 0; i < before.size(); i++) {
                if (before.get(i).name().equals("dead-end")) {
                    assertTrue(after.get(i).isEnabled(), "dead-end is enabled again");
                } else {
                    assertEquals(before.get(i), after.get(i), "only dead-end changes");
                }
            }
        }
    }
}
