package io.tabhook.inbox;

import io.tabhook.browser.BrowserTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14 in a real browser: the inbox's page in headless Chromium, deliveries posted over HTTP as Tableau posts
 * them, and what a person would see and do on the page.
 */
class InboxPageBrowserTest extends BrowserTest {
    private Path dir;
    private Inbox inbox;

    @BeforeEach
    void startInbox() throws IOException {
        dir = Files.createTempDirectory("tabhook-page-");
        inbox = Inbox.start(InboxOptions.defaults().withPort(0).withJournal(dir.resolve("inbox.jsonl")));
    }

    @AfterEach
    void stopInbox() {
        inbox.close();
    }

    @Test
    void aDeliveryAppearsWithoutReloadAndShowsItsBodyPrettyAndRaw() {
        openPage();
        String body = Sender.fixture("workbook-created");
        assertEquals(200, Sender.post(inbox.url().resolve("/hooks/tableau"), body).status());

        WebElement row = waitFor("the delivery's row, without a reload", d -> rowNamed("Q3 Sales"));
        List<String> cells = row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
        assertEquals("WorkbookCreated", cells.get(1));
        assertEquals("/hooks/tableau", cells.get(3));
        assertTrue(cells.get(0).matches("\\d\\d:\\d\\d:\\d\\d"), cells.get(0));
        assertEquals("1", driver.findElement(By.id("count")).getText());
        assertTrue(driver.findElement(By.id("new-count")).getText().contains("1 new"));

        row.click();
        WebElement pretty = find(By.id("body-pretty"));
        assertTrue(pretty.getText().contains("{\n  \"resource\": \"WORKBOOK\",\n  \"event_type\": \"WorkbookCreated\","),
                pretty.getText());
        assertTrue(!pretty.findElements(By.cssSelector(".j-key")).isEmpty(), "the keys are highlighted");
        assertTrue(driver.findElement(By.id("detail")).getText().contains("application/json"), "the headers show");
        screenshot("inbox-page");
        driver.findElement(By.id("show-raw")).click();
        assertEquals(body, find(By.id("body-raw")).getText());
        assertConsoleHasNoErrors();
    }

    @Test
    void filtersByEventPathAndTextAndKeysMoveTheSelection() {
        openPage();
        Sender.post(inbox.url().resolve("/hooks/a"), Sender.payload("WorkbookCreated", "WORKBOOK", "Sales"));
        Sender.post(inbox.url().resolve("/hooks/b"), Sender.payload("DatasourceRefreshFailed", "DATASOURCE", "Orders"));
        Sender.post(inbox.url().resolve("/hooks/b"), Sender.payload("WorkbookDeleted", "WORKBOOK", "Budget"));
        waitFor("three rows", d -> visibleRows().size() == 3);
        assertEquals(List.of("Budget", "Orders", "Sales"), names(), "newest first");

        new Select(driver.findElement(By.id("f-event"))).selectByVisibleText("DatasourceRefreshFailed");
        waitFor("only the failed refresh", d -> names().equals(List.of("Orders")));
        new Select(driver.findElement(By.id("f-event"))).selectByVisibleText("all");
        driver.findElement(By.id("f-path")).sendKeys("/hooks/b");
        waitFor("the two on /hooks/b", d -> names().equals(List.of("Budget", "Orders")));
        driver.findElement(By.id("f-text")).sendKeys("budg");
        waitFor("the one whose body says Budget", d -> names().equals(List.of("Budget")));
        driver.findElement(By.id("f-text")).sendKeys(Keys.ESCAPE);
        driver.findElement(By.id("f-path")).sendKeys(Keys.ESCAPE);
        waitFor("all three again", d -> names().size() == 3);

        driver.findElement(By.id("f-text")).sendKeys(Keys.TAB);
        waitFor("the newest selected when Tab reaches the list", d -> find(By.cssSelector("#detail h2")).getText()
                .contains("WorkbookDeleted"));
        driver.switchTo().activeElement().sendKeys("j");
        waitFor("the next one selected with j", d -> find(By.cssSelector("#detail h2")).getText()
                .contains("DatasourceRefreshFailed"));
        driver.switchTo().activeElement().sendKeys(Keys.ARROW_DOWN);
        waitFor("the oldest selected with the down arrow", d -> find(By.cssSelector("#detail h2")).getText()
                .contains("WorkbookCreated"));
        driver.switchTo().activeElement().sendKeys(Keys.ARROW_UP);
        waitFor("back up with the up arrow", d -> find(By.cssSelector("#detail h2")).getText()
                .contains("DatasourceRefreshFailed"));
        screenshot("inbox-page-three-deliveries"); // docs/inbox-page.png is a copy of this one
        assertConsoleHasNoErrors();
    }

    @Test
    void markupInAPayloadShowsAsText() {
        openPage();
        String name = "<script>window.pwned=1</script><img src=x onerror=\"window.pwned=2\">";
        Sender.post(inbox.url(), "{\"resource\":\"WORKBOOK\",\"event_type\":\"<b>WorkbookCreated</b>\","
                + "\"resource_name\":\"" + name.replace("\"", "\\\"") + "\"}");
        Sender.post(inbox.url().resolve("/odd"), "<h1>not JSON</h1><script>window.pwned=3</script>");

        WebElement row = waitFor("the markup row", d -> rowNamed(name));
        assertEquals("<b>WorkbookCreated</b>", row.findElements(By.tagName("td")).get(1).getText());
        row.click();
        assertTrue(find(By.id("body-pretty")).getText().contains("window.pwned=2"));
        WebElement odd = waitFor("the body that is not JSON", d -> visibleRows().size() == 2 ? visibleRows().get(0) : null);
        odd.click();
        waitFor("its text", d -> find(By.id("body-pretty")).getText()
                .equals("<h1>not JSON</h1><script>window.pwned=3</script>"));
        assertTrue(driver.findElements(By.cssSelector("#detail h1, #detail b, #rows b, #rows img, #rows script")).isEmpty(),
                "no payload became markup");
        assertNull(((JavascriptExecutor) driver).executeScript("return window.pwned;"), "no payload ran");
        screenshot("inbox-page-markup");
        assertConsoleHasNoErrors();
    }

    @Test
    void replayFromThePageSendsTheDeliveryToTheUrlGiven() throws Exception {
        try (ForwardTarget target = new ForwardTarget()) {
            openPage();
            String body = Sender.fixture("workbook-created");
            Sender.post(inbox.url(), body);
            waitFor("the row", d -> rowNamed("Q3 Sales")).click();
            find(By.id("replay-to")).sendKeys(target.url().toString());
            driver.findElement(By.id("replay")).click();
            waitFor("the replay's result", d -> find(By.id("replay-result")).getText().startsWith("200 replayed to"));
            ForwardTarget.Seen seen = target.next();
            assertEquals(body, seen.body());
            assertEquals(List.of("1"), seen.headers().get("X-tabhook-delivery"));
            assertConsoleHasNoErrors();
        }
    }

    @Test
    void whatTheForwardTargetAnsweredShowsOnTheSelectedDelivery() throws Exception {
        try (ForwardTarget target = new ForwardTarget()) {
            target.answer = 503;
            inbox.forwardTo(target.url());
            openPage();
            Sender.post(inbox.url(), Sender.fixture("workbook-created"));
            waitFor("the row", d -> rowNamed("Q3 Sales")).click();
            waitFor("the forward's result", d -> find(By.id("forward")).getText()
                    .startsWith("failed to forward to " + target.url()));
            assertTrue(find(By.id("forward")).getText().contains("503"), find(By.id("forward")).getText());
            assertConsoleHasNoErrors();
        }
    }

    @Test
    void theCopyButtonsCopyTheInboxAndTheRelayAddress() {
        URI relay = URI.create("https://relay.example/channel-1");
        inbox.relayAddress(relay);
        openPage();
        List<WebElement> shown = driver.findElements(By.cssSelector("code.address"));
        assertEquals(List.of(inbox.url().toString(), relay.toString()), shown.stream().map(WebElement::getText).toList());
        ((ChromeDriver) driver).executeCdpCommand("Browser.grantPermissions", Map.of("origin",
                "http://127.0.0.1:" + inbox.url().getPort(), "permissions", List.of("clipboardReadWrite",
                        "clipboardSanitizedWrite")));
        List<WebElement> buttons = driver.findElements(By.cssSelector(".copy-address"));
        buttons.get(0).click();
        waitFor("the inbox's address on the clipboard", d -> inbox.url().toString().equals(clipboard()));
        buttons.get(1).click();
        waitFor("the relay's address on the clipboard", d -> relay.toString().equals(clipboard()));
        assertConsoleHasNoErrors();
    }

    @Test
    void inDarkModeThePageIsDark() {
        ChromeDriver chrome = (ChromeDriver) driver;
        chrome.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        try {
            openPage();
            Sender.post(inbox.url(), Sender.fixture("workbook-created"));
            waitFor("the row", d -> rowNamed("Q3 Sales")).click();
            find(By.id("body-pretty"));
            assertEquals("rgba(13, 17, 23, 1)", driver.findElement(By.tagName("body")).getCssValue("background-color"));
            assertEquals("rgba(230, 237, 243, 1)", driver.findElement(By.tagName("body")).getCssValue("color"));
            screenshot("inbox-page-dark");
        } finally {
            chrome.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
        }
    }

    private Object clipboard() {
        return ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[0]; navigator.clipboard.readText().then(done, e => done('error: ' + e));");
    }

    private void openPage() {
        driver.get(inbox.url().toString());
        waitFor("the page to go live", d -> d.findElement(By.id("status")).getText().contains("live"));
    }

    private WebElement rowNamed(String name) {
        for (WebElement r : visibleRows()) {
            if (r.findElements(By.tagName("td")).get(2).getText().equals(name)) return r;
        }
        return null;
    }

    private List<WebElement> visibleRows() {
        return driver.findElements(By.cssSelector("#rows tr")).stream().filter(WebElement::isDisplayed).toList();
    }

    private List<String> names() {
        return visibleRows().stream().map(r -> r.findElements(By.tagName("td")).get(2).getText()).toList();
    }
}
