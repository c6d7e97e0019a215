package io.tabhook.repl;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Messages that point the right way: each names what happened and what to type, nothing made up or internal. */
class ShellMessagesTest extends ShellOnLoopback {
    /** Types each line and waits for the answer after it: line, answer, line, answer, … */
    private void answers(String... linesAndAnswers) throws Exception {
        for (int i = 0; i < linesAndAnswers.length; i += 2) shell.run(linesAndAnswers[i], linesAndAnswers[i + 1]);
    }

    @Test
    void aServerThatIsNotTableauIsSaidToBeSoWithStatusTypeAndFirstWords() throws Exception {
        HttpServer plain = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        plain.createContext("/", ex -> {
            byte[] page = "<!DOCTYPE HTML>\n<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1>"
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            ex.sendResponseHeaders(404, page.length);
            ex.getResponseBody().write(page);
            ex.close();
        });
        plain.start();
        try {
            String line = shell.run("signIn server: 'http://127.0.0.1:" + plain.getAddress().getPort()
                    + "', user: 'a', password: 'b'", "does not look like Tableau's REST API: HTTP 404 Not Found, "
                    + "text/html; charset=utf-8, \"404 Not Found Not Found\"");
            assertFalse(line.contains("404000") || line.contains("site name"), "no made-up code, no wrong advice: "
                    + line);
        } finally {
            plain.stop(0);
        }
    }

    @Test
    void aServerWithoutSchemeIsTakenAsHttpOnThisMachine() throws Exception {
        // the sandbox, over http: the prompt names it
        shell.run("signIn server: '127.0.0.1:" + shell.sandbox.baseUrl().getPort() + "'",
                "admin@Default · sandbox:" + shell.sandbox.baseUrl().getPort());
        shell.run("signIn server: 'htps//127.0.0.1'", "✗ 'htps//127.0.0.1' is not a server address; write it like "
                + "https://tableau.example.com, or host:port (http on this machine, https elsewhere)");
    }

    @Test
    void aMisspelledWordIsMetWithTheClosestOneAndNoInternalName() throws Exception {
        answers("webhoks", "✗ unknown word 'webhoks'; did you mean webhooks?",
                // not signed in: the unknown word is said before webhooks would fail
                "lsit webhooks", "✗ unknown word 'lsit'; did you mean webhooks on its own?",
                "signIn", "admin@Default",
                "sigIn()", "✗ unknown word 'sigIn'; did you mean signIn?");
        assertFalse(shell.everything().matches("(?s).*line\\d+.*"), "no internal script name: " + shell.everything());
    }

    @Test
    void aShellCommandWithoutItsColonOrAWordWithOneIsPointedTheRightWay() throws Exception {
        answers("quit", "✗ unknown word 'quit'; the shell command is :quit (Ctrl-D also leaves)",
                "exit", "✗ unknown word 'exit'; the shell command is :quit (Ctrl-D also leaves)",
                "trace on", "✗ unknown word 'trace'; the shell command is :trace",
                ":hepl", "✗ unknown command :hepl; did you mean :help?",
                ":signIn", "✗ signIn is a DSL word, not a shell command: type it without the colon",
                ":his", "   1  quit", // a command's unique beginning is the command
                "history = 3", "3", // a variable of that name is still a variable
                "history + 1", "4");
    }

    @Test
    void historyIndentsTheLaterLinesOfAnEntryUnderItsFirst() throws Exception {
        shell.run("hooks = [1,\r2]", "[1, 2]");
        String shown = shell.run(":history", "   2  :history").replace("\r", "");
        assertTrue(shown.contains("   1  hooks = [1,\n      2]"), shown);
    }

    @Test
    void aWebhooksReasonIsFoundUnderItsRealName() throws Exception {
        answers("signIn", "admin@Default",
                "createWebhook name: 'dead', event: 'ViewDeleted'", "dead",
                "dead = updateWebhook('dead', enabled: false, reason: 'maintenance')", "maintenance",
                "dead.reason", "✗ Webhook has no property 'reason'; did you mean statusChangeReason?",
                "dead.statusChangeReason.toUpperCase()", "MAINTENANCE");
    }

    @Test
    void loadingTheFireModulePrintsItsPayloadOnce() throws Exception {
        shell.mark();
        shell.type(":load docs/workshop/03-fire-webhook.groovy\r");
        shell.waitFor("\"resource_name\" : \"Workshop Sales\"");
        shell.waitFor("admin@Default");
        String screen = shell.plainSinceMark();
        assertEquals(1, screen.split("\"resource_name\" : \"Workshop Sales\"", -1).length - 1, screen);
        assertFalse(screen.contains("✗"), screen);
    }

    @Test
    void aScriptErrorNamesTheFileAsGivenWithItsPath() throws Exception {
        Path script = Files.writeString(Files.createDirectories(home.resolve("checks")).resolve("bad.groovy"),
                "x = 1\nx.noSuchThing()\n");
        shell.run(":load " + script, "✗ " + script + ":2: no method noSuchThing on Integer");
    }
}
