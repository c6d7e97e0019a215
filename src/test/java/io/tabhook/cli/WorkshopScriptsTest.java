package io.tabhook.cli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every workshop module runs green against the embedded sandbox, out of the box. */
class WorkshopScriptsTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"01-sign-in.groovy", "02-create-webhook.groovy", "03-fire-webhook.groovy",
            "04-every-event.groovy", "05-forward.groovy"})
    void moduleRunsGreenAgainstTheSandbox(String module) throws Exception {
        CommandRun r = CommandRun.run(dir, Map.of(), "run", "docs/workshop/" + module);
        assertEquals(0, r.exit(), module + " failed:\n" + r.err() + "\n" + r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"04-every-event.groovy"})
    void everyEventModulePrintsTwentyTwoDeliveredRows(String module) throws Exception {
        CommandRun r = CommandRun.run(dir, Map.of(), "run", "docs/workshop/" + module);
        assertEquals(0, r.exit(), r.err());
        long delivered = r.out().lines().filter(l -> l.contains("delivered")).count();
        assertEquals(22, delivered, r.out());
        assertTrue(r.out().contains("AdminPromoted") && r.out().contains("EXTRACTS"), r.out());
        // every event Tableau's REST API can make happen is made by that call; only a refresh that fails is not
        List<String> fired = r.out().lines().filter(l -> l.endsWith("← sandbox.fire"))
                .map(l -> l.split("\\s+")[0]).toList();
        assertEquals(List.of("DatasourceRefreshFailed", "WorkbookRefreshFailed"), fired, r.out());
    }

    /** Issue 9: module 05 no longer exits 0 when the automation fails; it says so, with the line of the check. */
    @Test
    void forwardModuleFailsWithOneClearLineWhenTheAutomationAnswers500() throws Exception {
        HttpServer automation = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger calls = new AtomicInteger();
        automation.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            calls.incrementAndGet();
            ex.sendResponseHeaders(500, -1);
            ex.close();
        });
        automation.start();
        try {
            String url = "http://127.0.0.1:" + automation.getAddress().getPort() + "/automation";
            CommandRun r = CommandRun.run(dir, Map.of("AUTOMATION_URL", url), "run", "docs/workshop/05-forward.groovy");
            assertEquals(1, r.exit(), r.err() + "\n" + r.out());
            assertTrue(r.err().contains("05-forward.groovy:"), "names the script and line: " + r.err());
            assertTrue(r.err().contains("the automation at " + url + " should answer 2xx, but it answered HTTP 500 "
                    + "(4 attempts); fix it, then inbox.replay("), r.err());
            assertEquals(4, calls.get(), "tried four times before giving up");
        } finally {
            automation.stop(0);
        }
    }
}
