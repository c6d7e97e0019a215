package io.tabhook.repl;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tab completion reads the word table: sub-words after a group's dot, argument keys, help's word names. */
class WordCompletionTest extends ShellOnLoopback {
    private void clearLine() throws Exception {
        shell.type("\u0015"); // Ctrl-U
        shell.mark();
    }

    @Test
    void subWordsCompleteAfterInboxSandboxAndSession() throws Exception {
        shell.mark();
        shell.type("inbox.forwardT\t"); // inbox.forw is forwardResult or forwardTo
        shell.waitFor("inbox.forwardTo");
        clearLine();
        shell.type("sandbox.refreshD\t");
        shell.waitFor("sandbox.refreshDatasource");
        clearLine();
        shell.type("session.si\t\t");
        String both = shell.waitFor("siteId");
        assertTrue(both.contains("signedIn"), both);
        clearLine();
        shell.type("help inbox.forwardT\t");
        shell.waitFor("inbox.forwardTo");
        shell.type("\r");
        shell.waitFor("inbox.forwardTo(url)");
    }

    @Test
    void argumentKeysAndValuesCompleteFromTheDeclaration() throws Exception {
        shell.mark();
        shell.type("exportPostmanEnvironment 'x.json', sec\t");
        shell.waitFor("secrets:");
        shell.type("tr\t");
        shell.waitFor("secrets: true");
        clearLine();
        shell.type("signIn jw\t");
        shell.waitFor("jwt:");
        clearLine();
        shell.type("help exportPostman\t");
        shell.waitFor("'exportPostmanEnvironment'");
    }

    @Test
    void aVariableNamedLikeAGroupCompletesItsOwnMembers() throws Exception {
        shell.type("session = 'text'\r");
        shell.waitFor("text");
        shell.mark();
        shell.type("session.toUpperC\t");
        shell.waitFor("session.toUpperCase");
        assertTrue(shell.running());
    }
}
