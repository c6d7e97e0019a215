package io.tabhook.cli;

import java.util.Map;
import java.util.Properties;

/**
 * The JDK HTTP server's process-wide settings. The JDK reads them once, when the first server of the JVM starts, so
 * they are set here, once, by {@link Main} before anything starts; a user's own {@code -D} wins. Tests get the same
 * values from surefire's {@code systemPropertyVariables} (pom.xml), the benchmarks from {@code scripts/bench}.
 */
final class JdkSettings {
    private JdkSettings() {}

    static final Map<String, String> DEFAULTS = Map.of(
            // The server writes a response's head and body separately: without TCP_NODELAY the body waits for the
            // client's delayed ACK, about 40 ms per request.
            "sun.net.httpserver.nodelay", "true",
            // Seconds a request may take to arrive in full before the server drops it. 10, not the sandbox's old 30:
            // the inbox runs its handlers on the server's one dispatcher thread, so a sender that stalls mid-request
            // holds up every delivery until then, while the sandbox's requests (≤ 1 MiB, one thread each) arrive in
            // milliseconds even from across a network.
            "sun.net.httpserver.maxReqTime", "10");

    /** Sets each default that {@code properties} do not hold yet. */
    static void applyDefaults(Properties properties) {
        DEFAULTS.forEach(properties::putIfAbsent);
    }
}
