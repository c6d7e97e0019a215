package io.tabhook.repl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13 in the real shell: {@code doctor} names the webhook the sandbox disabled, and {@code doctor fix: true} shows
 * its plan and asks before it re-enables it; no answers the question without changing anything, and the answer never
 * reaches the history.
 */
class ShellDoctorTest {
    @TempDir
    Path home;

    @Test
    void doctorFixShowsThePlanAndAsksBeforeReEnabling() throws Exception {
        try (ShellDriver shell = ShellDriver.quickRetries(home)) {
            shell.webhookDisabledByFailedDeliveries("silent");

            String report = shell.run("doctor", "then re-enable it").replace("\r", "");
            assertTrue(report.contains("doctor: 1 failure, "), report);
            assertTrue(report.contains("webhook 'silent'"), report);
            assertTrue(report.contains("  fail  enabled      disabled since "), report);

            shell.run("doctor fix: true", "Re-enable them? [y/N]");
            String declined = shell.run("n", "declined: nothing was changed").replace("\r", "");
            assertTrue(declined.contains("fail  enabled      disabled since "), "still disabled: " + declined);

            String plan = shell.run("doctor fix: true", "Re-enable them? [y/N]").replace("\r", "");
            assertTrue(plan.contains("Re-enable 1 webhook disabled after failed deliveries:"), plan);
            assertTrue(plan.contains("  'silent' (WorkbookCreated → http://127.0.0.1:"), plan);
            String fixed = shell.run("y", "re-enabled now; it was disabled since ").replace("\r", "");
            assertTrue(fixed.contains("doctor: 1 warning, "), fixed);
            shell.run("webhook('silent').enabled", "true");
            shell.run(":history", "webhook('silent').enabled");
            assertFalse(shell.plainSinceMark().matches("(?s).*\\d+ +[yn]\\s*\\n.*"), "answers stay out of the history");
        }
        assertFalse(Files.exists(home.resolve("history")) && Files.readAllLines(home.resolve("history")).stream()
                .anyMatch(l -> l.strip().equals("y") || l.strip().equals("n") || l.endsWith(":y") || l.endsWith(":n")),
                "answers stay out of the history file");
    }
}
