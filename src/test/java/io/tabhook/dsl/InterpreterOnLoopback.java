package io.tabhook.dsl;

import io.tabhook.inbox.Inbox;
import io.tabhook.inbox.InboxOptions;
import io.tabhook.sandbox.Sandbox;
import io.tabhook.sandbox.SandboxOptions;
import io.tabhook.session.Session;
import io.tabhook.session.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** The real sandbox and inbox on loopback ports for one test class, and interpreters over them as a shell makes them. */
abstract class InterpreterOnLoopback {
    static Sandbox sandbox;
    static Inbox inbox;

    @BeforeAll
    static void startServers() throws Exception {
        sandbox = Sandbox.start(SandboxOptions.defaults());
        inbox = Inbox.start(InboxOptions.defaults());
    }

    @AfterAll
    static void stopServers() {
        inbox.close();
        sandbox.close();
    }

    /** A fresh session on the sandbox, with {@code env} as the environment. */
    static Interpreter interpreter(Map<String, String> env, Console console) {
        Session session = new Session(new Settings().server(sandbox.baseUrl()), Duration.ofSeconds(10));
        return new Interpreter(new Dsl(session, inbox, sandbox, console, env::get));
    }

    /** Waits until the sandbox has made every delivery it started. */
    static boolean awaitIdle() {
        try {
            return sandbox.deliveries().awaitIdle(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Writes a Postman environment ("Tableau Webhooks") of these keys and values, as Postman exports one. */
    static Path postmanEnvironment(Path dir, String... keysAndValues) throws IOException {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.append(values.isEmpty() ? "" : ",\n").append("  {\"key\": \"").append(keysAndValues[i])
                    .append("\", \"value\": \"").append(keysAndValues[i + 1]).append("\", \"enabled\": true}");
        }
        Path env = dir.resolve("Tableau Webhooks.postman_environment.json");
        Files.writeString(env, "{\"id\": \"1\", \"name\": \"Tableau Webhooks\", \"values\": [\n" + values + "\n]}");
        return env;
    }
}
