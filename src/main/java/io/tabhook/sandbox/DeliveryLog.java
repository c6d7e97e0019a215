package io.tabhook.sandbox;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * What the delivery engine did: the latest attempts (newest last, at most {@value #KEPT}), and how many deliveries
 * are still under way, so tests and the doctor can wait until everything has been tried and retried.
 */
public final class DeliveryLog {
    static final int KEPT = 1000;

    private final Deque<DeliveryAttempt> attempts = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private int pending;
    private final List<Consumer<DeliveryAttempt>> disabledListeners = new CopyOnWriteArrayList<>();

    /** The kept attempts, oldest first. */
    public List<DeliveryAttempt> attempts() {
        lock.lock();
        try {
            return List.copyOf(attempts);
        } finally {
            lock.unlock();
        }
    }

    /** The kept attempts for one webhook, oldest first. */
    public List<DeliveryAttempt> attemptsFor(String webhookId) {
        return attempts().stream().filter(a -> a.webhookId().equals(webhookId)).toList();
    }

    /** Deliveries queued or still retrying (each event counts until all its webhooks are done). */
    public int pending() {
        lock.lock();
        try {
            return pending;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until no delivery is queued or retrying; true if that happened within the timeout. A retry schedule is
     * part of a delivery, so after this returns a failing webhook has been disabled.
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (pending > 0) {
                if (nanos <= 0) return false;
                nanos = idle.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Calls the listener with the last failed attempt whenever the sandbox disables a webhook after failed deliveries
     * (Tableau sends no event for that; the shell prints a notice). Close the returned handle to stop.
     */
    public AutoCloseable onDisabled(Consumer<DeliveryAttempt> listener) {
        disabledListeners.add(listener);
        return () -> disabledListeners.remove(listener);
    }

    void disabled(DeliveryAttempt last) {
        for (Consumer<DeliveryAttempt> l : disabledListeners) {
            try {
                l.accept(last);
            } catch (RuntimeException e) {
                // a listener's failure is not the delivery's
            }
        }
    }

    void started() {
        lock.lock();
        try {
            pending++;
        } finally {
            lock.unlock();
        }
    }

    void finished() {
        lock.lock();
        try {
            if (pending > 0) pending--;
            if (pending == 0) idle.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void record(DeliveryAttempt attempt) {
        lock.lock();
        try {
            attempts.addLast(attempt);
            while (attempts.size() > KEPT) attempts.removeFirst();
        } finally {
            lock.unlock();
        }
    }
}
