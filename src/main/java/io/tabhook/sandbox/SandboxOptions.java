package io.tabhook.sandbox;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How a sandbox runs: where it listens, how long a sign-in token lives, the first retry delay of a failed delivery
 * (it doubles for each later retry), the largest request body it reads, how long a delivery may take to connect
 * and then to be answered, how many events may wait for one webhook behind the one being delivered, what goes wrong
 * on purpose ({@link Faults}), and where the site moved to (null: it did not).
 */
public record SandboxOptions(String bind, int port, Duration tokenTtl, Duration retryBackoff, long maxBodyBytes,
                             Duration deliveryConnectTimeout, Duration deliveryReadTimeout, int deliveryQueueLimit,
                             Faults faults, URI movedTo) {

    public SandboxOptions {
        Objects.requireNonNull(faults, "faults");
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(tokenTtl, "tokenTtl");
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535, not " + port);
        if (tokenTtl.isNegative() || tokenTtl.isZero()) throw new IllegalArgumentException("token TTL must be positive");
        if (retryBackoff.isNegative()) throw new IllegalArgumentException("retry backoff must not be negative");
        if (maxBodyBytes < 1) throw new IllegalArgumentException("max body size must be at least 1 byte");
        Objects.requireNonNull(deliveryConnectTimeout, "deliveryConnectTimeout");
        Objects.requireNonNull(deliveryReadTimeout, "deliveryReadTimeout");
        if (deliveryConnectTimeout.isNegative() || deliveryConnectTimeout.isZero()
                || deliveryReadTimeout.isNegative() || deliveryReadTimeout.isZero()) {
            throw new IllegalArgumentException("delivery timeouts must be positive");
        }
        if (deliveryQueueLimit < 1) {
            throw new IllegalArgumentException("a delivery queue must hold at least 1 event, not " + deliveryQueueLimit);
        }
    }

    /**
     * Loopback, a free port, Tableau Server's 240-minute tokens, 200 ms first retry, 1 MiB bodies, and Tableau
     * Server's delivery timeouts: 5 s to connect, 3 s to read ({@code webhooks.http.timeout.connect} 5000 and
     * {@code webhooks.http.timeout.read} 3000, quoted in tableau/rest-api-samples#61), and up to 1,000 events waiting
     * per webhook.
     */
    public static SandboxOptions defaults() {
        return new SandboxOptions("127.0.0.1", 0, Duration.ofMinutes(240), Duration.ofMillis(200), 1024 * 1024,
                Duration.ofSeconds(5), Duration.ofSeconds(3), 1000, Faults.OFF, null);
    }

    public SandboxOptions withBind(String bind) {
        return new SandboxOptions(bind, port, tokenTtl, retryBackoff, maxBodyBytes, deliveryConnectTimeout,
                deliveryReadTimeout, deliveryQueueLimit, faults, movedTo);
    }

    public SandboxOptions withPort(int port) {
        return new SandboxOptions(bind, port, tokenTtl, retryBackoff, maxBodyBytes, deliveryConnectTimeout,
                deliveryReadTimeout, deliveryQueueLimit, faults, movedTo);
    }

    public SandboxOptions withTokenTtl(Duration tokenTtl) {
        return new SandboxOptions(bind, port, tokenTtl, retryBackoff, maxBodyBytes, deliveryConnectTimeout,
                deliveryReadTimeout, deliveryQueueLimit, faults, movedTo);
    }

    public SandboxOptions withRetryBackoff(Duration retryBackoff) {
        return new SandboxOptions(bind, port, tokenTtl, retryBackoff, maxBodyBytes, deliveryConnectTimeout,
                deliveryReadTimeout, deliveryQueueLimit, faults, movedTo);
    }

    public SandboxOptions withMaxBodyBytes(long maxBodyBytes) {
        return new SandboxOptions(bind, port, tokenTtl, retryBackoff, maxBodyBytes, deliveryConnectTimeout,
                deliveryReadTimeout, deliveryQueueLimit, faults, movedTo);
    }

    /** How long a delivery or test POST may take to connect (Tableau Server: 5 s). */
    public SandboxOptions withDeliveryConnectTimeout(Duration timeout) {
        return new SandboxOptions(bind, port, tokenTtl, retryBackoff, maxBodyBytes, timeout, deliveryReadTimeout,
                deliveryQueueLimit, faults, movedTo);
    }

    /** How long a delivery or test POST may then wait for the answer (Tableau Server: 3 s). */
    public SandboxOptions withDeliveryReadTimeout(Duration timeout) {
        return new SandboxOptions(bind, port, tokenTtl, retryBackoff, maxBodyBytes, deliveryConnectTimeout, timeout,
                deliveryQueueLimit, faults, movedTo);
    }

    /**
     * How many events may wait for one webhook while an earlier one is being delivered (default 1,000); a newer
     * event finds the queue full and is dropped, with a line in the delivery log.
     */
    public SandboxOptions withDeliveryQueueLimit(int events) {
        return new SandboxOptions(bind, port, tokenTtl, retryBackoff, maxBodyBytes, deliveryConnectTimeout,
                deliveryReadTimeout, events, faults, movedTo);
    }

    /** What goes wrong on the REST routes from the start ({@link Sandbox#faults(Faults)} changes it later). */
    public SandboxOptions withFaults(Faults faults) {
        return new SandboxOptions(bind, port, tokenTtl, retryBackoff, maxBodyBytes, deliveryConnectTimeout,
                deliveryReadTimeout, deliveryQueueLimit, faults, movedTo);
    }

    /**
     * The site moved to {@code base} ({@code http://127.0.0.1:9101}): every REST call is answered 301 to the same path
     * there, as Tableau Cloud answers for a site moved to another pod; null: it did not move.
     */
    public SandboxOptions withMovedTo(URI base) {
        return new SandboxOptions(bind, port, tokenTtl, retryBackoff, maxBodyBytes, deliveryConnectTimeout,
                deliveryReadTimeout, deliveryQueueLimit, faults, base);
    }
}
