package io.tabhook.inbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A request as it reached the inbox, before it has a seq: over the inbox's own HTTP port, or handed over by
 * anything else that receives deliveries (a relay, through {@link Inbox#receive}). The {@link DeliveryStore} turns it
 * into a {@link Delivery}.
 *
 * @param headers as sent; credentials are redacted here, so nothing after this sees them
 * @param body    the exact bytes
 */
public record Arrival(Instant receivedAt, String method, String path, Map<String, List<String>> headers, byte[] body) {
    public Arrival {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        headers = RequestHeaders.of(headers);
        body = body == null ? new byte[0] : body;
    }

}
