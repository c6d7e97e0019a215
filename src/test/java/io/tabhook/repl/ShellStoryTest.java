package io.tabhook.repl;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shell as a user meets it: keys typed into a terminal, the screen read back. */
class ShellStoryTest extends ShellOnLoopback {
    @Test
    void signsInCreatesByCompletingAnEventFiresActivityWaitsAndDeletes() throws Exception {
        shell.mark();
        shell.type("signIn\r");
        shell.waitFor("admin@Default");

        shell.mark();
        shell.type("hook = createWebhook name: 'wb-hook', event: 'WorkbookCrea\t");
        shell.waitFor("WorkbookCreated'");
        shell.type("\r");
        String created = shell.waitFor("wb-hook");
        shell.waitFor("admin@Default");
        assertTrue(shell.plainSinceMark().contains("WorkbookCreated"), created);

        shell.mark();
        shell.type("sandbox.createWorkbook('Quarterly Sales')\r");
        shell.waitFor("admin@Default");

        shell.mark();
        shell.type("p = waitForPayload event: 'WorkbookCreated', timeout: 15\r");
        // the delivery's notice may print "Quarterly Sales" above the prompt first: wait for the payload itself
        // (and the prompt it redraws is no sign the payload has printed: wait for the payload's own lines)
        String payload = shell.waitFor("\"resource_name\" : \"Quarterly Sales\"");
        assertTrue(payload.contains("\"event_type\" : \"WorkbookCreated\""), payload);
        shell.waitFor("admin@Default");

        shell.mark();
        shell.type("p.resource_name\r");
        shell.waitFor("Quarterly Sales");

        shell.mark();
        shell.type("deleteWebhook 'wb-h\t\r");
        shell.waitFor("deleted");
        shell.mark();
        shell.type("webhooks\r");
        shell.waitFor("(none)");
    }

    @Test
    void badLinesUnknownEventsAndTableauErrorsPrintOneLineAndTheShellGoesOn() throws Exception {
        shell.type("signIn\r");
        shell.waitFor("admin@Default");

        shell.mark();
        shell.type("1 +* )\r");
        String syntax = shell.waitFor("✗");
        shell.waitFor("admin@Default");
        assertTrue(syntax.contains("syntax error"), syntax);

        shell.mark();
        shell.type("createWebhook name: 'x', event: 'WorkbookCreatd'\r");
        String unknown = shell.waitFor("did you mean");
        assertTrue(unknown.contains("WorkbookCreated"), unknown);

        shell.mark();
        shell.type("webhook('00000000-0000-0000-0000-000000000000')\r");
        String tableau = shell.waitFor("Tableau 404");
        shell.waitFor("admin@Default");
        long errorLines = tableau.lines().filter(l -> l.contains("✗")).count();
        assertTrue(errorLines == 1, tableau);
        assertFalse(tableau.contains("at io.tabhook"), "no stack trace on screen: " + tableau);
        assertTrue(shell.running());
    }

    @Test
    void ctrlCEndsAWaitAndReturnsToThePrompt() throws Exception {
        shell.type("signIn\r");
        shell.waitFor("admin@Default");
        shell.mark();
        shell.type("waitForPayload event: 'SiteDeleted', timeout: 120\r");
        shell.waitFor("waiting for event: SiteDeleted");
        shell.ctrlC();
        String after = shell.waitFor("interrupted");
        shell.mark();
        shell.type("1 + 1\r");
        shell.waitFor("2");
        assertTrue(shell.running(), after);
    }

    @Test
    void noSecretReachesTheHistoryFileOrTheTrace() throws Exception {
        shell.mark();
        shell.type(":trace on\r");
        shell.waitFor("trace on");
        shell.mark();
        shell.type("signIn user: 'admin', password: 'admin'\r");
        shell.waitFor("admin@Default");
        shell.mark();
        shell.type("signIn pat: 'workshop-pat', secret: 'workshop-secret'\r");
        shell.waitFor("workshop-pat@Default");
        shell.mark();
        shell.type("webhooks\r");
        shell.waitFor("(none)");
        shell.type(":quit\r");
        shell.join();

        String screen = shell.everything();
        assertFalse(screen.contains("workshop-secret\""), "PAT secret in the trace");
        assertFalse(screen.contains("password=\"admin\""), "password in the trace");
        String token = shell.session.credentials().map(c -> c.token()).orElse("");
        assertFalse(!token.isEmpty() && screen.contains(token), "token in the trace");

        String history = Files.readString(home.resolve("history"));
        assertTrue(history.contains(":trace on"), history);
        assertFalse(history.contains("workshop-secret"), history);
        assertFalse(history.contains("password"), history);
    }

    @Test
    void completionKnowsWordsArgumentKeysMetaCommandsAndPaths() throws Exception {
        shell.mark();
        shell.type("createWeb\t");
        shell.waitFor("createWebhook");
        shell.type(" na\t");
        shell.waitFor("name:");
        shell.type("'k', event: WorkbookDel\t");
        shell.waitFor("WorkbookDeleted");
        shell.type("\u0015"); // Ctrl-U: clear the line
        shell.mark();
        shell.type(":fo\t");
        shell.waitFor(":format");
        shell.type("js\t");
        shell.waitFor("json");
        shell.type("\r");
        shell.waitFor("results print as json");
        shell.mark();
        shell.type(":load docs/works\t");
        shell.waitFor("docs/workshop/");
        shell.type("01\t");
        shell.waitFor("01-sign-in.groovy");
        shell.type("\r");
        shell.waitFor("token");
        shell.waitFor("admin@Default");
        shell.mark();
        shell.type("session.siteId\r");
        shell.waitFor("-");
        assertTrue(shell.running());
    }

    @Test
    void aWebhookNameWithAnApostropheCompletesToAClosedStringThatRuns() throws Exception {
        shell.type("signIn\r");
        shell.waitFor("admin@Default");
        shell.mark();
        shell.type("createWebhook name: \"Bob's hook\", event: 'ViewDeleted'\r");
        shell.waitFor("Bob's hook");
        shell.waitFor("admin@Default");

        shell.mark();
        shell.type("webhook(\"Bob\t");
        shell.waitFor("webhook(\"Bob's hook\"");
        shell.type(").event\r");
        shell.waitFor("ViewDeleted");
        shell.waitFor("admin@Default");

        shell.mark();
        shell.type("deleteWebhook Bob\t");
        shell.waitFor("'Bob\\'s hook' "); // JLine redraws the word: Bob, backspaces, the closed string
        shell.type("\r");
        String deleted = shell.waitFor("deleted");
        assertFalse(deleted.contains("✗"), deleted);
    }

    @Test
    void anUnclosedQuoteIsReportedAtOnceAndAGStringContinuesUntilItsBraceCloses() throws Exception {
        shell.mark();
        shell.type("x = 'no closing quote\r");
        String error = shell.waitFor("✗");
        assertFalse(error.contains("…"), "no continuation prompt for a quote Groovy cannot continue: " + error);
        shell.mark();
        shell.type("s = \"sum ${1 +\r");
        shell.waitFor("…");
        shell.type("2} done\"\r");
        shell.waitFor("sum 3 done");
        assertTrue(shell.running());
    }

    @Test
    void openGivesTheInboxPagesAddress() throws Exception {
        shell.mark();
        shell.type(":open\r");
        // "(open it in a browser)" here; "(opening it in your browser)" on a desktop
        String line = shell.waitFor(" it in ");
        assertTrue(line.matches("(?s).*inbox page: http://127\\.0\\.0\\.1:\\d+/ \\(open.*"), line);
    }

    @Test
    void formatJsonShowsTheWireBodyAndMultiLineInputContinues() throws Exception {
        shell.type("signIn\r");
        shell.waitFor("admin@Default");
        shell.mark();
        shell.type(":format json\r");
        shell.waitFor("results print as json");
        shell.mark();
        shell.type("createWebhook(name: 'wire',\r");
        shell.waitFor("…");
        shell.type("  event: 'ViewDeleted')\r");
        String body = shell.waitFor("webhook-destination-http").replace("\r", "");
        assertTrue(body.contains("\n  \"webhook\" : {\n") && body.contains("\"event\" : \"ViewDeleted\""),
                "the wire body, indented: " + body);
        shell.mark();
        shell.type(":format xml\r");
        shell.waitFor("results print as xml");
        shell.mark();
        shell.type("webhooks\r");
        String xml = shell.waitFor("</tsResponse>").replace("\r", "");
        assertTrue(xml.contains("<webhook ") && xml.contains("xmlns=\"http://tableau.com/api\""), xml);
        assertTrue(xml.contains("\n  <webhooks>") && xml.contains("\n    <webhook "), "indented: " + xml);
    }
}
