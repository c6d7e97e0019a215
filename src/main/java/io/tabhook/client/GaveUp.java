package io.tabhook.client;

import io.tabhook.OneLine;
import io.tabhook.api.TableauError;

/**
 * A call the server kept failing (429, 5xx, a dropped connection) until the time for tries ran out: one line that says
 * how many tries over how long, and what the last one got: Tableau's error, an answer that was not Tableau's (as a
 * {@link NotTableauAnswer} says it) or the connection's failure, which is also the cause.
 */
public final class GaveUp extends RuntimeException {
    private final int tries;

    GaveUp(String call, Tries tries, String why, RuntimeException last) {
        super("gave up after " + tries.summary() + (why == null ? "" : " (" + why + ")") + ": " + describe(call, last),
                last);
        this.tries = tries.count();
    }

    /** How many times the call was sent. */
    public int tries() { return tries; }

    /** What the last try got. */
    public RuntimeException lastFailure() { return (RuntimeException) getCause(); }

    private static String describe(String call, RuntimeException last) {
        if (last instanceof TableauError e) {
            return call + " answered HTTP " + e.httpStatus() + ", Tableau " + OneLine.of(e.getMessage());
        }
        return OneLine.of(last.getMessage());
    }
}
