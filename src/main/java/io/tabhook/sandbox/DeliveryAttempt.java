package io.tabhook.sandbox;

import io.tabhook.events.EventType;

import java.time.Instant;

/**
 * One POST the sandbox made to a webhook's destination: which webhook, which event ({@code null} for a test POST),
 * the attempt number (1 to 4), the destination's HTTP status ({@code 0} when it could not be reached) and, when the
 * attempt failed, why.
 */
public record DeliveryAttempt(Instant at, String siteLuid, String webhookId, String webhookName, String url,
                              EventType event, boolean test, int attempt, int status, String error,
                              String payload) {

    /** True when the destination answered 2xx. */
    public boolean succeeded() {
        return status >= 200 && status < 300;
    }

    /** One line for a log or the doctor: {@code #2 WorkbookCreated → http://… : HTTP 500}. */
    public String summary() {
        String what = test ? "test" : event == null ? "?" : event.apiName();
        String outcome = succeeded() ? "HTTP " + status : error != null ? error : "HTTP " + status;
        return "#" + attempt + " " + what + " → " + url + " : " + outcome;
    }
}
