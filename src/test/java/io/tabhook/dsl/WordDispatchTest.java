package io.tabhook.dsl;

import io.tabhook.api.Webhook;
import io.tabhook.events.EventType;
import io.tabhook.sandbox.ActivityResult;
import io.tabhook.session.Session;
import io.tabhook.session.SessionView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Words reached from Groovy the ways users write them (bare, command expressions, trailing closures, sub-words),
 * and the one-line mistakes the declarations catch, through the real interpreter against the real sandbox and inbox.
 */
class WordDispatchTest extends InterpreterOnLoopback {
    final List<String> logged = new CopyOnWriteArrayList<>();

    @TempDir
    Path dir;

    Interpreter interpreter() {
        return interpreter(Map.of(), logged::add);
    }

    /** The mistake a line makes, checked to be one line that ends with the word's generated usage. */
    static String mistake(Interpreter e, String line, String word) {
        DslException x = assertThrows(DslException.class, () -> e.evaluate(line));
        String m = x.getMessage();
        assertFalse(m.contains("\n"), m);
        assertTrue(m.endsWith(" — usage: " + Words.find(word).orElseThrow().usage()), m);
        return m;
    }

    // ---- the drift that shipped ----

    @Test
    void signInsUsageAndHelpMentionJwt() {
        assertTrue(Words.find("signIn").orElseThrow().usage().contains("jwt: JWT"));
        String help = (String) interpreter().evaluate("help signIn");
        assertTrue(help.lines().findFirst().orElseThrow().contains("jwt:"), help);
        assertTrue(help.contains("connected-app JWT"), help);
    }

    @Test
    void helpListsEveryWordThenInboxSandboxAndSessionWords() {
        String help = (String) interpreter().evaluate("help");
        for (String name : Words.all().keySet()) assertTrue(help.contains("  " + name + " "), name + " in\n" + help);
        assertTrue(help.contains("inbox.forwardTo"), help);
        int inboxAt = help.indexOf("\ninbox.…");
        int sandboxAt = help.indexOf("\nsandbox.…");
        int sessionAt = help.indexOf("\nsession.…");
        assertTrue(help.indexOf("exportPostmanEnvironment") < inboxAt && inboxAt < sandboxAt && sandboxAt < sessionAt,
                help);
    }

    @Test
    void helpOnASubWordAndOnAGroup() {
        Interpreter e = interpreter();
        String forward = (String) e.evaluate("help inbox.forwardTo");
        assertTrue(forward.startsWith("inbox.forwardTo(url)\n"), forward);
        String group = (String) e.evaluate("help inbox");
        assertTrue(group.contains("inbox.forwardTo") && group.contains("inbox.last"), group);
        DslException typo = assertThrows(DslException.class, () -> e.evaluate("help inbox.fowardTo"));
        assertTrue(typo.getMessage().contains("did you mean inbox.forwardTo"), typo.getMessage());
    }

    @Test
    void exportPostmanEnvironmentWithAnUnknownArgumentGetsTheGeneratedLine() {
        Interpreter e = interpreter();
        Path out = dir.resolve("env.json");
        String m = mistake(e, "exportPostmanEnvironment '" + out + "', secret: true", "exportPostmanEnvironment");
        assertEquals("exportPostmanEnvironment has no argument 'secret'; did you mean secrets:? — usage: "
                + "exportPostmanEnvironment(file, secrets: true|false)", m);
        assertFalse(Files.exists(out), "nothing is written by a call with a mistake");
        mistake(e, "exportPostmanEnvironment '" + out + "', secrets: 'maybe'", "exportPostmanEnvironment");
        assertTrue(((String) e.evaluate("exportPostmanEnvironment '" + out + "', secrets: false")).startsWith("wrote"));
    }

    // ---- dispatch ----

    @Test
    void wordsWithoutRequiredArgumentsWorkBare() {
        Interpreter e = interpreter();
        assertInstanceOf(io.tabhook.api.Credentials.class, e.evaluate("signIn"));
        assertInstanceOf(List.class, e.evaluate("webhooks"));
        assertEquals(inbox.url().toString(), e.evaluate("inbox.url"));
        assertEquals(22, ((List<?>) e.evaluate("events")).size());
        assertEquals(22, e.evaluate("events.size()"), "a bare word is a value the line goes on with");
        String needs = mistake(e, "createWebhook", "createWebhook");
        assertTrue(needs.startsWith("createWebhook needs arguments"), needs);
    }

    @Test
    void commandExpressionsPutTheNamedArgumentsFirstAndStillBind() {
        Interpreter e = interpreter();
        e.evaluate("signIn site: 'workshop', pat: 'workshop-pat'");
        assertEquals("workshop", e.evaluate("session.site"));
        assertEquals("workshop-pat", e.evaluate("session.user"));
        e.evaluate("hook = createWebhook name: 'cmd-expr', event: 'ViewDeleted'");
        Webhook off = (Webhook) e.evaluate("updateWebhook 'cmd-expr', enabled: false, reason: 'maintenance'");
        assertFalse(off.isEnabled());
        Webhook byName = (Webhook) e.evaluate("webhook(hook: 'cmd-expr')");
        assertEquals(off.id(), byName.id(), "a value written without its name may also be given by name");
        e.evaluate("deleteWebhook hook");
    }

    @Test
    void aTrailingClosureIsTheWhereArgument() throws Exception {
        Interpreter e = interpreter();
        e.evaluate("signIn site: 'workshop'");
        e.evaluate("hook = createWebhook name: 'closure-hook', event: 'LabelCreated'");
        e.evaluate("sandbox.createWorkbook('Labelled')");
        e.evaluate("sandbox.createLabel('Labelled')");
        assertTrue(awaitIdle());
        assertEquals("Labelled",
                e.evaluate("waitForPayload(timeout: 5) { it.resource_name == 'Labelled' }.resource_name"));
        DslException none = assertThrows(DslException.class,
                () -> e.evaluate("waitForPayload(timeout: 0.2) { false }"));
        assertTrue(none.getMessage().startsWith("nothing matching where { … } arrived within 200 ms"), none.getMessage());
        mistake(e, "waitForPayload(timeout: 1) { true } { false }", "waitForPayload");
        mistake(e, "waitForPayload where: { true }, { false }", "waitForPayload");
        e.evaluate("deleteWebhook hook");
    }

    @Test
    void userVariablesShadowWordsAndLiveOnTheNextLine() {
        Interpreter e = interpreter();
        e.evaluate("webhooks = 'mine'");
        assertEquals("mine", e.evaluate("webhooks"));
        e.evaluate("def events = [1, 2]");
        assertEquals(2, e.evaluate("events.size()"));
        e.evaluate("log = { m -> 'logged ' + m }");
        assertEquals("logged x", e.evaluate("log('x')"), "a closure in the binding is called, not the word");
        assertTrue(logged.isEmpty(), logged.toString());
        e.evaluate("inbox = [url: 'elsewhere']");
        assertEquals("elsewhere", e.evaluate("inbox.url"));
    }

    @Test
    void aWrongKindOfValueSaysWhatTheArgumentTakes() {
        Interpreter e = interpreter();
        e.evaluate("signIn");
        assertTrue(mistake(e, "createWebhook name: 'k', event: 'ViewDeleted', enabled: 'yes'", "createWebhook")
                .startsWith("createWebhook enabled: must be true or false, not 'yes'"));
        assertTrue(mistake(e, "waitForPayload timeout: 'soon'", "waitForPayload")
                .startsWith("waitForPayload timeout: must be a number, not 'soon'"));
        assertTrue(mistake(e, "waitForPayload where: 'Sales'", "waitForPayload")
                .startsWith("waitForPayload where: must be a closure"));
        String event = mistake(e, "createWebhook name: 'k', event: 'WorkbookCreatd'", "createWebhook");
        assertTrue(event.startsWith(
                "createWebhook event: unknown event 'WorkbookCreatd'; did you mean WorkbookCreated"), event);
        assertTrue(mistake(e, "webhook([1, 2])", "webhook").startsWith("webhook hook must be a webhook"));
        assertTrue(mistake(e, "createWebhook name: { 'x' }, event: 'ViewDeleted'", "createWebhook")
                .startsWith("createWebhook name: must be text"));
    }

    @Test
    void anUnknownKeyAMissingArgumentOrTooManyValuesIsOneLine() {
        Interpreter e = interpreter();
        e.evaluate("signIn");
        assertTrue(mistake(e, "createWebhook nmae: 'x', event: 'ViewDeleted'", "createWebhook")
                .startsWith("createWebhook has no argument 'nmae'; did you mean name:?"));
        assertTrue(mistake(e, "createWebhook colour: 'x'", "createWebhook")
                .startsWith("createWebhook has no argument 'colour'; it takes name:, event:, url:, enabled:"));
        assertTrue(mistake(e, "createWebhook name: 'x'", "createWebhook").startsWith("createWebhook needs event:"));
        assertTrue(mistake(e, "webhook()", "webhook").startsWith("webhook needs hook"));
        assertTrue(mistake(e, "webhook('a', 'b')", "webhook")
                .startsWith("webhook takes 1 value without a name, not 2"));
        assertTrue(mistake(e, "webhook('a', hook: 'b')", "webhook").startsWith("webhook hook is given twice"));
        assertTrue(mistake(e, "webhooks('all')", "webhooks").startsWith("webhooks takes no value without a name"));
    }

    @Test
    void subWordsWorkAsPropertiesAndAsMethods() throws Exception {
        Interpreter e = interpreter();
        e.evaluate("signIn site: 'workshop'");
        assertTrue(((String) e.evaluate("session.siteId")).matches("[0-9a-f-]{36}"));
        assertEquals(Boolean.TRUE, e.evaluate("session.sandbox"));
        assertInstanceOf(SessionView.class, e.evaluate("session"), "a line that is the session shows the session");
        assertTrue(e.evaluate("inbox").toString().startsWith("inbox at " + inbox.url()));

        ActivityResult created = (ActivityResult) e.evaluate("sandbox.createWorkbook('Dispatch')");
        assertEquals(EventType.WORKBOOK_CREATED, created.event());
        ActivityResult failed = (ActivityResult) e.evaluate("sandbox.refreshWorkbook('Dispatch', failed: true)");
        assertEquals(EventType.WORKBOOK_REFRESH_FAILED, failed.event());
        ActivityResult fired = (ActivityResult) e.evaluate("sandbox.fire 'workbook-deleted', 'Dispatch'");
        assertEquals("Dispatch", fired.resourceName());
        assertEquals(EventType.WORKBOOK_CREATED, ((ActivityResult) e.evaluate("sandbox.createWorkbook")).event(),
                "a sub-word with no required argument works bare");

        assertEquals("forwarding to http://127.0.0.1:9/x", e.evaluate("inbox.forwardTo('http://127.0.0.1:9/x')"));
        assertEquals("forwarding off", e.evaluate("inbox.forwardTo(null)"));
        assertTrue(mistake(e, "inbox.forwardTo()", "inbox.forwardTo").startsWith("inbox.forwardTo needs url"));
        assertTrue(mistake(e, "sandbox.fire()", "sandbox.fire").startsWith("sandbox.fire needs event"));
        DslException typo = assertThrows(DslException.class, () -> e.evaluate("inbox.fowardTo('x')"));
        assertEquals("inbox has no word 'fowardTo'; did you mean inbox.forwardTo? (`help inbox` lists them)",
                typo.getMessage());
    }

    @Test
    void aPayloadMapIsAValueNotNamedArguments() {
        Interpreter e = interpreter();
        e.evaluate("p = [event_type: 'WorkbookCreated', resource_name: 'Sales']");
        e.evaluate("log p");
        assertEquals(1, logged.size());
        assertTrue(logged.get(0).contains("Sales"), logged.toString());
        assertEquals(Boolean.TRUE, e.evaluate("expect p, 'a payload'"));
        assertEquals("x", e.evaluate("env 'TABHOOK_NOT_SET', 'x'"));
    }

    @Test
    void secretsGivenDuringASessionAreHeldByTheSessionInMemoryOnly() throws Exception {
        Path env = postmanEnvironment(dir, "server", sandbox.baseUrl().toString(), "pat-name", "workshop-pat",
                "pat-secret", "not-the-secret");
        Interpreter e = interpreter();
        Session session = e.dsl().state();
        e.evaluate("usePostmanEnvironment '" + env + "'");
        assertEquals("not-the-secret", session.rememberedSecret("TABLEAU_PAT_SECRET"));
        assertThrows(io.tabhook.api.TableauError.class, () -> e.evaluate("signIn()"),
                "the remembered secret is the one sign-in uses, before the sandbox's demo secret");
        assertFalse(e.evaluate("session").toString().contains("not-the-secret"));

        e.evaluate("signIn pat: 'workshop-pat', secret: 'workshop-secret'");
        assertEquals("workshop-secret", session.rememberedSecret("TABLEAU_PAT_SECRET"));
        e.evaluate("signIn()");
        assertTrue((Boolean) e.evaluate("session.signedIn"));
        assertEquals(null, interpreter().dsl().state().rememberedSecret("TABLEAU_PAT_SECRET"),
                "a new session starts with none");
    }
}
