package io.tabhook.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code tabhook sandbox}: prints where it listens and how to sign in, keeps serving after the command returns. */
class SandboxCommandTest {
    @TempDir
    Path dir;

    @Test
    void printsItsUrlAndTheDemoSignInAndAnswersThereUntilStopped() throws Exception {
        URI url;
        try (ServingSandbox sandbox = ServingSandbox.start(dir, "--port", "0")) {
            url = sandbox.url();
            assertTrue(sandbox.out().contains("curl -s -X POST " + url + "/api/3.9/auth/signin"), sandbox.out());
            assertTrue(sandbox.out().contains("in a browser: " + url + "/sandbox shows"), sandbox.out());
            assertEquals(200, get(url.resolve("/api/3.9/serverinfo")));
        }
        assertThrows(ConnectException.class, () -> get(url.resolve("/api/3.9/serverinfo")));
    }

    @Test
    void aPortInUseIsOneLineThatSaysWhatToDo() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            CommandRun r = CommandRun.run(dir, java.util.Map.of(), "sandbox", "--port", String.valueOf(port));
            assertEquals(1, r.exit(), r.err());
            assertEquals("tabhook sandbox: cannot listen on 127.0.0.1:" + port + " (Address already in use); is another "
                    + "sandbox running? try another --port, or 0 for any free one", r.err().strip());
        }
    }

    private static int get(URI uri) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
