package io.tabhook.repl;

import io.tabhook.sandbox.Sandbox;
import io.tabhook.sandbox.SandboxOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sign-in does what it says: a secret that failed is not tried again, and the prompt comes when it should. */
class ShellSignInTest {
    @TempDir
    Path home;

    @ParameterizedTest(name = "{0}, then {1}")
    @CsvSource(delimiter = '|', textBlock = """
            signIn site: 'workshop', user: 'admin', password: 'wrong' | signIn                    | admin@Default
            signIn pat: 'workshop-pat', secret: 'wrong'               | signIn pat: 'workshop-pat' | workshop-pat@Default
            """)
    void aWrongSecretIsNotTriedAgainByALaterSignIn(String wrong, String later, String signedIn) throws Exception {
        try (ShellDriver shell = new ShellDriver(home, Map.of())) {
            shell.waitFor("not signed in");
            shell.run(wrong, "✗ Tableau 401001");
            String again = shell.run(later, signedIn); // bare signIn: the demo admin, as the README says
            assertFalse(again.contains("✗") || again.contains("given earlier"), again);
        }
    }

    @Test
    void reusingARememberedPasswordSaysSoInOneLine() throws Exception {
        try (ShellDriver shell = new ShellDriver(home, Map.of())) {
            shell.waitFor("not signed in");
            shell.run("signIn user: 'viewer', password: 'viewer'", "viewer@Default");
            shell.run("signOut", "signed out");
            String again = shell.run("signIn", "viewer@Default");
            assertEquals(1, again.lines().filter(l -> l.contains("using the password given earlier this session "
                    + "for viewer")).count(), again);
        }
    }

    @Test
    void aRememberedSecretThatFailsIsForgotten() throws Exception {
        Path env = Files.writeString(home.resolve("env.json"), """
                {"name": "Tableau Webhooks", "values": [
                  {"key": "pat-name", "value": "workshop-pat", "enabled": true},
                  {"key": "pat-secret", "value": "not-the-secret", "enabled": true}]}
                """);
        try (ShellDriver shell = new ShellDriver(home, Map.of())) {
            shell.waitFor("not signed in");
            shell.run("usePostmanEnvironment '" + env + "'", "pat-secret");
            String first = shell.run("signIn", "✗");
            assertTrue(first.contains("using the secret given earlier this session for personal access token "
                    + "workshop-pat"), first);
            String second = shell.run("signIn", "workshop-pat@Default");
            assertTrue(second.contains("workshop-pat@Default"), "the demo secret, not the failed one: " + second);
            assertFalse(second.contains("given earlier"), second);
        }
    }

    @Test
    void withUserThePasswordIsAskedAfterTheBannerAndTheServersAnswer() throws Exception {
        try (Sandbox server = Sandbox.start(SandboxOptions.defaults());
             ShellDriver shell = new ShellDriver(home, Map.of(),
                     ShellDriver.Setup.serverWithUser(server.baseUrl(), "admin"))) {
            String screen = shell.waitFor("Password for admin: ");
            assertTrue(screen.indexOf("tabhook test shell") < screen.indexOf("Password for admin"), screen);
            shell.mark();
            shell.type("admin\r");
            String signedIn = shell.waitFor("signed in as ");
            assertTrue(signedIn.contains("*****"), "the password is masked as it is typed: " + signedIn);
            shell.waitFor("admin@Default");
        }
    }

    @Test
    void withUserOnAServerThatDoesNotAnswerNoPasswordIsAsked() throws Exception {
        URI dead;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            dead = URI.create("http://127.0.0.1:" + s.getLocalPort());
        }
        try (ShellDriver shell = new ShellDriver(home, Map.of(), ShellDriver.Setup.serverWithUser(dead, "admin"))) {
            String screen = shell.waitFor("(signIn to try again)");
            assertTrue(screen.contains("cannot reach " + dead + ": connection refused"), screen);
            shell.waitFor("not signed in");
            assertFalse(shell.everything().contains("Password for"), shell.everything());
        }
    }

    @Test
    void ctrlCAtThePasswordPromptCancelsWithoutSuggestingAnArgument() throws Exception {
        try (Sandbox server = Sandbox.start(SandboxOptions.defaults());
             ShellDriver shell = new ShellDriver(home, Map.of(),
                     ShellDriver.Setup.serverWithUser(server.baseUrl(), "admin"))) {
            shell.waitFor("Password for admin: ");
            shell.mark();
            shell.ctrlC();
            String cancelled = shell.waitFor("(signIn to try again)");
            assertTrue(cancelled.contains("✗ cancelled at the prompt"), cancelled);
            assertFalse(cancelled.contains("argument") || cancelled.contains("password:"), cancelled);
            shell.mark();
            shell.type("6 * 7\r");
            shell.waitFor("42");
        }
    }
}
