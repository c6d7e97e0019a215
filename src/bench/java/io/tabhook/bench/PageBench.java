package io.tabhook.bench;

import io.tabhook.browser.Chromium;
import io.tabhook.inbox.Inbox;
import io.tabhook.inbox.InboxOptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The inbox's page (issue 14): how long from a delivery's POST until its row is on the page, in headless Chromium,
 * against the POST's own round trip (the acknowledgement) in the same run. The page records when each row enters the
 * list and the frame after it (a MutationObserver and requestAnimationFrame, on the same clock as this JVM's
 * {@code currentTimeMillis}); deliveries go one at a time, each after the last one's row showed.
 */
final class PageBench {
    static final int DELIVERIES = Integer.getInteger("bench.page.deliveries", 200);
    static final int WARM_UP = Integer.getInteger("bench.page.warmup", 50);

    /** Records, per resource name, when its row was added and the frame after. */
    private static final String WATCH = """
            window.rowAt = {}; window.frameAt = {};
            new MutationObserver(ms => { for (const m of ms) for (const n of m.addedNodes) {
              if (!n.cells) continue;
              const name = n.cells[2].textContent, at = Date.now();
              window.rowAt[name] = at;
              requestAnimationFrame(() => { window.frameAt[name] = Date.now(); });
            } }).observe(document.getElementById('rows'), {childList: true});
            """;
    private static final String AWAIT = """
            const name = arguments[0], done = arguments[arguments.length - 1];
            const look = () => window.frameAt[name] ? done([window.rowAt[name], window.frameAt[name]]) : setTimeout(look, 1);
            look();
            """;

    private PageBench() {}

    static boolean run() throws Exception {
        String missing = Chromium.missing();
        if (missing != null) {
            System.out.println("inbox page: not measured; " + missing);
            return true;
        }
        Path profile = Files.createTempDirectory("tabhook-bench-chromium");
        try (Inbox inbox = Inbox.start(InboxOptions.defaults().withPort(0).withJournal(profile.resolve("inbox.jsonl")))) {
            ChromeDriver driver = Chromium.start(profile.resolve("profile"));
            try {
                driver.manage().timeouts().scriptTimeout(java.time.Duration.ofSeconds(10));
                driver.get(inbox.url().toString());
                JavascriptExecutor js = driver;
                js.executeAsyncScript("const done = arguments[0]; const look = () => "
                        + "document.getElementById('status').textContent.includes('live') ? done() : setTimeout(look, 10); look();");
                js.executeScript(WATCH);
                measure(inbox.url(), js, WARM_UP, "warm");
                long[][] m = measure(inbox.url(), js, DELIVERIES, "row");
                System.out.printf("inbox page: %d deliveries one at a time, POST → row on the page of headless Chromium%n",
                        DELIVERIES);
                print("baseline, the POST's own round trip (acknowledged)", m[0]);
                print("POST → row added to the list", m[1]);
                print("POST → the frame after the row", m[2]);
                System.out.printf("  ratio p50: row %.1f x, frame %.1f x the POST round trip (not a target: measured, "
                        + "not asserted)%n", p(m[1], 50) / Math.max(1, p(m[0], 50)), p(m[2], 50) / Math.max(1, p(m[0], 50)));
                return true;
            } finally {
                driver.quit();
            }
        }
    }

    /** Per delivery: the POST's round trip, POST → row added, POST → the frame after; all in ms. */
    private static long[][] measure(URI url, JavascriptExecutor js, int count, String tag) throws IOException {
        long[][] out = new long[3][count];
        for (int i = 0; i < count; i++) {
            String name = tag + "-" + i;
            long sent = System.currentTimeMillis();
            post(url, "{\"resource\":\"WORKBOOK\",\"event_type\":\"WorkbookCreated\",\"resource_name\":\"" + name + "\"}");
            long acked = System.currentTimeMillis();
            Object seen = js.executeAsyncScript(AWAIT, name);
            java.util.List<?> at = (java.util.List<?>) seen;
            out[0][i] = acked - sent;
            out[1][i] = ((Number) at.get(0)).longValue() - sent;
            out[2][i] = ((Number) at.get(1)).longValue() - sent;
        }
        return out;
    }

    private static void post(URI url, String body) throws IOException {
        HttpURLConnection c = (HttpURLConnection) url.toURL().openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setRequestProperty("Content-Type", "application/json");
        try (OutputStream o = c.getOutputStream()) {
            o.write(body.getBytes(StandardCharsets.UTF_8));
        }
        try (InputStream in = c.getInputStream()) {
            in.readAllBytes();
        }
        if (c.getResponseCode() != 200) throw new IOException("the inbox answered " + c.getResponseCode());
    }

    private static void print(String what, long[] ms) {
        System.out.printf("  %-52s p50 %4.0f ms   p99 %4.0f ms   max %4d ms%n", what, p(ms, 50), p(ms, 99),
                Arrays.stream(ms).max().orElse(0));
    }

    private static double p(long[] ms, int percentile) {
        long[] sorted = ms.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)];
    }
}
