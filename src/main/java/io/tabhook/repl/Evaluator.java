package io.tabhook.repl;

import io.tabhook.DaemonThreads;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The thread the shell's commands run on, one at a time, so the prompt's thread can wait for a command, draw its
 * status line and take Ctrl-C. The first Ctrl-C interrupts the command: Groovy code stops at its next loop, closure
 * or method (the engine compiles every line with {@code ThreadInterrupt}), a wait or an HTTP call at once. Code that
 * ignores the interrupt (a Java call that swallows it) is left behind at the second Ctrl-C: this thread is
 * abandoned, still running, and the next command gets a fresh one.
 */
final class Evaluator {
    /** How a command ended. */
    sealed interface Outcome {
        /** It returned {@code value}. */
        record Done(Object value) implements Outcome {}

        /** It threw; {@code interrupted} when Ctrl-C was pressed while it ran. */
        record Failed(Throwable failure, boolean interrupted) implements Outcome {}

        /** It ignored Ctrl-C twice and was left running on an abandoned thread. */
        record Abandoned() implements Outcome {}
    }

    private ExecutorService threads = newThreads();
    private volatile Thread worker;
    private volatile int interrupts;
    private volatile boolean busy;

    private static ExecutorService newThreads() {
        return Executors.newSingleThreadExecutor(DaemonThreads.named("tabhook-eval"));
    }

    /**
     * Runs {@code work} and waits for it, calling {@code tick} about ten times a second meanwhile (for a status line).
     * Returns when it ends, or at once when a second Ctrl-C abandons it.
     */
    Outcome run(Callable<Object> work, Runnable tick) {
        interrupts = 0;
        busy = true;
        Future<Object> f = threads.submit(() -> {
            worker = Thread.currentThread();
            if (interrupts > 0) Thread.currentThread().interrupt(); // Ctrl-C came before the command started
            try {
                return work.call();
            } finally {
                worker = null;
                Thread.interrupted(); // a late Ctrl-C must not reach the next command
            }
        });
        try {
            while (true) {
                try {
                    return new Outcome.Done(f.get(100, TimeUnit.MILLISECONDS));
                } catch (TimeoutException stillRunning) {
                    if (interrupts >= 2) {
                        abandon();
                        return new Outcome.Abandoned();
                    }
                    tick.run();
                } catch (ExecutionException e) {
                    return new Outcome.Failed(e.getCause(), interrupts > 0);
                } catch (InterruptedException e) {
                    // the prompt's own thread is never interrupted but by the JVM going down: treat it as Ctrl-C
                    interrupt();
                }
            }
        } finally {
            busy = false;
        }
    }

    /** Ctrl-C: the first interrupts the running command, the second abandons it. Nothing when no command runs. */
    void interrupt() {
        if (!busy) return;
        interrupts++;
        Thread t = worker;
        if (t != null) t.interrupt();
    }

    /** True once Ctrl-C was pressed during the running command. */
    boolean interrupted() {
        return interrupts > 0;
    }

    /** Leaves the current thread to finish (or not) on its own; the next command runs on a new one. */
    private void abandon() {
        threads.shutdownNow();
        threads = newThreads();
    }

    /** The shell is leaving. */
    void close() {
        threads.shutdownNow();
    }
}
