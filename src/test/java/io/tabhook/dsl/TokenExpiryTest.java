package io.tabhook.dsl;

import io.tabhook.sandbox.Demo;
import io.tabhook.sandbox.Sandbox;
import io.tabhook.sandbox.SandboxOptions;
import io.tabhook.session.Session;
import io.tabhook.session.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A session outlives its token, as on Tableau Cloud, where idle sessions end: the real sandbox with tokens that live
 * under a second; after a wait longer than that, the next call signs in again with what the session holds (however
 * the secret was given) and goes through, said in one line.
 */
class TokenExpiryTest extends InterpreterOnLoopback {
    /** A sandbox of its own whose tokens live 600 ms (the shared one's live as long as Tableau's). */
    static Sandbox shortLived;

    @BeforeAll
    static void start() throws Exception {
        shortLived = Sandbox.start(SandboxOptions.defaults().withTokenTtl(Duration.ofMillis(600)));
    }

    @AfterAll
    static void stop() {
        shortLived.close();
    }

    @ParameterizedTest(name = "signed in with {0}")
    @CsvSource(delimiter = '|', textBlock = """
            the sandbox's demo admin   | signIn()
            a password as an argument  | signIn 'admin', 'admin'
            a password from the environment | signIn user: 'admin'
            a PAT secret from the environment | signIn pat: 'workshop-pat'
            a password typed at the prompt | signIn user: 'siteadmin', server: '%s'
            """)
    void aWaitLongerThanTheTokenLivesIsFollowedByACallThatWorks(String how, String signIn) {
        List<String> logged = new CopyOnWriteArrayList<>();
        Console console = new Console() {
            @Override
            public void log(String line) { logged.add(line); }

            @Override
            public String readSecret(String prompt) { return Demo.SITE_ADMIN_PASSWORD; }
        };
        Session session = new Session(new Settings().server(shortLived.baseUrl()), Duration.ofSeconds(10));
        Map<String, String> env = Map.of("TABLEAU_PASSWORD", Demo.ADMIN_PASSWORD, "TABLEAU_PAT_SECRET", Demo.PAT_SECRET);
        // The prompt's case signs in with the server given as an address, so the demo secrets are not used.
        Interpreter interpreter = new Interpreter(new Dsl(session, inbox, how.contains("prompt") ? null : shortLived, console,
                how.contains("prompt") ? k -> null : env::get));
        interpreter.evaluate(signIn.formatted(shortLived.baseUrl()));
        interpreter.evaluate("hook = createWebhook name: 'outlives-its-token', event: 'WorkbookCreated', url: '"
                + inbox.url() + "'");

        // Longer than a token lives: a wait for a payload that does not come.
        interpreter.evaluate("try { waitForPayload event: 'ViewDeleted', timeout: 1.2 } catch (e) { }");
        assertEquals("deleted", interpreter.evaluate("deleteWebhook hook").toString().substring(0, 7));

        assertTrue(logged.stream().anyMatch(l -> l.startsWith("the session's token had expired (Tableau 401002): "
                + "signed in again and repeated DELETE ")), logged.toString());
        assertFalse(session.expired());
        assertTrue(interpreter.evaluate("webhooks().findAll { it.name == 'outlives-its-token' }").toString().equals("[]"));
    }
}
