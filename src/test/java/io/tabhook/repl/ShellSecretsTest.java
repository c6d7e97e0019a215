package io.tabhook.repl;

import io.tabhook.api.WebhookSpec;
import io.tabhook.events.EventType;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Secrets typed into the shell reach neither its history file nor its screen, whatever shows them. */
class ShellSecretsTest extends ShellOnLoopback {
    /** Not the sandbox's password: sign-in fails, and the value must show nowhere. */
    private static final String SECRET = "Hunter2-Tr0ub4dor";

    @Test
    void theLinesThatGiveASecretStayOutOfTheHistoryFileButUpArrowBringsThemBack() throws Exception {
        String[] lines = {
                "signIn user: 'admin', 'password': '" + SECRET + "'",
                "signIn pat: 'workshop-pat', \"secret\": '" + SECRET + "'",
                "signIn('admin', '" + SECRET + "')",
                "pw = '" + SECRET + "'"};
        for (String line : lines) shell.run(line, "> ");
        shell.run("webhooks", "> ");

        shell.mark();
        shell.type("\u001bOA\u001bOA"); // Up, Up (the keypad mode JLine sets): the line before webhooks, as typed
        shell.waitFor("pw = '");
        shell.type("\u0015"); // Ctrl-U: not run again
        shell.type(":quit\r");
        shell.join();

        String history = Files.readString(home.resolve("history"));
        assertFalse(history.contains(SECRET), history);
        assertTrue(history.contains(":webhooks"), "lines without a secret are kept: " + history);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("history"))));
    }

    @Test
    void aSecretFirstWrittenIntoAnyVariableLeavesTheHistoryFileOnceASignInReceivesIt() throws Exception {
        shell.run("webhooks", "> ");
        shell.run("p = '" + SECRET + "'", "> "); // no secret yet by its name: written to the file like any line
        shell.run("creds = [who: 'admin', what: p]", "> ");
        shell.run("signIn 'admin', p", "✗ Tableau 401001");
        shell.run("1 + 1", "2");
        shell.type(":quit\r");
        shell.join();

        String history = Files.readString(home.resolve("history"));
        assertFalse(history.contains(SECRET), history);
        assertTrue(history.contains(":webhooks\n") && history.contains(":signIn 'admin', p\n")
                && history.contains(":1 + 1\n"), "the lines without the secret stay: " + history);
    }

    @Test
    void aSecretGivenThisSessionIsMaskedInErrorsTheStackResultsPrintlnAndTheTrace() throws Exception {
        shell.run(":trace on", "each HTTP exchange prints");
        shell.run("signIn('admin', '" + SECRET + "')", "✗ Tableau 401001");
        shell.run("pw = '" + SECRET + "'", "> ");
        String shown = shell.run("pw", "****");
        String printed = shell.run("println \"the password is $pw\"", "the password is ****");
        shell.run("Integer.parseInt(pw)", "For input string: \"****\"");
        String stack = shell.run(":stack", "at ");
        shell.run("sigIn('admin', pw)", "✗ unknown word 'sigIn'; did you mean signIn?");
        shell.run(":stack", "UnknownName$Method: unknown word 'sigIn'");
        String history = shell.run(":history", "pw = '****'");
        assertTrue(history.contains("signIn('admin', '****')"), history);

        String screen = shell.everything();
        assertFalse(screen.contains(SECRET), "the secret reached the screen: " + screen);
        assertTrue(stack.contains("NumberFormatException: For input string: \"****\""), stack);
        assertTrue(shown.contains("****") && printed.contains("****"));
    }

    @Test
    void aPostmanEnvironmentExportedWithItsSecretsIsOwnerOnly() throws Exception {
        shell.run("signIn user: 'admin', password: 'admin'", "admin@Default");
        Path with = home.resolve("with-secrets.json");
        Path without = home.resolve("without-secrets.json");
        shell.run("exportPostmanEnvironment '" + with + "', secrets: true", "with secrets");
        shell.run("exportPostmanEnvironment '" + without + "'", "secrets left out");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(with)));
        assertTrue(Files.readString(with).contains("\"tableau-auth-token\""), Files.readString(with));
        assertFalse(Files.readString(without).contains("\"password\""), Files.readString(without));
    }

    @Test
    void aWebhookSomeoneElseMadeWithASecretInItsUrlShowsMaskedInTheTableBlockAndWireBodies() throws Exception {
        shell.run("signIn", "admin@Default");
        // made by another client: nothing typed here told the shell what the secrets are
        shell.session.client().createWebhook(WebhookSpec.create("keyed", EventType.WORKBOOK_CREATED,
                "https://ops:" + SECRET + "@hooks.example.com/catch?token=" + SECRET + "&team=bi"));
        String table = shell.run("webhooks", "(1 webhook)");
        String block = shell.run("webhook 'keyed'", "keyed");
        shell.run(":format json", "results print as json");
        String json = shell.run("webhooks", "\"owner\"");
        shell.run(":format xml", "results print as xml");
        String xml = shell.run("webhooks", "</tsResponse>");
        for (String shown : new String[] {table, block, json, xml}) {
            assertFalse(shown.contains(SECRET), shown);
            assertTrue(shown.contains("https://ops:****@hooks.example.com/catch?token=") && shown.contains("team=bi"),
                    "the rest of the address stays readable: " + shown);
        }
    }
}
