package io.tabhook;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A body is read up to its limit and no further, whatever the sender declares or streams. */
class BoundedBodyTest {
    static final int LIMIT = 1000;

    /** A stream of {@code size} bytes that counts what was taken from it. */
    static final class Counted extends InputStream {
        final InputStream in;
        long taken;

        Counted(int size) {
            byte[] b = new byte[size];
            Arrays.fill(b, (byte) 'x');
            in = new ByteArrayInputStream(b);
        }

        @Override
        public int read() throws IOException {
            int c = in.read();
            if (c >= 0) taken++;
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) taken += n;
            return n;
        }
    }

    @ParameterizedTest(name = "{0} bytes sent, Content-Length {1}: {2} bytes read back, {3} taken")
    @CsvSource({
            // sent, declared (-1: none, chunked), bytes read back (-1: refused as too large), bytes taken from the stream
            "999,  -1,   999,  999",
            "1000, -1,   1000, 1000",
            "1001, -1,   -1,   1001",
            "999,  999,  999,  999",
            "1000, 1000, 1000, 1000",
            "1001, 1001, -1,   0",
            "5000, 2000000000, -1, 0",
            "10000, -1,  -1,   1001",
            "0,    -1,   0,    0",
            "0,    0,    0,    0",
            // a lying Content-Length: the reading stops at the declared length or the limit, whichever is first
            "5000, 10,   10,   10",
            "5000, 900,  900,  900",
            "5000, 1000, 1000, 1000",
            "20,   500,  20,   20"})
    void readsUpToTheLimitAndNeverMoreWhateverTheSenderClaims(int sent, long declared, int expected, long taken)
            throws IOException {
        Counted in = new Counted(sent);
        if (expected < 0) {
            BoundedBody.TooLarge e = assertThrows(BoundedBody.TooLarge.class, () -> BoundedBody.read(in, declared, LIMIT));
            assertEquals(LIMIT, e.limit());
        } else {
            assertEquals(expected, BoundedBody.read(in, declared, LIMIT).length);
        }
        assertEquals(taken, in.taken, "bytes taken from the stream");
    }

    @ParameterizedTest
    @CsvSource(nullValues = "none", value = {"none, -1", "0, 0", "42, 42", "' 42 ', 42", "1048576, 1048576"})
    void contentLengthIsReadAsANumber(String header, long expected) {
        assertEquals(expected, BoundedBody.declaredLength(header));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "-1", "1e3", "12 34", "99999999999999999999"})
    void aContentLengthThatIsNoNumberIsRefused(String header) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BoundedBody.declaredLength(header));
        assertEquals("Content-Length is not a number", e.getMessage());
    }

    // ---- an answer's first bytes, over real HTTP ----

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) server.stop(0);
    }

    private URI answering(long size, boolean chunked) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            try (ex) {
                ex.sendResponseHeaders(200, chunked ? 0 : size == 0 ? -1 : size);
                try (OutputStream out = ex.getResponseBody()) {
                    byte[] chunk = new byte[8192];
                    Arrays.fill(chunk, (byte) 'y');
                    for (long left = size; left > 0; left -= chunk.length) {
                        out.write(chunk, 0, (int) Math.min(chunk.length, left));
                    }
                }
            } catch (IOException gone) {
                // the client stopped reading, as it should
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @ParameterizedTest(name = "an answer of {0} bytes (chunked: {1}) keeps {2}")
    @CsvSource({
            "999,       false, 999",
            "1000,      false, 1000",
            "1001,      false, 1000",
            "0,         false, 0",
            "1001,      true,  1000",
            "200000000, true,  1000"})
    void anAnswerIsCutAtTheLimit(long size, boolean chunked, int kept) throws Exception {
        URI uri = answering(size, chunked);
        HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
        byte[] body = client.sendAsync(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).build(),
                BoundedBody.firstBytes(LIMIT)).get().body();
        assertEquals(kept, body.length);
        byte[] ys = new byte[kept];
        Arrays.fill(ys, (byte) 'y');
        assertArrayEquals(ys, body);
    }
}
