package io.tabhook.cli;

import io.tabhook.sandbox.Sandbox;
import io.tabhook.sandbox.SandboxOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12's "done means" through the command line as users run it: a script against {@code run --faults} (the
 * embedded sandbox failing on purpose) completes with exactly what it asked for and its trace shows the retries and
 * the new sign-in without a secret; {@code tabhook sandbox --faults} and {@code --moved-to} say so and act so; a run
 * follows a moved sandbox to the other one.
 */
class FaultySandboxTest {
    private static final String SECRET = "workshop-secret";
    @TempDir
    Path dir;

    @Test
    void tenWebhooksCreatedListedTestedAndDeletedThroughFaultsAndTheTraceShowsTheRetriesAndTheNewSignIn()
            throws Exception {
        Path script = Files.writeString(dir.resolve("ten.groovy"), """
                signIn pat: 'workshop-pat', secret: env('PAT_SECRET')
                names = (1..10).collect { "faulty-$it".toString() }
                made = names.collect { createWebhook name: it, event: 'WorkbookCreated', url: inbox.url }
                listed = webhooks().findAll { it.name.startsWith('faulty-') }
                expect listed.size() == 10, "listed ${listed.size()} webhooks, not 10"
                expect listed*.name.toSet() == names.toSet(), "listed ${listed*.name}"
                made.each { expect testWebhook(it).status == 200, "the test of ${it.name} failed" }
                sleep 3500 // longer than a token lives: the next call signs in again
                made.each { deleteWebhook it }
                left = webhooks().findAll { it.name.startsWith('faulty-') }
                println "created ${made.size()}, listed ${listed.size()}, left ${left.size()}"
                """);
        Path trace = dir.resolve("faults.trace");
        CommandRun r = CommandRun.run(dir, Map.of("PAT_SECRET", SECRET), "run",
                "--faults", "error-rate=0.3,rate-limit=0.1,expire-tokens=3s,seed=12", "--trace=" + trace,
                script.toString());

        assertEquals(0, r.exit(), r.err());
        assertEquals("created 10, listed 10, left 0", r.out().strip());
        String text = Files.readString(trace);
        assertTrue(Pattern.compile("· try \\d+ of (GET|PUT|DELETE|POST), [^\\n]* after HTTP 50[03]\\n").matcher(text)
                .find(), "a retry after a 500 or 503:\n" + text);
        assertTrue(text.contains(" after HTTP 429 (Retry-After)"), "a retry after a 429:\n" + text);
        assertTrue(text.contains("· signing in again: the token had expired (401002)"), text);
        assertTrue(text.contains("· repeated after signing in again: the token had expired (401002)"), text);
        assertTrue(text.contains("<error code=\"401002\">"), "the expired token's answer");
        assertFalse(text.contains(SECRET), "the PAT secret in the trace");
        assertFalse(Pattern.compile("token=\"[^\"…]{20,}\"").matcher(text).find(), "a whole token in the trace");
        assertFalse(Pattern.compile("X-Tableau-Auth: [^\\s…]{20,}\\s").matcher(text).find(), "a whole token sent");
    }

    @Test
    void theSandboxCommandSaysWhichFaultsRunAndItsRestRoutesFailWhileItsControlRoutesDoNot() throws Exception {
        try (ServingSandbox faulty = ServingSandbox.start(dir, "--faults", "rate-limit=1,seed=5")) {
            assertTrue(faulty.out().contains("\n  faults: rate-limit=1,seed=5 (on Tableau's REST routes;"), faulty.out());
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> info = http.send(HttpRequest.newBuilder(faulty.url().resolve("/api/3.9/serverinfo"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(429, info.statusCode());
            assertEquals("1", info.headers().firstValue("Retry-After").orElse(null));
            assertEquals(200, http.send(HttpRequest.newBuilder(faulty.url().resolve("/sandbox")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
        }
    }

    @Test
    void aRunFollowsASandboxThatMovedToAnother() throws Exception {
        try (Sandbox there = Sandbox.start(SandboxOptions.defaults());
             ServingSandbox moved = ServingSandbox.start(dir, "--moved-to", there.baseUrl().toString())) {
            assertTrue(moved.out().contains("  moved:  every REST call is answered 301 to " + there.baseUrl()),
                    moved.out());
            Path script = Files.writeString(dir.resolve("moved.groovy"), """
                    signIn pat: 'workshop-pat', secret: env('PAT_SECRET')
                    hook = createWebhook name: 'followed', event: 'WorkbookCreated', url: 'https://hooks.example.com/x'
                    println webhooks().count { it.name == 'followed' }
                    deleteWebhook hook
                    println session.server
                    """);
            CommandRun r = CommandRun.run(dir, Map.of("PAT_SECRET", SECRET), "run", "--server", moved.url().toString(),
                    script.toString());
            assertEquals(0, r.exit(), r.err());
            assertEquals(List.of("1", there.baseUrl().toString()), r.out().strip().lines().toList(),
                    "the session followed the 301 and stayed there");
        }
    }

    @Test
    void faultsForAPostmanEnvironmentsServerAreRefusedInOneLine() throws Exception {
        Path env = Files.writeString(dir.resolve("Tableau Webhooks.postman_environment.json"), """
                {"name": "Tableau Webhooks", "values": [
                  {"key": "server", "value": "https://tableau.example.com", "enabled": true}]}""");
        CommandRun r = CommandRun.run(dir, Map.of(), "--postman-env", env.toString(), "--faults", "drop=0.1",
                "-e", "1");
        assertEquals(1, r.exit());
        assertEquals("tabhook: --faults makes the embedded sandbox misbehave, and " + env + " names a server, so there "
                + "is none; run `tabhook sandbox --faults …` and give its address instead", r.err().strip());
    }

    @Test
    void theShellsEmbeddedSandboxTakesFaultsToo() {
        CommandRun r = CommandRun.run(dir, Map.of(), "--faults", "html=1", "-e",
                "sandbox.faults");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().strip().matches("sandbox faults: html=1,seed=\\d+"), r.out());
    }
}
