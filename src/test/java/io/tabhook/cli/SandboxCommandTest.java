package io.tabhook.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code tabhook sandbox}: prints where it listens and how to sign in, keeps serving after the command returns. */
class SandboxCommandTest {
    @TempDir
    Path dir;

    @Test
    void printsItsUrlAndTheDemoSignInAndAnswersThereUntilStopped() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = CommandRun.commandLine(dir, Map.of(), out, err);
        assertEquals(0, cl.execute("sandbox", "--port", "0"), err.toString());
        SandboxCommand command = cl.getSubcommands().get("sandbox").getCommand();
        URI url;
        try {
            assertTrue(command.serving(), "Main leaves the JVM running for it");
            Matcher listening = Pattern.compile("^tabhook sandbox listening on (http://127\\.0\\.0\\.1:\\d+)\n")
                    .matcher(out.toString());
            assertTrue(listening.find(), out.toString());
            url = URI.create(listening.group(1));
            assertTrue(out.toString().contains("curl -s -X POST " + url + "/api/3.9/auth/signin"), out.toString());
            assertTrue(out.toString().contains("in a browser: " + url + "/sandbox shows"), out.toString());
            assertEquals(200, get(url.resolve("/api/3.9/serverinfo")));
        } finally {
            command.stop();
        }
        assertThrows(ConnectException.class, () -> get(url.resolve("/api/3.9/serverinfo")));
    }

    private static int get(URI uri) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
