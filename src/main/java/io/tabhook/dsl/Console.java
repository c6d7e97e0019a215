package io.tabhook.dsl;

import java.time.Duration;

/** What the DSL needs from whoever runs it: the shell, a script runner, or a test. */
public interface Console {
    /** A progress line ({@code log}). */
    void log(String line);

    /** Called while a wait is under way, a few times a second, so the user sees that it waits. */
    default void waiting(String what, Duration remaining) { }

    /** The wait ended (matched, timed out or cancelled). */
    default void doneWaiting() { }

    /**
     * A secret asked for with a masked prompt; null when nobody can answer (a script, CI). Ctrl-C at the prompt
     * throws a {@link java.util.concurrent.CancellationException}.
     */
    default String readSecret(String prompt) { return null; }

    /** Whether {@link #confirm} can ask someone: a shell or a terminal, not a script or CI. */
    default boolean canConfirm() { return false; }

    /**
     * A yes-or-no question; true only for a yes. Null when nobody can answer. Ctrl-C at the question throws a
     * {@link java.util.concurrent.CancellationException}.
     */
    default Boolean confirm(String question) { return null; }

    /** A console that prints progress to stderr and cannot ask. */
    static Console stderr() {
        return line -> System.err.println(line);
    }
}
