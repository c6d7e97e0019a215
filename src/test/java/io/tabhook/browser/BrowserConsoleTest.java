package io.tabhook.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The browser tests' own check: a page's console error is seen, so "no errors" in the page tests can fail. */
class BrowserConsoleTest extends BrowserTest {
    @Test
    void aScriptErrorOnAPageIsSeenInTheConsole() {
        driver.get(page("<p id=x>hello</p><script>console.error('boom from the page')</script>"));
        assertEquals("hello", find(By.id("x")).getText());
        AssertionError e = assertThrows(AssertionError.class, this::assertConsoleHasNoErrors);
        assertTrue(e.getMessage().contains("boom from the page"), e.getMessage());
    }

    @Test
    void aQuietPageHasNoErrorsAndItsScreenshotIsSaved() throws Exception {
        driver.get(page("<p id=x>quiet</p><script>console.log('fine')</script>"));
        assertEquals("quiet", find(By.id("x")).getText());
        assertConsoleHasNoErrors();
        var shot = screenshot("browser-console-quiet");
        assertTrue(Files.size(shot) > 0, shot.toString());
    }

    private static String page(String html) {
        return "data:text/html;charset=utf-8," + URLEncoder.encode(html, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
