package io.tabhook.support;

import io.tabhook.HumanDuration;
import io.tabhook.OneLine;
import io.tabhook.api.Fields;
import io.tabhook.api.Shown;
import io.tabhook.api.Webhook;
import io.tabhook.api.WebhookTestResult;
import io.tabhook.client.NotTableauAnswer;
import io.tabhook.session.Session;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One webhook's test call (Test Webhook: the server POSTs a test to the destination): the status the destination
 * answered, how long the whole call took and the first words of the answer; or, when the call itself failed, why.
 *
 * @param status the destination's status as the server reports it (408 when it could not connect), or null when the
 *               test call failed
 * @param answer the first words of the destination's answer, or the failure of the call
 */
public record TestedWebhook(String id, String name, String event, Integer status, Duration took, String answer)
        implements Shown {

    /** Tests each webhook in turn. */
    public static List<TestedWebhook> all(Session session, List<Webhook> hooks) {
        return hooks.stream().map(w -> of(session, w)).toList();
    }

    /** Tests one webhook; a failed call is a result too, not an exception. */
    public static TestedWebhook of(Session session, Webhook hook) {
        long start = System.nanoTime();
        try {
            WebhookTestResult r = session.call(() -> session.client().testWebhook(hook.id()));
            return new TestedWebhook(hook.id(), hook.name(), hook.event(), r.status(), since(start),
                    NotTableauAnswer.firstWords((r.body() == null ? "" : r.body()).getBytes(StandardCharsets.UTF_8)));
        } catch (RuntimeException e) {
            return new TestedWebhook(hook.id(), hook.name(), hook.event(), null, since(start), Doctor.describe(e));
        }
    }

    private static Duration since(long start) {
        return Duration.ofMillis(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    /** The destination answered 2xx. */
    public boolean ok() {
        return status != null && status >= 200 && status < 300;
    }

    /** {@code 200 in 35 ms: "ok"}, or {@code test call failed: …}. */
    String line() {
        return status == null ? "the test call failed: " + answer
                : status + " in " + HumanDuration.of(took) + ": " + answer;
    }

    @Override
    public Fields fields() {
        return new Fields("test", "tests")
                .add("id", id).hidden()
                .add("name", name)
                .add("event", event)
                .add("status", status).cell(status == null ? "-" : String.valueOf(status))
                .add("ok", ok()).hidden()
                .add("tookMs", "time", took.toMillis()).shown(HumanDuration.of(took))
                .add("answer", OneLine.of(answer))
                .columns("name", "event", "status", "time", "answer");
    }

    @Override
    public String toString() { return fields().toString(); }
}
