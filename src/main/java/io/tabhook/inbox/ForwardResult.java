package io.tabhook.inbox;

import io.tabhook.HumanDuration;
import io.tabhook.Printable;
import io.tabhook.api.Fields;
import io.tabhook.api.Shown;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * What the forward target made of a delivery, in the end: its HTTP status, or the error that prevented one, after how
 * many attempts (a failed forward is tried again a few times before this is recorded), or the result of a replay.
 *
 * @param target   the URL the delivery was passed on to
 * @param status   the target's HTTP status, 0 when there was none
 * @param millis   time from sending to the response headers (or to the failure), of the last attempt
 * @param error    why there was no response, or null
 * @param attempts how many times it was sent (1 when the first answer was final)
 * @param answer   the first words of the target's answer when it was not 2xx, or null
 * @param replay   whether a user's replay sent it, rather than forwarding as it arrived
 */
public record ForwardResult(URI target, int status, long millis, String error, int attempts, String answer,
                            boolean replay) implements Shown {

    public ForwardResult {
        if (attempts < 1) attempts = 1;
    }

    /** The result of one attempt on arrival. */
    public ForwardResult(URI target, int status, long millis, String error) {
        this(target, status, millis, error, 1, null, false);
    }

    /** True when the target answered 2xx. */
    public boolean ok() {
        return error == null && status >= 200 && status < 300;
    }

    /** The same result after {@code n} attempts. */
    ForwardResult afterAttempts(int n) {
        return new ForwardResult(target, status, millis, error, n, answer, replay);
    }

    /** The same result, sent by a replay. */
    ForwardResult asReplay() {
        return new ForwardResult(target, status, millis, error, attempts, answer, true);
    }

    /**
     * What the target said, shortly: {@code HTTP 200}, {@code HTTP 500 "Internal error"}, {@code connection refused};
     * the answer's control characters escaped, as it is printed on terminals.
     */
    public String outcome() {
        if (error != null) return error;
        return "HTTP " + status + (answer == null || answer.isBlank() || ok() ? "" : " \"" + Printable.line(answer) + "\"");
    }

    /**
     * {@code 200 forwarded to http://localhost:9000/ (12 ms)}, {@code failed to forward to … after 4 attempts: HTTP 500
     * (3 ms)}; a replay says so.
     */
    public String describe() {
        String verb = replay ? "replay" : "forward";
        String took = " (" + HumanDuration.of(Duration.ofMillis(millis)) + ")";
        if (ok()) return status + " " + verb + "ed to " + target + took;
        return "failed to " + verb + " to " + target + (attempts > 1 ? " after " + attempts + " attempts" : "") + ": "
                + outcome() + took;
    }

    /** A table cell: {@code 200}, {@code ✗ 500 ×4}, {@code ✗ connection refused ×4}; a replay is marked ↻. */
    String cell() {
        String what = error != null ? error : String.valueOf(status);
        return (ok() ? "" : "✗ ") + what + (attempts > 1 ? " ×" + attempts : "") + (replay ? " ↻" : "");
    }

    /** The result's journal line for the delivery it belongs to (without the newline). */
    public String toJson(long deliverySeq) {
        byte[] line = JournalLine.forward(deliverySeq, this);
        return new String(line, 0, line.length - 1, StandardCharsets.UTF_8);
    }

    @Override
    public Fields fields() {
        return new Fields("forward result", "forward results")
                .add("target", String.valueOf(target))
                .add("ok", ok()).cell(ok() ? "yes" : "no")
                .add("status", status > 0 ? status : null)
                .add("error", error)
                .add("answer", answer)
                .add("attempts", attempts)
                .add("ms", "took", millis).shown(HumanDuration.of(Duration.ofMillis(millis)))
                .add("replay", replay ? Boolean.TRUE : null)
                .summary(describe());
    }

    @Override
    public String toString() {
        return describe();
    }
}
