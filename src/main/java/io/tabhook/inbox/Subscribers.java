package io.tabhook.inbox;

import io.tabhook.DaemonThreads;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Who hears of deliveries: waiters (a future per wait, completed by the matching delivery), those waiting for a
 * delivery's forward result, and listeners (each told of every delivery and forward result, in seq order, on a thread
 * of its own, through a bounded queue: one that falls behind is skipped and told, never buffered without limit). The
 * store tells it what it commits; it knows nothing of HTTP or the journal.
 */
final class Subscribers implements AutoCloseable {
    /** Notices a listener may have waiting before later ones are skipped. */
    static final int QUEUE_NOTICES = 10_000;
    /** Bytes of bodies (those still in memory) a listener's waiting notices may hold before later ones are skipped. */
    static final long QUEUE_BYTES = 16L * 1024 * 1024;

    private final Object lock = new Object();
    private final List<Waiter> waiters = new ArrayList<>();
    private final Map<Long, List<CompletableFuture<Delivery>>> forwardWaiters = new HashMap<>();
    private boolean closed;
    private final CopyOnWriteArrayList<Channel> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService notifier = Executors.newCachedThreadPool(
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

    /** A future for delivery {@code seq} with its forward result, completed when that result is committed. */
    CompletableFuture<Delivery> waitForForward(long seq) {
        CompletableFuture<Delivery> future = new CompletableFuture<>();
        synchronized (lock) {
            if (closed) {
                future.completeExceptionally(new IllegalStateException("the inbox is closed"));
                return future;
            }
            forwardWaiters.computeIfAbsent(seq, s -> new ArrayList<>(1)).add(future);
        }
        future.whenComplete((d, t) -> {
            synchronized (lock) {
                List<CompletableFuture<Delivery>> left = forwardWaiters.get(seq);
                if (left != null && left.remove(future) && left.isEmpty()) forwardWaiters.remove(seq);
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

    /** Adds the wake-ups of those waiting for this delivery's forward result. */
    void forwarded(Delivery d, List<Runnable> wakeUps) {
        synchronized (lock) {
            List<CompletableFuture<Delivery>> waiting = forwardWaiters.remove(d.seq());
            if (waiting != null) for (CompletableFuture<Delivery> f : waiting) wakeUps.add(() -> f.complete(d));
        }
    }

    AutoCloseable listen(InboxListener listener) {
        Objects.requireNonNull(listener, "listener");
        Channel channel = new Channel(listener);
        listeners.add(channel);
        return () -> listeners.remove(channel);
    }

    AutoCloseable onDelivery(Consumer<Delivery> listener) {
        Objects.requireNonNull(listener, "listener");
        return listen(new InboxListener() {
            @Override
            public void delivered(Delivery d) {
                listener.accept(d);
            }
        });
    }

    AutoCloseable onForwarded(Consumer<Delivery> listener) {
        Objects.requireNonNull(listener, "listener");
        return listen(new InboxListener() {
            @Override
            public void forwarded(Delivery d) {
                listener.accept(d);
            }
        });
    }

    /** Whether anyone listens; the store skips building notices when nobody does. */
    boolean listening() {
        return !listeners.isEmpty();
    }

    /** Queues the notices, in this order, for every listener (a slow listener never delays a commit). */
    void tell(List<Notice> notices) {
        for (Channel c : listeners) c.offer(notices);
    }

    /** Refuses new waits, lets listeners finish what they were given, and fails the waits still pending. */
    @Override
    public void close() {
        List<Waiter> left;
        List<CompletableFuture<Delivery>> forwardsLeft = new ArrayList<>();
        synchronized (lock) {
            closed = true;
            left = new ArrayList<>(waiters);
            waiters.clear();
            forwardWaiters.values().forEach(forwardsLeft::addAll);
            forwardWaiters.clear();
        }
        for (Channel c : listeners) c.closing();
        notifier.shutdown();
        try {
            if (!notifier.awaitTermination(2, TimeUnit.SECONDS)) notifier.shutdownNow();
        } catch (InterruptedException e) {
            notifier.shutdownNow();
            Thread.currentThread().interrupt();
        }
        IllegalStateException closing = new IllegalStateException("the inbox closed");
        for (Waiter w : left) w.future.completeExceptionally(closing);
        for (CompletableFuture<Delivery> f : forwardsLeft) f.completeExceptionally(closing);
    }

    /**
     * One listener's queue: notices wait here until its thread takes them. Beyond the bound, notices are skipped;
     * the count goes into the queue as one marker, so the listener hears of the gap exactly where it was.
     */
    private final class Channel {
        private final InboxListener listener;
        private final ArrayDeque<Object> queue = new ArrayDeque<>(); // Queued, or Skipped where notices were skipped
        private int notices;
        private long bytes;
        private boolean draining;
        private boolean closing;

        Channel(InboxListener listener) {
            this.listener = listener;
        }

        void offer(List<Notice> batch) {
            synchronized (this) {
                if (closing) return;
                for (Notice n : batch) {
                    long size = bodyBytes(n);
                    if (notices >= QUEUE_NOTICES || notices > 0 && bytes + size > QUEUE_BYTES) {
                        Object tail = queue.peekLast();
                        InboxListener.Skipped gap = tail instanceof InboxListener.Skipped s ? s
                                : new InboxListener.Skipped(0, 0, 0, 0);
                        if (tail instanceof InboxListener.Skipped) queue.pollLast();
                        queue.addLast(gap.plus(n.forwardResult(), n.delivery().seq()));
                        continue;
                    }
                    queue.addLast(new Queued(n, size));
                    notices++;
                    bytes += size;
                }
                if (draining || queue.isEmpty()) return;
                draining = true;
            }
            try {
                notifier.execute(this::drain);
            } catch (RuntimeException shuttingDown) {
                synchronized (this) {
                    draining = false;
                }
            }
        }

        private void drain() {
            while (true) {
                Object next;
                synchronized (this) {
                    next = queue.pollFirst();
                    if (next == null) {
                        draining = false;
                        return;
                    }
                    if (next instanceof Queued q) {
                        notices--;
                        bytes -= q.bytes();
                    }
                }
                try {
                    if (next instanceof Queued q) {
                        Notice n = q.notice();
                        if (n.forwardResult()) listener.forwarded(n.delivery());
                        else listener.delivered(n.delivery());
                    } else {
                        listener.skipped((InboxListener.Skipped) next);
                    }
                } catch (RuntimeException e) {
                    // one listener's failure must not silence the others, nor its own later notices
                }
            }
        }

        synchronized void closing() {
            closing = true;
        }

        /** A notice waiting, and the body bytes it held in memory when it was queued. */
        private record Queued(Notice notice, long bytes) {}

        private static long bodyBytes(Notice n) {
            DeliveryBody b = n.delivery().content();
            return b.inMemory() ? b.length() : 0;
        }
    }
}
