package io.tabhook.dsl;

import io.tabhook.sandbox.Faults;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code sandbox.faults}: turned on by name or in --faults' spelling, shown bare, turned off, and felt over HTTP by
 * whoever calls the sandbox's REST API; a mistake is one line with the usage.
 */
class SandboxFaultsWordTest extends InterpreterOnLoopback {
    private final Interpreter interpreter = interpreter(Map.of(), line -> { });

    @AfterEach
    void calm() {
        sandbox.faults(Faults.OFF);
    }

    private static int serverInfoStatus() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl()
                + "/api/3.9/serverinfo")).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void byNameWithTimesInSecondsAndBareItSaysWhatIsOn() {
        assertEquals("sandbox faults: off", interpreter.evaluate("sandbox.faults"));
        assertEquals("sandbox faults: error-rate=0.3,rate-limit=0.1,expire-tokens=3s,latency=50ms,seed=7",
                interpreter.evaluate("sandbox.faults(errorRate: 0.3, rateLimit: 0.1, expireTokens: 3, latency: 0.05, "
                        + "seed: 7)"));
        assertEquals(Faults.parse("error-rate=0.3,rate-limit=0.1,expire-tokens=3s,latency=50ms,seed=7"),
                sandbox.faults());
        assertEquals("sandbox faults: error-rate=0.3,rate-limit=0.1,expire-tokens=3s,latency=50ms,seed=7",
                interpreter.evaluate("sandbox.faults"));
    }

    @Test
    void theSpellingOfTheOptionWorksAndOffEndsThem() throws Exception {
        assertEquals("sandbox faults: rate-limit=1,seed=1", interpreter.evaluate("sandbox.faults('rate-limit=1,seed=1')"));
        assertEquals(429, serverInfoStatus());
        assertEquals("sandbox faults: off", interpreter.evaluate("sandbox.faults('off')"));
        assertEquals(200, serverInfoStatus());
        interpreter.evaluate("sandbox.faults(drop: 0.5, latency: 0.25)");
        assertTrue(sandbox.faults().toString().matches("latency=250ms,drop=0.5,seed=\\d+"), sandbox.faults().toString());
        interpreter.evaluate("sandbox.faults(null)");
        assertEquals(Faults.OFF, sandbox.faults());
    }

    @Test
    void aMistakeIsOneLineWithTheUsage() {
        String usage = " — usage: sandbox.faults(";
        DslException share = assertThrows(DslException.class, () -> interpreter.evaluate("sandbox.faults(errorRate: 2)"));
        assertTrue(share.getMessage().startsWith("sandbox.faults error-rate needs a share of the calls between 0 and 1, "
                + "like error-rate=0.3, not '2"), share.getMessage());
        assertTrue(share.getMessage().contains(usage), share.getMessage());
        DslException both = assertThrows(DslException.class,
                () -> interpreter.evaluate("sandbox.faults('drop=0.1', html: 0.1)"));
        assertTrue(both.getMessage().startsWith("sandbox.faults takes the faults either as one text or by name, not "
                + "both" + usage), both.getMessage());
        DslException time = assertThrows(DslException.class,
                () -> interpreter.evaluate("sandbox.faults(expireTokens: 'soon')"));
        assertTrue(time.getMessage().startsWith("sandbox.faults expireTokens: must be a number, not 'soon'"),
                time.getMessage());
        assertEquals(Faults.OFF, sandbox.faults(), "nothing changed by a mistake");
    }
}
