package io.tabhook.browser;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;

/**
 * Debian's headless Chromium through its chromedriver, as the browser tests and {@code scripts/bench page} start it:
 * no Selenium Manager download, a fresh profile, and the flags that keep Chromium from trying the internet.
 */
public final class Chromium {
    public static final Path BINARY = Path.of("/usr/bin/chromium");
    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private Chromium() {}

    /** Null when both are installed; else the one line that says how to install them. */
    public static String missing() {
        if (Files.isExecutable(BINARY) && Files.isExecutable(DRIVER)) return null;
        return "the browser tests need Debian's chromium and chromium-driver: run .ci/run's install step "
                + "(apt-get update && apt-get install -y chromium chromium-driver)";
    }

    /** A headless Chromium with its own profile in {@code profile}, its console log kept for reading. */
    public static ChromeDriver start(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        // Without the background-networking flags, Chromium's own connections (updates, sync) are refused many times
        // on a machine without the internet, and slow every page down.
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,800", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }
}
