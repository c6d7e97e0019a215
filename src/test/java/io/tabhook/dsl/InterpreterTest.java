package io.tabhook.dsl;

import io.tabhook.api.Webhook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The DSL's words evaluated as a user types them, against the real sandbox and inbox. */
class InterpreterTest extends InterpreterOnLoopback {
    @TempDir
    Path dir;

    Interpreter interpreter(Map<String, String> env) {
        return interpreter(env, Console.stderr());
    }

    @Test
    void variablesWithOrWithoutDefOutliveTheirLine() {
        Interpreter e = interpreter(Map.of());
        e.evaluate("def a = 40");
        e.evaluate("b = 2");
        assertEquals(42, e.evaluate("a + b"));
        assertTrue(e.variables().containsAll(List.of("a", "b")));
    }

    @Test
    void bareWordsAndBareEventNamesWork() {
        Interpreter e = interpreter(Map.of());
        e.evaluate("signIn");
        Object hook = e.evaluate("createWebhook name: 'bare', event: AdminDemoted");
        assertEquals("AdminDemoted", ((Webhook) hook).event());
        assertTrue(((List<?>) e.evaluate("webhooks")).stream().anyMatch(w -> ((Webhook) w).name().equals("bare")));
        assertEquals("deleted " + ((Webhook) hook).id(), e.evaluate("deleteWebhook 'bare'"));
    }

    @Test
    void helpWordPrintsTheWordsOwnHelp() {
        Interpreter e = interpreter(Map.of());
        assertEquals(Words.find("createWebhook").orElseThrow().help(), e.evaluate("help createWebhook"));
        DslException unknown = assertThrows(DslException.class, () -> e.evaluate("help nosuchword"));
        assertTrue(unknown.getMessage().contains("help"), unknown.getMessage());
    }

    @Test
    void misspelledArgumentGetsAClearLine() {
        Interpreter e = interpreter(Map.of());
        e.evaluate("signIn()");
        DslException bad = assertThrows(DslException.class, () -> e.evaluate("createWebhook nmae: 'x', event: 'ViewDeleted'"));
        assertTrue(bad.getMessage().contains("no argument 'nmae'") && bad.getMessage().contains("name"), bad.getMessage());
    }

    @Test
    void waitForPayloadMatchesADeliveryThatArrivedJustBeforeTheWait() {
        Interpreter e = interpreter(Map.of());
        e.evaluate("signIn site: 'workshop'");
        e.evaluate("hook = createWebhook name: 'early', event: 'DatasourceDeleted'");
        e.evaluate("sandbox.createDatasource('Doomed')");
        e.evaluate("sandbox.deleteDatasource('Doomed')");
        assertTrue(awaitIdle());
        Object name = e.evaluate("waitForPayload(event: 'datasource-deleted', timeout: 5) { it.resource_name == 'Doomed' }.resource_name");
        assertEquals("Doomed", name);
        DslException none = assertThrows(DslException.class,
                () -> e.evaluate("waitForPayload event: 'DatasourceDeleted', name: 'Doomed', timeout: 0.3"));
        assertTrue(none.getMessage().startsWith("nothing matching event: DatasourceDeleted, named \"Doomed\" arrived "
                + "within 300 ms; "), none.getMessage());
        assertTrue(none.getMessage().endsWith(" matched, but an earlier waitForPayload returned it already (each payload "
                + "is returned once; inbox.last shows the latest)"), "the hint says what happened: " + none.getMessage());
        e.evaluate("deleteWebhook hook");
    }

    @Test
    void postmanEnvironmentIsReadAndWrittenWithoutSecretsUnlessAsked() throws Exception {
        Path env = postmanEnvironment(dir, "server", sandbox.baseUrl().toString(), "content-url", "workshop",
                "pat-name", "workshop-pat", "pat-secret", "workshop-secret",
                "webhook-event", "webhook-source-event-workbook-created");
        Interpreter e = interpreter(Map.of());
        Object shown = e.evaluate("usePostmanEnvironment '" + env + "'");
        assertFalse(shown.toString().contains("workshop-secret"), shown.toString());
        e.evaluate("signIn()");
        assertEquals("workshop", e.evaluate("session.site"));
        assertEquals("workshop-pat", e.evaluate("session.user"));

        Path out = dir.resolve("out.json");
        e.evaluate("exportPostmanEnvironment '" + out + "'");
        String written = Files.readString(out);
        assertTrue(written.contains("\"content-url\"") && written.contains("\"site-id\""), written);
        assertFalse(written.contains("workshop-secret"), written);
        String token = (String) e.evaluate("session.token");
        assertFalse(written.contains("tableau-auth-token"), written);

        e.evaluate("exportPostmanEnvironment '" + out + "', secrets: true");
        assertTrue(Files.readString(out).contains("workshop-secret"));
        assertTrue(token.contains("…"), "the session shows a masked token: " + token);
    }

    @Test
    void aMethodDefinedOnOneLineIsCalledOnTheNext() {
        Interpreter e = interpreter(Map.of());
        e.evaluate("def twice(n) { n * 2 }");
        assertEquals(6, e.evaluate("twice(3)"));
        assertEquals(8, e.evaluate("twice 4"));
        e.evaluate("def twice(n) { n * 3 }");
        assertEquals(9, e.evaluate("twice(3)"), "the latest definition wins, as a variable set again does");
        e.evaluate("def created() { signIn(); createWebhook name: 'by-method', event: 'ViewDeleted' }");
        assertEquals("by-method", ((Webhook) e.evaluate("created()")).name(), "a method still calls the words");
        e.evaluate("deleteWebhook 'by-method'");
    }

    @Test
    void aKnownNameCalledWithValuesItDoesNotTakeSaysWhatItTakesNotThatItIsUnknown() {
        Interpreter e = interpreter(Map.of());
        assertEquals("sleep does not take (String); it takes sleep(long)",
                failure(e, "sleep 'x'"));
        assertEquals("println does not take (Integer, Integer); it takes println() or println(Object)",
                failure(e, "println 1, 2"));
        assertEquals("g does not take (Integer, Integer); it takes g(Object)", failure(e, "def g(a) { a }; g(1, 2)"));
        e.evaluate("twice = { n -> n * 2 }");
        assertEquals("twice does not take (Integer, Integer); it takes twice(Object)", failure(e, "twice(1, 2)"));
        e.evaluate("def add(int a, int b) { a + b }");
        assertEquals("add does not take (String); it takes add(int, int)", failure(e, "add('x')"));
        assertEquals("unknown word 'nosuch' (help lists the words; variables are set with x = …)",
                failure(e, "[1].each { nosuch(it) }"), "an unknown name inside a closure is still unknown");
    }

    @Test
    void aCommaLeftOutBetweenNamedArgumentsIsSaidAtTheName() {
        Interpreter e = interpreter(Map.of());
        assertEquals("syntax error at column 25: a comma is missing before event:",
                failure(e, "createWebhook name: 'a' event: 'ViewDeleted'"));
        assertEquals("syntax error at column 5: Unexpected input: '='", failure(e, "x = = 3"), "other errors as Groovy says");
    }

    @Test
    void aPasswordInAServerAddressIsASecretLikeAnyOther() {
        Interpreter e = interpreter(Map.of());
        String line = "signIn server: 'http://user:Qx-pass-81@127.0.0.1:1', user: 'a', password: 'bb'";
        assertTrue(SecretsInCode.holdsSecret(line), "the line stays out of the history file");
        assertEquals("signIn server: 'http://user:****@127.0.0.1:1', user: 'a', password: '****'",
                SecretsInCode.masked(line));
        String shown = e.dsl().state().secrets().hide(failure(e, line));
        assertTrue(shown.startsWith("cannot reach http://user:****@127.0.0.1:1"), shown);
    }

    @Test
    void aSignInThatFailsOnAnotherServerLeavesTheSessionOnItsOwn() {
        Interpreter e = interpreter(Map.of());
        Object before = e.evaluate("session.server");
        failure(e, "signIn server: '127.0.0.1:1', user: 'a', password: 'bb'");
        assertEquals(before, e.evaluate("session.server"), "a mistyped address does not strand the session");
        e.evaluate("signIn");
        assertEquals(true, e.evaluate("session.signedIn"), "bare signIn is the sandbox's demo admin again");

        String elsewhere = "http://localhost:" + sandbox.baseUrl().getPort();
        assertTrue(failure(e, "signIn server: '" + elsewhere + "', user: 'admin', password: 'wrong-one'")
                .startsWith("Tableau 401001"));
        assertEquals(elsewhere, e.evaluate("session.server").toString(),
                "a server that answered stays, for the next try without server:");
    }

    private static String failure(Interpreter e, String line) {
        return Failures.describe(assertThrows(Exception.class, () -> e.evaluate(line), line));
    }
}
