package io.tabhook.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The journal's hand-written JSON must read back exactly as written, whatever the sender put in a body. */
class JsonLineTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "{\"a\":\"b\\\\c\"}", "tab\there\nnew\rline", "\u0000\u0001\u001f\u007f",
            "Zürich – Ünïcødé", "emoji 😀 and 日本語", "mixed é\"\\ end", "\u2028\u2029", "\ufffd"})
    void stringsReadBackExactly(String s) throws IOException {
        byte[] line = new JsonLine(8).string(s).toBytes();
        assertEquals(s, JSON.readTree(line).asText(), new String(line, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-05-02T09:15:27Z", "2024-05-02T09:15:27.100Z", "2024-05-02T09:15:27.123456Z",
            "2024-05-02T09:15:27.123456789Z", "1970-01-01T00:00:00Z", "2024-12-31T23:59:59.000001Z"})
    void instantsAreWrittenAsInstantToStringDoes(String iso) throws IOException {
        Instant t = Instant.parse(iso);
        assertEquals("\"" + t + "\"", new String(new JsonLine(8).instant(t).toBytes(), StandardCharsets.US_ASCII));
    }
}
