package io.tabhook.client;

import io.tabhook.api.ApiVersion;
import io.tabhook.api.SignInRequest;
import io.tabhook.api.WireFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When the server cannot be reached or does not answer, the user gets one line that says so, never a hang. */
class ConnectionTest {

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    @Timeout(20)
    void aRefusedConnectionIsOneLineNamingTheServer() throws IOException {
        URI nobody = URI.create("http://127.0.0.1:" + closedPort());
        TableauClient client = TableauClient.builder(nobody).version(ApiVersion.V3_9).build();

        TableauConnectionException e = assertThrows(TableauConnectionException.class,
                () -> client.signIn(SignInRequest.password("admin", "s3cret", "")));

        assertEquals("cannot reach " + nobody + ": connection refused — is the server running?", e.getMessage());
        assertFalse(e.timedOut());
        assertTrue(client.lastExchange().isEmpty(), "no exchange took place");
    }

    @Test
    void aHostNameThatDoesNotResolveIsSaidToBeUnknownNotRefused() {
        // .invalid never resolves (RFC 6761): java.net.http reports it as a ConnectException around the lookup's failure
        URI nowhere = URI.create("http://tabhook-test.invalid:8080");
        TableauClient client = TableauClient.builder(nowhere).version(ApiVersion.V3_9).build();

        TableauConnectionException e = assertThrows(TableauConnectionException.class,
                () -> client.signIn(SignInRequest.password("admin", "s3cret", "")));

        assertEquals("cannot reach " + nowhere + ": unknown host tabhook-test.invalid — is the name spelled right?",
                e.getMessage());
    }

    @Test
    @Timeout(20)
    void aServerThatNeverAnswersTimesOut() throws IOException {
        // Accepts connections (the backlog does) but never reads or writes a byte.
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            URI uri = URI.create("http://127.0.0.1:" + silent.getLocalPort());
            TableauClient client = TableauClient.builder(uri).format(WireFormat.JSON)
                    .requestTimeout(Duration.ofMillis(300)).build();

            TableauConnectionException e = assertThrows(TableauConnectionException.class, client::serverInfo);

            assertTrue(e.timedOut());
            assertTrue(e.getMessage().startsWith("timed out after 300 ms waiting for GET " + uri + "/api/3.4/serverinfo"),
                    e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
    }

    @Test
    @Timeout(20)
    void aSignInToAServerThatNeverAnswersTimesOutWithoutShowingThePassword() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            TableauClient client = TableauClient.builder(URI.create("http://127.0.0.1:" + silent.getLocalPort()))
                    .version(ApiVersion.V3_9).connectTimeout(Duration.ofMillis(300))
                    .requestTimeout(Duration.ofMillis(300)).build();
            TableauConnectionException e = assertThrows(TableauConnectionException.class,
                    () -> client.signIn(SignInRequest.password("admin", "correct-horse", "")));
            assertTrue(e.timedOut());
            assertFalse(e.getMessage().contains("correct-horse"));
        }
    }

    @Test
    void rejectsAServerAddressThatIsNotAnHttpUrl() {
        for (String bad : new String[] {"localhost:8080", "ftp://tableau.example.com", "tableau.example.com"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TableauClient.builder(URI.create(bad)));
            assertTrue(e.getMessage().contains("write it like https://"), e.getMessage());
        }
    }

    @Test
    void keepsAPathPrefixAndDropsTrailingSlashesAndApiPaths() {
        assertEquals(URI.create("https://tableau.example.com"),
                TableauClient.builder(URI.create("https://tableau.example.com/")).build().server());
        assertEquals(URI.create("http://proxy:8080/tableau"),
                TableauClient.builder(URI.create("http://proxy:8080/tableau/api/3.9/serverinfo")).build().server());
    }

    @Test
    void refusesTimeoutsThatAreNotPositive() {
        assertThrows(IllegalArgumentException.class,
                () -> TableauClient.builder(URI.create("http://localhost")).requestTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> TableauClient.builder(URI.create("http://localhost")).connectTimeout(Duration.ofSeconds(-1)));
    }
}
