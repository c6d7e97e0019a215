package io.tabhook.sandbox;

import io.tabhook.HumanDuration;
import io.tabhook.api.Fields;
import io.tabhook.api.Shown;
import io.tabhook.events.EventType;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * One line of a webhook's delivery timeline. Mostly a POST the sandbox made to the webhook's destination: which
 * webhook, which event ({@code null} for a test POST), the attempt number (1 to 4), the destination's HTTP status
 * ({@code 0} when it could not be reached), why it failed, how long it took and, when a retry follows, after how long.
 * The other kinds say what happened to the webhook or an event without a POST: the auto-disable, an event dropped
 * because the webhook's queue was full, events not sent because the webhook was disabled or deleted before their turn.
 */
public record DeliveryAttempt(Instant at, String siteLuid, String webhookId, String webhookName, String url,
                              EventType event, Kind kind, int attempt, int status, String error, Duration took,
                              Duration retryIn, String payload) implements Shown {

    /** What a timeline line records, as its JSON {@code what} names it. */
    public enum Kind {
        /** A POST of an event's payload. */
        ATTEMPT("attempt"),
        /** The test POST of Test Webhook. */
        TEST("test"),
        /** The webhook disabled after its last failed attempt; {@code error} is the reason it now shows. */
        DISABLED("disabled"),
        /** An event not queued: the webhook already had the most events waiting that a queue holds. */
        DROPPED("dropped"),
        /** Events that waited for a webhook disabled or deleted before their turn; {@code error} says how many. */
        NOT_SENT("not sent");

        private final String word;

        Kind(String word) { this.word = word; }

        public String word() { return word; }
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    /** True for a POST the destination answered 2xx. */
    public boolean succeeded() {
        return isPost() && status >= 200 && status < 300;
    }

    /** True for the test POST (no event, no retries). */
    public boolean test() {
        return kind == Kind.TEST;
    }

    /** True when this line is a POST: an attempt or the test. */
    public boolean isPost() {
        return kind == Kind.ATTEMPT || kind == Kind.TEST;
    }

    /** What came of it, as people read it: {@code HTTP 500, retry in 200 ms}, {@code webhook disabled: …}. */
    public String outcome() {
        return switch (kind) {
            case ATTEMPT, TEST -> {
                String answer = succeeded() || error == null ? "HTTP " + status : error;
                if (succeeded() || kind == Kind.TEST) yield answer;
                yield answer + (retryIn != null ? ", retry in " + HumanDuration.of(retryIn) : ", no retries left");
            }
            case DISABLED -> "webhook disabled: " + error;
            case DROPPED -> "dropped: " + error;
            case NOT_SENT -> "not sent: " + error;
        };
    }

    /** One line for a log or a notice: {@code #2 WorkbookCreated → http://… : HTTP 500, retry in 400 ms}. */
    public String summary() {
        String what = test() ? "test" : event == null ? "?" : event.apiName();
        return (attempt > 0 ? "#" + attempt + " " : "") + what + " → " + url + " : " + outcome();
    }

    /**
     * A table row per line: time (local, to the millisecond), webhook, event, attempt, outcome (status or error, and
     * the retry), duration; in JSON the same data with the time in UTC, status, error and durations in milliseconds
     * apart, and the webhook's id; never the payload.
     */
    @Override
    public Fields fields() {
        return new Fields("timeline entry", "timeline entries")
                .add("at", "time", at.toString()).shown(TIME.format(at))
                .add("what", kind.word())
                .add("webhookName", "webhook", webhookName)
                .add("webhookId", webhookId)
                .add("event", test() ? "test" : event == null ? null : event.apiName())
                .add("attempt", attempt > 0 ? attempt : null)
                .add("status", isPost() ? status : null).hidden()
                .add("error", error).hidden()
                .add("durationMs", "took", took == null ? null : took.toMillis())
                .shown(took == null ? null : HumanDuration.of(took))
                .add("retryInMs", "retry in", retryIn == null ? null : retryIn.toMillis()).hidden()
                .add("outcome", "outcome", null).shown(outcome())
                .add("url", url).url()
                .add("siteLuid", "site", siteLuid)
                .columns("time", "webhook", "event", "attempt", "outcome", "took");
    }

    @Override
    public String toString() { return fields().toString(); }
}
