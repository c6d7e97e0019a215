package io.tabhook.inbox;

import java.net.URI;

/**
 * What the forward target made of a delivery: its HTTP status, or the error that prevented one.
 *
 * @param target the URL the delivery was passed on to
 * @param status the target's HTTP status, 0 when there was none
 * @param millis time from sending to the response headers (or to the failure)
 * @param error  why there was no response, or null
 */
public record ForwardResult(URI target, int status, long millis, String error) {

    /** True when the target answered 2xx. */
    public boolean ok() {
        return error == null && status >= 200 && status < 300;
    }

    /** {@code 200 forwarded to http://localhost:9000/ (12 ms)}, or the error in the same shape. */
    public String describe() {
        if (error != null) return "failed to forward to " + target + ": " + error + " (" + millis + " ms)";
        return status + " forwarded to " + target + " (" + millis + " ms)";
    }

    /** The result's journal line for the delivery it belongs to (without the newline). */
    public String toJson(long deliverySeq) {
        byte[] line = JournalLine.forward(deliverySeq, this);
        return new String(line, 0, line.length - 1, java.nio.charset.StandardCharsets.UTF_8);
    }
}
