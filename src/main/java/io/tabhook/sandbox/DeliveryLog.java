package io.tabhook.sandbox;

import io.tabhook.events.EventType;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * What the delivery engine did, as a timeline: the latest {@value #KEPT} lines (every POST, each auto-disable, each
 * event dropped or not sent), oldest first; and how many deliveries are still under way, so tests and the doctor can
 * wait until everything has been tried and retried.
 */
public final class DeliveryLog {
    static final int KEPT = 10_000;

    private final Deque<DeliveryAttempt> lines = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private int pending;
    private final List<Consumer<DeliveryAttempt>> disabledListeners = new CopyOnWriteArrayList<>();

    /** The kept POSTs (attempts and tests), oldest first. */
    public List<DeliveryAttempt> attempts() {
        return timeline().stream().filter(DeliveryAttempt::isPost).toList();
    }

    /** The kept POSTs to one webhook, oldest first. */
    public List<DeliveryAttempt> attemptsFor(String webhookId) {
        return attempts().stream().filter(a -> a.webhookId().equals(webhookId)).toList();
    }

    /**
     * Every kept line, oldest first. A POST is logged when its answer comes but dated when it was sent, so the lines
     * are put in the order of their times (a hanging POST comes before the quick ones sent after it).
     */
    public List<DeliveryAttempt> timeline() {
        List<DeliveryAttempt> copy;
        lock.lock();
        try {
            copy = new ArrayList<>(lines);
        } finally {
            lock.unlock();
        }
        copy.sort(Comparator.comparing(DeliveryAttempt::at)); // stable: a disable stays after its last attempt
        return List.copyOf(copy);
    }

    /**
     * The kept lines of one site, one webhook and one event, oldest first; a null filter takes all. The webhook is its
     * id or a name it had at one of its lines, so a renamed webhook's earlier lines come with it.
     */
    public List<DeliveryAttempt> timeline(String siteLuid, String webhook, EventType event) {
        List<DeliveryAttempt> all = timeline();
        Set<String> ids = webhook == null ? null : all.stream()
                .filter(a -> a.webhookId().equalsIgnoreCase(webhook.trim()) || webhook.equals(a.webhookName()))
                .map(a -> a.webhookId().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        return all.stream()
                .filter(a -> siteLuid == null || siteLuid.equalsIgnoreCase(a.siteLuid()))
                .filter(a -> ids == null || ids.contains(a.webhookId().toLowerCase(Locale.ROOT)))
                .filter(a -> event == null || event == a.event())
                .toList();
    }

    /** Deliveries queued or still retrying: each event counts once per webhook until its delivery is over. */
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

    void finished(int deliveries) {
        lock.lock();
        try {
            pending = Math.max(0, pending - deliveries);
            if (pending == 0) idle.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void record(DeliveryAttempt line) {
        lock.lock();
        try {
            lines.addLast(line);
            while (lines.size() > KEPT) lines.removeFirst();
        } finally {
            lock.unlock();
        }
    }
}
