package io.tabhook.cli;

import io.tabhook.sandbox.Sandbox;
import io.tabhook.sandbox.SandboxOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `tabhook run`, `-e` and scripts as CI uses them: exit codes and one-line errors with FILE:LINE. */
class RunCommandTest {
    @TempDir
    Path dir;

    @Test
    void failingCheckExitsOneWithFileAndLine() throws Exception {
        Path script = dir.resolve("check.groovy");
        Files.writeString(script, """
                signIn()
                hooks = webhooks()
                expect hooks.size() == 5, 'there should be five webhooks'
                """);
        CommandRun r = CommandRun.run(dir, Map.of(), "run", script.toString());
        assertEquals(1, r.exit(), r.err());
        assertEquals(script + ":3: expectation failed: there should be five webhooks", r.err().strip(),
                "the script as it was given, path and all");
    }

    @Test
    void tableauErrorExitsOneWithTheCodeAndLine() throws Exception {
        Path script = dir.resolve("tableau.groovy");
        Files.writeString(script, "signIn user: 'viewer', password: 'viewer'\n\nwebhooks()\n");
        CommandRun r = CommandRun.run(dir, Map.of(), "run", script.toString());
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().startsWith(script + ":3: Tableau 403"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void groovyErrorExitsOneWithoutAStackUnlessAsked() throws Exception {
        Path script = dir.resolve("typo.groovy");
        Files.writeString(script, "x = 1\ny = x.noSuchThing()\n");
        CommandRun r = CommandRun.run(dir, Map.of(), "run", script.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith(script + ":2: "), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        CommandRun withStack = CommandRun.run(dir, Map.of(), "run", "--stack", script.toString());
        assertTrue(withStack.err().contains("\tat "), withStack.err());
    }

    @Test
    void syntaxErrorNamesItsLine() throws Exception {
        Path script = dir.resolve("syntax.groovy");
        Files.writeString(script, "signIn()\n\nhook = createWebhook(name: 'x'\n");
        CommandRun r = CommandRun.run(dir, Map.of(), "run", script.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith(script + ":3: syntax error"), r.err());
    }

    @Test
    void aBracketNeverClosedIsNamedWhereItOpensNotWhereTheFileEnds() throws Exception {
        Path script = dir.resolve("unclosed.groovy");
        Files.writeString(script, "x = 1\n\nif (x {\n  println x\n}\n");
        CommandRun r = CommandRun.run(dir, Map.of(), "run", script.toString());
        assertEquals(1, r.exit());
        assertEquals(script + ":3: syntax error at column 4: '(' is never closed", r.err().strip());
        Files.writeString(script, "hooks = [1,\n  2\nprintln hooks\n");
        r = CommandRun.run(dir, Map.of(), "run", script.toString());
        assertEquals(script + ":1: syntax error at column 9: '[' is never closed", r.err().strip());
    }

    @Test
    void aMissingCommaBetweenNamedArgumentsIsSaid() throws Exception {
        Path script = dir.resolve("comma.groovy");
        Files.writeString(script, "signIn()\ncreateWebhook name: 'a' event: 'ViewDeleted'\n");
        CommandRun r = CommandRun.run(dir, Map.of(), "run", script.toString());
        assertEquals(1, r.exit());
        assertEquals(script + ":2: syntax error at column 25: a comma is missing before event:", r.err().strip());
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, CommandRun.run(dir, Map.of(), "run").exit());
        assertEquals(2, CommandRun.run(dir, Map.of(), "run", dir.resolve("missing.groovy").toString()).exit());
        assertEquals(2, CommandRun.run(dir, Map.of(), "--no-such-option").exit());
        CommandRun badVersion = CommandRun.run(dir, Map.of(), "run", "--api-version", "three", dir.resolve("x.groovy").toString());
        assertEquals(2, badVersion.exit());
        assertEquals("tabhook: --api-version: 'three' is not an API version; write it like 3.9 or 3.25"
                + " (tabhook run --help shows the options)", badVersion.err().strip());
    }

    @Test
    void argsReachTheScriptAndJsonPrintsTheResult() throws Exception {
        Path script = dir.resolve("echo-args.groovy");
        Files.writeString(script, "[count: args.size(), first: args[0]]\n");
        CommandRun r = CommandRun.run(dir, Map.of(), "run", "--json", script.toString(), "alpha", "beta");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().replaceAll("\\s", "").contains("{\"count\":2,\"first\":\"alpha\"}"), r.out());
    }

    @Test
    void evalPrintsTheResult() throws Exception {
        CommandRun r = CommandRun.run(dir, Map.of(), "-e", "signIn(); createWebhook(name: 'e-hook', event: 'view-deleted').event");
        assertEquals(0, r.exit(), r.err());
        assertEquals("ViewDeleted", r.out().strip());
    }

    @Test
    void evalTakesCodeThatIsAlsoTheNameOfACommand() {
        // webhooks, inbox and sandbox are DSL words as well as tabhook's commands; after -e they are code
        CommandRun listed = CommandRun.run(dir, Map.of(), "-e", "webhooks");
        assertEquals("-e: not signed in; run signIn first", listed.err().strip(), "the word ran");
        assertEquals(1, listed.exit());
        CommandRun inbox = CommandRun.run(dir, Map.of(), "--eval=inbox");
        assertEquals(0, inbox.exit(), inbox.err());
        assertTrue(inbox.out().contains("http://127.0.0.1:"), inbox.out());
    }

    @Test
    void aScriptFromAPipeRuns() throws Exception {
        // `tabhook run /dev/stdin < x.groovy` and `tabhook run <(generate)` hand over a pipe, not a regular file
        Path fifo = dir.resolve("from-pipe.groovy");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Thread writer = new Thread(() -> {
            try {
                Files.writeString(fifo, "println 'through the pipe'\n");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.start();
        CommandRun r = CommandRun.run(dir, Map.of(), "run", fifo.toString());
        writer.join();
        assertEquals(0, r.exit(), r.err());
        assertEquals("through the pipe", r.out().strip());
    }

    @Test
    void argsAfterTheScriptMayLookLikeOptions() throws Exception {
        // ./check.groovy --verbose (through #!/usr/bin/env tabhook) cannot put -- before its own options
        Path script = dir.resolve("flags.groovy");
        Files.writeString(script, "#!/usr/bin/env tabhook\nprintln args.join(' ')\n");
        CommandRun direct = CommandRun.run(dir, Map.of(), script.toString(), "--verbose", "-x", "plain");
        assertEquals(0, direct.exit(), direct.err());
        assertEquals("--verbose -x plain", direct.out().strip());
        CommandRun run = CommandRun.run(dir, Map.of(), "run", script.toString(), "--since=3d");
        assertEquals(0, run.exit(), run.err());
        assertEquals("--since=3d", run.out().strip());
    }

    @Test
    void aScriptSavedWithAByteOrderMarkRunsAndItsErrorsKeepTheirLines() throws Exception {
        // Windows editors (Notepad) start a UTF-8 file with U+FEFF, and with CRLF line ends
        Path script = dir.resolve("notepad.groovy");
        Files.writeString(script, "\uFEFFprintln 'from notepad'\r\nx = null\r\nx.foo()\r\n");
        CommandRun r = CommandRun.run(dir, Map.of(), "run", script.toString());
        assertEquals("from notepad", r.out().strip());
        assertTrue(r.err().startsWith(script + ":3: NullPointerException"), r.err());
        assertEquals(1, r.exit());
    }

    @Test
    void evalTakesAnExpressionThatIsAlsoASubcommandName() throws Exception {
        CommandRun r = CommandRun.run(dir, Map.of(), "-e", "sandbox");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("sandbox activity on site"), r.out());
    }

    @Test
    void shebangScriptRunsAsAFileArgument() throws Exception {
        Path script = dir.resolve("direct.groovy");
        Files.writeString(script, "#!/usr/bin/env tabhook\nsignIn()\nprintln session.user\n");
        CommandRun r = CommandRun.run(dir, Map.of(), script.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("admin", r.out().strip());
    }

    @Test
    void secretsComeFromTheEnvironmentAndNeverPrintInFull() throws Exception {
        Path script = dir.resolve("pat.groovy");
        Files.writeString(script, "signIn pat: 'workshop-pat', secret: env('MY_SECRET')\nprintln session\n");
        CommandRun r = CommandRun.run(dir, Map.of("MY_SECRET", "workshop-secret"), "run", script.toString());
        assertEquals(0, r.exit(), r.err());
        assertFalse(r.out().contains("workshop-secret"), r.out());
    }

    @Test
    void postmanEnvironmentFromTheCommandLineSignsInWithItsTokenAndSite() throws Exception {
        Path env = dir.resolve("Tableau Webhooks.postman_environment.json");
        Files.writeString(env, """
                {"name": "Tableau Webhooks", "values": [
                  {"key": "server", "value": "", "enabled": true},
                  {"key": "content-url", "value": "workshop", "enabled": true},
                  {"key": "pat-name", "value": "workshop-pat", "enabled": true},
                  {"key": "pat-secret", "value": "workshop-secret", "enabled": true}]}""");
        Path script = dir.resolve("whoami.groovy");
        Files.writeString(script, "signIn()\nprintln \"${session.user}@${session.site}\"\n");
        CommandRun r = CommandRun.run(dir, Map.of(), "run", "--postman-env", env.toString(), script.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("workshop-pat@workshop", r.out().strip());
        assertFalse((r.out() + r.err()).contains("workshop-secret"));
    }

    /** A script that has the embedded sandbox deliver one WorkbookCreated for a workbook of this name to the inbox. */
    private Path deliveryScript(String workbook) throws java.io.IOException {
        return Files.writeString(dir.resolve("deliver.groovy"), """
                signIn()
                createWebhook name: 'journalled', event: 'WorkbookCreated'
                sandbox.createWorkbook('%s')
                waitForPayload event: 'WorkbookCreated', name: '%s', timeout: 10
                """.formatted(workbook, workbook));
    }

    @Test
    void eachSessionJournalsWhatItsInboxAcknowledged() throws Exception {
        Path home = dir.resolve("home");
        Path script = deliveryScript("Kept");
        CommandRun r = CommandRun.run(dir, Map.of("TABHOOK_HOME", home.toString()), "run", script.toString());
        assertEquals(0, r.exit(), r.err());
        try (var journals = Files.list(home.resolve("deliveries"))) {
            List<Path> files = journals.toList();
            assertEquals(1, files.size(), files.toString());
            String journal = Files.readString(files.get(0));
            assertTrue(journal.contains("Kept") && journal.contains("WorkbookCreated"), journal);
        }
    }

    @Test
    void withoutTabhookHomeFilesGoUnderHomeAsTheShellSetsIt() throws Exception {
        Path home = dir.resolve("user");
        Files.createDirectories(home);
        Path script = deliveryScript("Mine");
        // $HOME, not the password database's home directory (which is what Java's user.home reads on Linux)
        CommandRun r = CommandRun.run(dir, Map.of("TABHOOK_HOME", "", "HOME", home.toString()),
                "run", script.toString());
        assertEquals(0, r.exit(), r.err());
        try (var journals = Files.list(home.resolve(".tabhook/deliveries"))) {
            assertEquals(1, journals.count());
        }
    }

    @Test
    void aStackTracePrintedOnRequestHasTheSecretsMasked() throws Exception {
        Path script = Files.writeString(dir.resolve("stack.groovy"), """
                pw = 'Hunter2-Tr0ub4dor'
                Integer.parseInt(pw)
                """);
        CommandRun r = CommandRun.run(dir, Map.of(), "run", "--stack", script.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("NumberFormatException") && r.err().contains("\tat "), r.err());
        assertTrue(r.err().contains("For input string: \"****\""), r.err());
        assertFalse(r.err().contains("Hunter2"), r.err());

        Path signIn = Files.writeString(dir.resolve("signin.groovy"), "signIn('admin', env('MY_PASSWORD'))\n"
                + "signOut('admin', env('MY_PASSWORD'))\n");
        CommandRun wrong = CommandRun.run(dir, Map.of("MY_PASSWORD", "Hunter2-Tr0ub4dor"), "run", "--stack",
                signIn.toString());
        assertEquals(1, wrong.exit());
        assertTrue(wrong.err().startsWith(signIn + ":1: Tableau 401001"), wrong.err());
        assertFalse((wrong.out() + wrong.err()).contains("Hunter2"), wrong.err());
    }

    @Test
    void anUnknownWordNamesNoInternalScript() {
        CommandRun r = CommandRun.run(dir, Map.of(), "-e", "lsit webhooks");
        assertEquals(1, r.exit());
        assertEquals("-e: unknown word 'lsit'; did you mean webhooks on its own?", r.err().strip());
        CommandRun later = CommandRun.run(dir, Map.of(), "-e", "signIn(); webhoks()");
        assertEquals(1, later.exit());
        assertEquals("-e:1: unknown word 'webhoks'; did you mean webhooks?", later.err().strip());
    }

    @Test
    void aServerGivenWithoutSchemeIsHttpOnThisMachine() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults())) {
            CommandRun r = CommandRun.run(dir, Map.of(), "-e", "serverInfo().restApiVersion", "--server",
                    "127.0.0.1:" + sandbox.baseUrl().getPort());
            assertEquals(0, r.exit(), r.err());
            assertEquals("3.27", r.out().strip());
        }
    }
}
