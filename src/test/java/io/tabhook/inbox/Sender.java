package io.tabhook.inbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Plays Tableau in tests: POSTs bodies to an inbox over real HTTP on loopback. */
final class Sender {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    record Reply(int status, String body) {}

    private Sender() {}

    /** The documented payload fixtures, e.g. {@code workbook-created}. */
    static String fixture(String name) {
        try (InputStream in = Sender.class.getResourceAsStream("/fixtures/payload-" + name + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String payload(String event, String resource, String name) {
        return "{\"resource\":\"" + resource + "\",\"event_type\":\"" + event + "\",\"resource_name\":\"" + name
                + "\",\"site_luid\":\"8b2a95d8-52b9-40a4-8712-cd6da771bd1b\",\"resource_luid\":\""
                + java.util.UUID.randomUUID() + "\",\"created_at\":\"2024-05-02T09:15:27Z\"}";
    }

    static Reply post(URI url, String body) {
        return post(url, body.getBytes(StandardCharsets.UTF_8), Map.of("Content-Type", "application/json"));
    }

    /** Posts as Tableau does: JSON, its User-Agent and its odd separate {@code charset} header. */
    static Reply post(URI url, byte[] body, Map<String, String> headers) {
        // generous: a 21 MB body on a machine shared with other builds took over 10 s
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("User-Agent", "TableauWebhooks/1.0").header("charset", "utf-8");
        headers.forEach(b::header);
        return send(b.build());
    }

    static Reply get(URI url) {
        return send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).GET().build());
    }

    static Reply send(HttpRequest request) {
        try {
            HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes a raw HTTP/1.1 request head and the first {@code sendBytes} of a body, then reads the status line:
     * how a sender meets a limit before it has finished sending.
     */
    static int rawStatus(URI url, String head, int sendBytes) throws IOException {
        try (Socket s = new Socket(url.getHost(), url.getPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[sendBytes]);
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') line.append((char) c);
            return Integer.parseInt(line.toString().split(" ")[1]);
        }
    }
}
