package io.tabhook.support;

import io.tabhook.api.Fields;
import io.tabhook.api.Shown;

import java.util.Locale;

/**
 * One thing the doctor checked: where ({@code section}: "server", "sign-in", "webhooks" or one webhook), which check,
 * how it stands, what was seen and, unless it is ok, what to do.
 *
 * @param webhookId the webhook a finding is about, or null
 */
public record Finding(String section, String check, Status status, String seen, String todo, String webhookId)
        implements Shown {

    /** How a finding stands; the report's exit code is its worst: 0, 1 or 3 (2 is the usage error of every command). */
    public enum Status {
        OK(0), WARN(1), FAIL(3);

        private final int exitCode;

        Status(int exitCode) {
            this.exitCode = exitCode;
        }

        public int exitCode() { return exitCode; }

        /** {@code ok}, {@code warn} or {@code fail}, as the report and its JSON write it. */
        public String word() { return name().toLowerCase(Locale.ROOT); }

        @Override
        public String toString() { return word(); }
    }

    static Finding ok(String section, String check, String seen) {
        return new Finding(section, check, Status.OK, seen, null, null);
    }

    static Finding warn(String section, String check, String seen, String todo) {
        return new Finding(section, check, Status.WARN, seen, todo, null);
    }

    static Finding fail(String section, String check, String seen, String todo) {
        return new Finding(section, check, Status.FAIL, seen, todo, null);
    }

    /** This finding, about the webhook with this id. */
    Finding about(String id) {
        return new Finding(section, check, status, seen, todo, id);
    }

    public boolean ok() { return status == Status.OK; }

    @Override
    public Fields fields() {
        return new Fields("finding", "findings")
                .add("section", section)
                .add("check", check)
                .add("status", status.word())
                .add("seen", seen)
                .add("todo", "to do", todo)
                .add("webhookId", "webhook id", webhookId)
                .columns("section", "check", "status", "seen", "to do");
    }

    @Override
    public String toString() { return fields().toString(); }
}
