package io.tabhook.repl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Live notices, one line above the prompt, as stripe listen prints them; never inside a command's output. */
class ShellNoticesTest {
    @TempDir
    Path home;

    /** Tableau's POST of a WorkbookCreated payload to the inbox, as a delivery arrives from elsewhere. */
    private static void deliver(ShellDriver shell, String workbook) throws Exception {
        String payload = "{\"event_type\":\"WorkbookCreated\",\"resource\":\"WORKBOOK\",\"resource_name\":\"" + workbook
                + "\",\"site_luid\":\"s\",\"resource_luid\":\"r\",\"created_at\":\"2025-01-01T00:00:00Z\"}";
        HttpResponse<Void> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(shell.inbox.url())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(payload)).build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(200, r.statusCode());
    }

    @Test
    void aDeliveryPrintsALineAboveThePromptAndWhatIsBeingTypedSurvives() throws Exception {
        try (ShellDriver shell = new ShellDriver(home, Map.of())) {
            shell.waitFor("not signed in");
            shell.type("40 + ");
            shell.waitFor("40 + ");
            shell.mark();
            deliver(shell, "Quarterly Sales");
            String notice = shell.waitFor("\"Quarterly Sales\" (#1)");
            assertTrue(notice.contains("⇣ ") && notice.contains("WorkbookCreated WORKBOOK"), notice);
            shell.waitFor("40 + "); // the prompt and the half-typed line, drawn again below the notice
            shell.run("2", "42");
        }
    }

    @Test
    void aFailedForwardPrintsALine() throws Exception {
        URI automation = ShellDriver.closedPort();
        try (ShellDriver shell = new ShellDriver(home, Map.of())) {
            shell.waitFor("not signed in");
            shell.run("inbox.forwardTo('" + automation + "')", "forwarding to");
            shell.mark();
            deliver(shell, "Forwarded");
            String failed = shell.waitFor("✗ forward of #1 to " + automation + " failed after 4 attempts: "
                    + "connection refused; inbox.replay(1) sends it again");
            shell.waitFor("not signed in");
            assertTrue(shell.plainSinceMark().contains("⇣ "), "the delivery itself has its notice: " + failed);
        }
    }

    @Test
    void aWebhookTheSandboxDisablesAfterFailedDeliveriesPrintsALine() throws Exception {
        try (ShellDriver shell = ShellDriver.quickRetries(home)) {
            String notice = shell.webhookDisabledByFailedDeliveries("Bob's hook");
            assertTrue(shell.plainSinceMark().contains("failed deliveries (connection refused); updateWebhook"),
                    notice + shell.plainSinceMark());
            // the advice, typed as the notice gives it
            String enabled = shell.run("updateWebhook 'Bob\\'s hook', enabled: true", "enabled    true");
            assertFalse(enabled.contains("✗"), enabled);
        }
    }

    @Test
    void noticesOffStopsThemAndOnStartsThemAgain() throws Exception {
        try (ShellDriver shell = new ShellDriver(home, Map.of())) {
            shell.waitFor("not signed in");
            shell.run(":notices off", "notices off until");
            deliver(shell, "Unseen");
            shell.run("'deliveries: ' + inbox.size()", "deliveries: 1"); // it arrived, and the prompt came back
            shell.run(":notices on", "notices on: a line");
            deliver(shell, "Seen");
            shell.waitFor("\"Seen\" (#2)");
            assertFalse(shell.everything().contains("Unseen"), shell.everything());
        }
    }

    @Test
    void whileACommandRunsANoticeWaitsForItsEnd() throws Exception {
        try (ShellDriver shell = new ShellDriver(home, Map.of())) {
            shell.waitFor("not signed in");
            shell.run("sleep 2500; println 'slept'", "Ctrl-C stops"); // the command runs
            deliver(shell, "During");
            String after = shell.waitFor("\"During\" (#1)");
            assertTrue(after.indexOf("slept") >= 0 && after.indexOf("slept") < after.indexOf("During"),
                    "the notice comes after the command's own output: " + after);
        }
    }
}
