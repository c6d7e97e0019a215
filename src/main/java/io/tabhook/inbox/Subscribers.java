package io.tabhook.inbox;

import io.tabhook.DaemonThreads;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Who hears of deliveries: waiters (a future per wait, completed by the matching delivery) and listeners (called
 * with every delivery and every forward result, in seq order, on one background thread). The store tells it what
 * it commits; it knows nothing of HTTP or the journal.
 */
final class Subscribers implements AutoCloseable {
    private final Object lock = new Object();
    private final List<Waiter> waiters = new ArrayList<>();
    private boolean closed;
    private final CopyOnWriteArrayList<Consumer<Delivery>> deliveryListeners = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<Consumer<Delivery>> forwardListeners = new CopyOnWriteArrayList<>();
    private final ExecutorService notifier = Executors.newSingleThreadExecutor(
            DaemonThreads.named("tabhook-inbox-listeners"));

    private record Waiter(DeliveryFilter filter, CompletableFuture<Delivery> future) {}

    /** Something committed, for the listeners: a new delivery, or the forward result of an earlier one. */
    record Notice(Delivery delivery, boolean forwardResult) {}

    /**
     * A future for the next delivery the filter matches. Cancelling it withdraws the wait; it fails when the
     * filter throws, or when the inbox closes first.
     */
    CompletableFuture<Delivery> waitFor(DeliveryFilter filter) {
        Objects.requireNonNull(filter, "filter");
        CompletableFuture<Delivery> future = new CompletableFuture<>();
        Waiter waiter = new Waiter(filter, future);
        synchronized (lock) {
            if (closed) {
                future.completeExceptionally(new IllegalStateException("the inbox is closed"));
                return future;
            }
            waiters.add(waiter);
        }
        future.whenComplete((d, t) -> {
            synchronized (lock) {
                waiters.remove(waiter);
            }
        });
        return future;
    }

    /**
     * Finds the waiters a new delivery satisfies and adds their wake-ups to {@code wakeUps}, to be run once the
     * caller holds no lock (whatever a waiter's future runs must not block a commit). The store calls this while
     * it adds the delivery to its window, so a wait registered after a delivery became visible never gets it.
     */
    void match(Delivery d, List<Runnable> wakeUps) {
        synchronized (lock) {
            for (int i = 0; i < waiters.size(); i++) {
                Waiter w = waiters.get(i);
                boolean matches;
                try {
                    matches = w.filter.matches(d);
                } catch (RuntimeException e) {
                    waiters.remove(i--);
                    wakeUps.add(() -> w.future.completeExceptionally(e));
                    continue;
                }
                if (matches) {
                    waiters.remove(i--);
                    wakeUps.add(() -> w.future.complete(d));
                }
            }
        }
    }

    AutoCloseable onDelivery(Consumer<Delivery> listener) {
        return listen(deliveryListeners, listener);
    }

    AutoCloseable onForwarded(Consumer<Delivery> listener) {
        return listen(forwardListeners, listener);
    }

    private static AutoCloseable listen(List<Consumer<Delivery>> listeners, Consumer<Delivery> listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Whether anyone listens; the store skips building notices when nobody does. */
    boolean listening() {
        return !deliveryListeners.isEmpty() || !forwardListeners.isEmpty();
    }

    /** Tells the listeners, in this order, on the background thread (a slow listener never delays a commit). */
    void tell(List<Notice> notices) {
        try {
            notifier.execute(() -> {
                for (Notice n : notices) {
                    for (Consumer<Delivery> l : n.forwardResult() ? forwardListeners : deliveryListeners) {
                        try {
                            l.accept(n.delivery());
                        } catch (RuntimeException e) {
                            // one listener's failure must not silence the others
                        }
                    }
                }
            });
        } catch (RuntimeException closing) {
            // listeners are not told once the inbox closes
        }
    }

    /** Refuses new waits, lets listeners finish what they were given, and fails the waits still pending. */
    @Override
    public void close() {
        List<Waiter> left;
        synchronized (lock) {
            closed = true;
            left = new ArrayList<>(waiters);
            waiters.clear();
        }
        notifier.shutdown();
        try {
            if (!notifier.awaitTermination(2, TimeUnit.SECONDS)) notifier.shutdownNow();
        } catch (InterruptedException e) {
            notifier.shutdownNow();
            Thread.currentThread().interrupt();
        }
        for (Waiter w : left) w.future.completeExceptionally(new IllegalStateException("the inbox closed"));
    }
}
