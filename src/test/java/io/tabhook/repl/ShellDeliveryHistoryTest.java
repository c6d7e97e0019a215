package io.tabhook.repl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13 in the real shell: "our webhook stopped firing" answered on screen. The webhooks table says since when a
 * webhook is disabled, and {@code sandbox.deliveries} shows the attempts, retries and auto-disable that led there.
 */
class ShellDeliveryHistoryTest {
    @TempDir
    Path home;

    @Test
    void aWebhookTheSandboxDisabledShowsSinceWhenAndTheTimelineThatLedThere() throws Exception {
        try (ShellDriver shell = ShellDriver.quickRetries(home)) {
            shell.webhookDisabledByFailedDeliveries("silent");

            String table = shell.run("webhooks", "(1 webhook)").replace("\r", "");
            assertTrue(table.matches("(?s).*\\nsilent +WorkbookCreated +no, disabled since \\d{4}-\\d\\d-\\d\\d "
                    + "\\d\\d:\\d\\d:\\d\\d UTC \\(Disabled after 4 failed delivery attempts: connection refused\\) "
                    + "+http://127\\.0\\.0\\.1:\\d+/automation .*"), table);

            String timeline = shell.run("sandbox.deliveries('silent')", "(5 timeline entries)").replace("\r", "");
            assertTrue(timeline.contains("TIME ") && timeline.contains(" OUTCOME "), timeline);
            assertTrue(timeline.matches("(?s).* silent +WorkbookCreated +1 +connection refused, retry in 20 ms .*"),
                    timeline);
            assertTrue(timeline.matches("(?s).* 4 +connection refused, no retries left .*"), timeline);
            assertTrue(timeline.contains("webhook disabled: Disabled after 4 failed delivery attempts: "
                    + "connection refused"), timeline);

            shell.run(":format json", "results print as json");
            String json = shell.run("sandbox.deliveries('silent', event: 'WorkbookCreated')", "\"what\" : \"disabled\"");
            assertTrue(json.contains("\"retryInMs\" : 40") && json.contains("/automation\""), json);
        }
    }
}
