package io.tabhook.browser;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What every browser test shares (issue 14): one headless Chromium per test class, driven through Debian's
 * chromedriver (no Selenium Manager download), screenshots under {@code target/screenshots/} (and one per failed
 * test), and the browser console read to assert a page logged no error.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BrowserTest {
    protected static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** How long a page may take to show what a test waits for; a busy two-core machine is slow, never asserted. */
    protected static final Duration PATIENCE = Duration.ofSeconds(10);

    protected WebDriver driver;
    private Path profile;

    @RegisterExtension
    final TestWatcher screenshotOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (driver != null) {
                try {
                    screenshot(BrowserTest.this.getClass().getSimpleName() + "-" + context.getDisplayName() + "-failed");
                } catch (RuntimeException ignored) {
                    // the failure itself is what the report shows
                }
            }
        }
    };

    @BeforeAll
    protected void startBrowser() throws IOException {
        String missing = Chromium.missing();
        if (missing != null) fail(missing);
        profile = Files.createTempDirectory("tabhook-chromium-");
        driver = Chromium.start(profile);
    }

    @AfterAll
    protected void stopBrowser() {
        if (driver != null) driver.quit();
        if (profile != null) deleteQuietly(profile);
    }

    @BeforeEach
    protected void forgetEarlierConsole() {
        consoleEntries(); // reading the log empties it: each test sees its own
    }

    /** Leaves the test's page, so it stops asking a server the test has stopped (and logging that it cannot). */
    @AfterEach
    protected void leavePage() {
        if (driver != null) driver.get("about:blank");
    }

    /** Waits (a few seconds at most) until the condition holds; fails with what was awaited. */
    protected <T> T waitFor(String what, ExpectedCondition<T> condition) {
        // a page that redraws (the sandbox's, every 2 s when something changed) can replace an element just found
        return new WebDriverWait(driver, PATIENCE).withMessage(what)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
    }

    /** The element, once it is there. */
    protected WebElement find(By by) {
        return waitFor("an element " + by, d -> d.findElements(by).stream().findFirst().orElse(null));
    }

    /** Saves what the browser shows as {@code target/screenshots/NAME.png} and returns the file. */
    protected Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            java.io.File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Path to = SCREENSHOTS.resolve(name.replaceAll("[^A-Za-z0-9._-]+", "_") + ".png");
            Files.copy(shot.toPath(), to, StandardCopyOption.REPLACE_EXISTING);
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The console lines logged since the last call. */
    protected List<LogEntry> consoleEntries() {
        return driver.manage().logs().get(LogType.BROWSER).getAll();
    }

    /** Fails when the page logged an error (a script error, a refused resource, a failed request) since the last read. */
    protected void assertConsoleHasNoErrors() {
        List<String> errors = consoleEntries().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
        assertEquals(List.of(), errors, "the browser console shows errors");
    }

    /** The console's error lines since the last read, for a test that expects one. */
    protected Optional<String> firstConsoleError() {
        return consoleEntries().stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).findFirst();
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temporary profile; the OS cleans /tmp
        }
    }
}
