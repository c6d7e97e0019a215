package io.tabhook.cli;

import com.sun.net.httpserver.HttpServer;
import io.tabhook.sandbox.Sandbox;
import io.tabhook.sandbox.SandboxOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --trace[=FILE]}, {@code --retry-for} and a server that moved, through the command line as users run it:
 * the real sandbox, and in front of it an old address that answers every request with a 301 to the sandbox (as a
 * site moved to another pod), or one that only ever answers 503.
 */
class TraceAndMovedServerTest {
    private static final String SECRET = "workshop-secret";
    @TempDir
    Path dir;
    private Sandbox sandbox;
    private HttpServer old;
    private final AtomicInteger oldSaw = new AtomicInteger();
    private volatile int oldStatus = 301;

    @BeforeEach
    void start() throws Exception {
        sandbox = Sandbox.start(SandboxOptions.defaults());
        old = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        old.createContext("/", ex -> {
            oldSaw.incrementAndGet();
            ex.getRequestBody().readAllBytes();
            if (oldStatus == 301) ex.getResponseHeaders().set("Location", sandbox.baseUrl() + ex.getRequestURI().toString());
            ex.sendResponseHeaders(oldStatus, -1);
            ex.close();
        });
        old.start();
    }

    @AfterEach
    void stop() {
        old.stop(0);
        sandbox.close();
    }

    private URI oldAddress() {
        return URI.create("http://127.0.0.1:" + old.getAddress().getPort());
    }

    @Test
    void aRunFollowsTheMovedServerAndTracesEveryExchangeToAnOwnerOnlyFileWithoutSecrets() throws Exception {
        Path script = Files.writeString(dir.resolve("moved.groovy"), """
                signIn pat: 'workshop-pat', secret: env('MY_SECRET')
                hook = createWebhook name: 'moved', event: 'WorkbookCreated', url: 'https://hooks.example.com/moved'
                println webhooks().size()
                deleteWebhook hook
                println session.server
                """);
        Path trace = dir.resolve("traces/run.trace");
        CommandRun r = CommandRun.run(dir, Map.of("MY_SECRET", SECRET), "run", "--trace=" + trace,
                "--server", oldAddress().toString(), script.toString());

        assertEquals(0, r.exit(), r.err());
        assertEquals(java.util.List.of("1", sandbox.baseUrl().toString()), r.out().strip().lines().toList(),
                "the session moved to where the 301 sent it");
        assertEquals(1, oldSaw.get(), "after the permanent redirect, nothing more went to the old address");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(trace)));
        String text = Files.readString(trace);
        assertTrue(text.contains("← 301 in "), text);
        assertTrue(text.contains("· redirected (301) from " + oldAddress() + "/api/3.4/serverinfo"), text);
        assertTrue(text.contains("→ POST " + sandbox.baseUrl() + "/api/3.27/auth/signin"), text);
        assertTrue(text.contains("→ DELETE "), text);
        assertTrue(text.contains("X-Tableau-Auth: "), text);
        assertFalse(text.contains(SECRET), "the PAT secret in the trace");
        assertFalse(text.matches("(?s).*token=\"[^\"…]{20,}\".*"), "a whole token in the trace");
        assertFalse(r.err().contains("→ "), "--trace=FILE keeps stderr clear: " + r.err());
    }

    @Test
    void traceAloneWritesToStderrAndLeavesTheScriptAFile() throws Exception {
        Path script = Files.writeString(dir.resolve("info.groovy"), "println serverInfo().restApiVersion\n");
        CommandRun r = CommandRun.run(dir, Map.of(), "run", "--trace", script.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("3.27", r.out().strip());
        assertTrue(r.err().contains("→ GET http://127.0.0.1:"), r.err());
        assertTrue(r.err().contains("/serverinfo"), r.err());
    }

    /** {@code -e serverInfo()} against an old address that only ever answers 503, trying for {@code seconds}. */
    private CommandRun serverInfoFromAServerThatKeepsFailing(String seconds) {
        oldStatus = 503;
        CommandRun r = CommandRun.run(dir, Map.of(), "--server", oldAddress().toString(), "--retry-for", seconds,
                "-e", "serverInfo()");
        assertEquals(1, r.exit());
        return r;
    }

    @Test
    void aServerThatKeepsFailingEndsInOneLineSayingHowManyTriesOverHowLong() {
        String line = serverInfoFromAServerThatKeepsFailing("2").err().strip();
        assertFalse(line.contains("\n"), line);
        assertTrue(line.matches("-e:1: gave up after \\d+ tries over [0-9.]+ m?s: GET " + oldAddress()
                + "/api/3.4/serverinfo got an answer that does not look like Tableau's REST API: HTTP 503 Service "
                + "Unavailable, no content type, empty body"), line);
        assertTrue(oldSaw.get() > 1);
    }

    @Test
    void retryForZeroSaysTheFirstFailureAsItCame() {
        CommandRun r = serverInfoFromAServerThatKeepsFailing("0");
        assertTrue(r.err().contains("HTTP 503 Service Unavailable"), r.err());
        assertFalse(r.err().contains("gave up"), r.err());
        assertEquals(1, oldSaw.get());
    }

    @Test
    void aTraceFileThatCannotBeWrittenIsOneLine() throws Exception {
        Path blocker = Files.writeString(dir.resolve("a-file"), "");
        CommandRun r = CommandRun.run(dir, Map.of(), "--trace=" + blocker.resolve("trace"), "-e", "1 + 1");
        assertEquals(1, r.exit());
        assertTrue(r.err().strip().startsWith("tabhook: --trace: cannot write " + blocker.resolve("trace")), r.err());
    }

    @Test
    void aTraceFileThatIsAFolderSaysSoNotTheExceptionsName() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("traces"));
        CommandRun r = CommandRun.run(dir, Map.of(), "--trace=" + folder, "-e", "1 + 1");
        assertEquals(1, r.exit());
        assertEquals("tabhook: --trace: cannot write " + folder + " (Is a directory)", r.err().strip());
    }
}
