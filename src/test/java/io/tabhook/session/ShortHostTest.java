package io.tabhook.session;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The prompt names a server by its first label, or by host and port when it is this machine (decided without DNS). */
class ShortHostTest {
    @ParameterizedTest(name = "{0} shows as {1}")
    @CsvSource({
            "https://10ay.online.tableau.com,   10ay",
            "https://tableau.example.com:8443,  tableau",
            "http://127.0.0.1:8080,             127.0.0.1:8080",
            "http://127.0.0.2:8080,             127.0.0.2:8080",
            "http://localhost:9100,             localhost:9100",
            "http://[::1]:9100,                 [::1]:9100",
            "http://localhost,                  localhost",
            "http://192.168.1.20:8080,          192.168.1.20"})
    void aServerAsThePromptShowsIt(String server, String shown) {
        assertEquals(shown, Session.shortHost(URI.create(server)));
    }
}
