package io.tabhook.sandbox;

import io.tabhook.browser.BrowserTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14 in a real browser: the sandbox's {@code /sandbox} page shows its sites, its webhooks and the delivery
 * timeline, so a support call can see why a webhook stopped.
 */
class SandboxPageBrowserTest extends BrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private Sandbox sandbox;
    private Caller admin;

    @BeforeEach
    void startSandbox() throws IOException {
        sandbox = Sandbox.start(SandboxOptions.defaults().withRetryBackoff(Duration.ofMillis(10)));
        admin = Caller.signedIn(sandbox, Demo.ADMIN_USER, Demo.ADMIN_PASSWORD, "");
    }

    @AfterEach
    void stopSandbox() {
        sandbox.close();
    }

    @Test
    void theTimelineShowsTheRetriesAndWhyAWebhookWasDisabled() throws Exception {
        try (Destination failing = Destination.answering(500, "down for maintenance");
             Destination fine = Destination.answering(200, "ok")) {
            driver.get(sandbox.baseUrl().resolve("/sandbox").toString());
            waitFor("the sites", d -> d.findElement(By.id("sites")).getText().contains("Default"));
            assertEquals(sandbox.baseUrl().toString(), driver.findElement(By.id("base-url")).getText());

            String broken = admin.createWebhook("broken", "WorkbookCreated", failing.url());
            admin.createWebhook("fine", "WorkbookCreated", fine.url());
            sandbox.activity().createWorkbook("", "Timeline");
            assertTrue(sandbox.deliveries().awaitIdle(WAIT));

            String brokenRow = waitFor("the broken webhook shown disabled, without a reload",
                    d -> rowWith("webhooks", "broken", "Disabled after 4 failed delivery attempts: HTTP 500"));
            assertTrue(brokenRow.contains("no"), brokenRow);
            assertTrue(rowWith("webhooks", "fine", "yes") != null, "the other stays enabled");
            waitFor("six timeline lines", d -> timeline().size() == 6);
            assertTrue(timeline().get(0).contains("webhook disabled: Disabled after 4 failed delivery attempts"),
                    "newest first: " + timeline());

            waitFor("the broken webhook's timeline button", d -> {
                d.findElement(By.cssSelector("button[aria-label='timeline of broken']")).click();
                return true;
            });
            waitFor("only the broken webhook's lines", d -> timeline().size() == 5);
            List<String> lines = timeline();
            assertTrue(lines.get(1).contains("#4") && lines.get(1).contains("HTTP 500, no retries left"), lines.get(1));
            assertTrue(lines.get(4).contains("#1") && lines.get(4).contains("HTTP 500, retry in 10 ms"), lines.get(4));
            assertTrue(lines.stream().allMatch(l -> l.contains("broken")), lines.toString());
            screenshot("sandbox-page");
            assertEquals(broken, new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("f-webhook")))
                    .getFirstSelectedOption().getAttribute("value"));
            assertConsoleHasNoErrors();
        }
    }

    @Test
    void aWebhookNamedWithMarkupShowsAsText() throws Exception {
        try (Destination fine = Destination.answering(200, "ok")) {
            String name = "<img src=x onerror=\"window.pwned=1\"><b>bold</b>";
            Caller.Answer created = admin.postJson("/api/3.9/sites/" + admin.siteId + "/webhooks",
                    "{\"webhook\":{\"name\":\"" + name.replace("\"", "\\\"") + "\",\"event\":\"WorkbookCreated\","
                            + "\"webhook-destination\":{\"webhook-destination-http\":{\"method\":\"POST\",\"url\":\""
                            + fine.url() + "\"}}}}");
            assertEquals(201, created.status(), created.body());
            sandbox.activity().createWorkbook("", "Marked");
            assertTrue(sandbox.deliveries().awaitIdle(WAIT));
            driver.get(sandbox.baseUrl().resolve("/sandbox").toString());
            waitFor("the webhook's name as text", d -> rowWith("webhooks", name) != null);
            waitFor("its delivery as text", d -> timeline().size() == 1 && timeline().get(0).contains(name));
            assertTrue(driver.findElements(By.cssSelector("td img, td b")).isEmpty(), "no name became markup");
            assertNull(((JavascriptExecutor) driver).executeScript("return window.pwned;"));
            assertConsoleHasNoErrors();
        }
    }

    /** The first row of a table holding all the texts, as text; null when there is none. */
    @SuppressWarnings("unchecked")
    private String rowWith(String table, String... texts) {
        List<String> rows = (List<String>) ((JavascriptExecutor) driver).executeScript(
                "return [...document.querySelectorAll('#" + table + " tr')].map(r => r.innerText);");
        for (String t : rows) {
            boolean all = true;
            for (String x : texts) all &= t.contains(x);
            if (all) return t;
        }
        return null;
    }

    /** The timeline's rows as text, read in one go: the page may redraw between two reads. */
    @SuppressWarnings("unchecked")
    private List<String> timeline() {
        return (List<String>) ((JavascriptExecutor) driver).executeScript(
                "return [...document.querySelectorAll('#timeline tr')].map(r => r.innerText);");
    }
}
