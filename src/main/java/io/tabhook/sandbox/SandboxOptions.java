package io.tabhook.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * How a sandbox runs: where it listens, how long a sign-in token lives, the first retry delay of a failed delivery
 * (it doubles for each later retry) and the largest request body it reads.
 */
public record SandboxOptions(String bind, int port, Duration tokenTtl, Duration retryBackoff, long maxBodyBytes) {

    public SandboxOptions {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(tokenTtl, "tokenTtl");
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535, not " + port);
        if (tokenTtl.isNegative() || tokenTtl.isZero()) throw new IllegalArgumentException("token TTL must be positive");
        if (retryBackoff.isNegative()) throw new IllegalArgumentException("retry backoff must not be negative");
        if (maxBodyBytes < 1) throw new IllegalArgumentException("max body size must be at least 1 byte");
    }

    /** Loopback, a free port, Tableau Server's 240-minute tokens, 200 ms first retry, 1 MiB bodies. */
    public static SandboxOptions defaults() {
        return new SandboxOptions("127.0.0.1", 0, Duration.ofMinutes(240), Duration.ofMillis(200), 1024 * 1024);
    }

    public SandboxOptions withBind(String bind) {
        return new SandboxOptions(bind, port, tokenTtl, retryBackoff, maxBodyBytes);
    }

    public SandboxOptions withPort(int port) {
        return new SandboxOptions(bind, port, tokenTtl, retryBackoff, maxBodyBytes);
    }

    public SandboxOptions withTokenTtl(Duration tokenTtl) {
        return new SandboxOptions(bind, port, tokenTtl, retryBackoff, maxBodyBytes);
    }

    public SandboxOptions withRetryBackoff(Duration retryBackoff) {
        return new SandboxOptions(bind, port, tokenTtl, retryBackoff, maxBodyBytes);
    }

    public SandboxOptions withMaxBodyBytes(long maxBodyBytes) {
        return new SandboxOptions(bind, port, tokenTtl, retryBackoff, maxBodyBytes);
    }
}
