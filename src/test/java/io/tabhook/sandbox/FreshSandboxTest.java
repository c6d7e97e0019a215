package io.tabhook.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.io.IOException;
import java.time.Duration;

/**
 * Each test on a fresh sandbox (quick retries), the demo server administrator signed in to {@link #signInSite()}, and a
 * webhook destination answering 200: what the tests of the methods that change a site start from.
 */
abstract class FreshSandboxTest {
    Sandbox sandbox;
    Caller admin;
    Destination dest;

    /** The site admin signs in to; the workshop site unless a test class says otherwise. */
    String signInSite() {
        return Demo.WORKSHOP_SITE;
    }

    @BeforeEach
    final void startSandbox() throws IOException {
        sandbox = Sandbox.start(SandboxOptions.defaults().withRetryBackoff(Duration.ofMillis(10)));
        admin = Caller.signedIn(sandbox, Demo.ADMIN_USER, Demo.ADMIN_PASSWORD, signInSite());
        dest = Destination.answering(200, "ok");
    }

    @AfterEach
    final void stopSandbox() {
        sandbox.close();
        dest.close();
    }

    /** The payload of the next delivery to the destination. */
    JsonNode payload() throws Exception {
        return Caller.JSON.readTree(dest.next().body());
    }
}
