package io.tabhook.inbox;

import io.tabhook.DaemonThreads;
import io.tabhook.HumanDuration;
import io.tabhook.Loopback;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Passes each delivery on to another URL, like {@code stripe listen --forward-to}, in the background so the
 * acknowledgement to the sender never waits for it. A forward that fails (no connection, no answer in time, 408, 429
 * or 5xx) is sent again after a growing pause, a few times ({@link Retries}); only the final result is recorded, once
 * per delivery. What waits is bounded: at most {@link #IN_FLIGHT} forwards at once, and {@link #MAX_WAITING}
 * deliveries (or bodies of the memory budget) waiting in all; a delivery beyond that is recorded at once as not
 * forwarded, to be replayed later. It decides which URLs it forwards to: http(s) only, and never the inbox itself.
 */
final class Forwarder implements AutoCloseable {
    /** Forwards sent at the same time; more wait their turn. */
    static final int IN_FLIGHT = 16;
    /** Deliveries waiting to be forwarded (or sent again), at most. */
    static final int MAX_WAITING = 10_000;

    /**
     * How often a failed forward is tried, and the pause before the second try (doubling after each, at most
     * {@link #LONGEST_PAUSE}).
     */
    record Retries(int attempts, Duration firstPause) {
        /** Four tries over about 7 s (pauses of 1, 2 and 4 s): a restarting automation comes back in time. */
        static final Retries DEFAULT = new Retries(4, Duration.ofSeconds(1));
        static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);

        Retries {
            if (attempts < 1 || attempts > 20) throw new IllegalArgumentException("forward attempts must be 1..20, not " + attempts);
            if (firstPause == null || firstPause.isNegative()) throw new IllegalArgumentException("the pause before a retry must be 0 or more");
        }

        /** The pause after attempt {@code done} failed. */
        Duration pauseAfter(int done) {
            Duration d = firstPause.multipliedBy(1L << Math.min(20, done - 1));
            return d.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : d;
        }
    }

    private final URI target;
    private final Retries retries;
    private final long maxWaitingBytes;
    private final ForwardCall call = new ForwardCall();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("tabhook-inbox-forward-retry"));

    private final Object lock = new Object();
    private final ArrayDeque<Job> ready = new ArrayDeque<>();
    private final Map<Long, Job> unfinished = new LinkedHashMap<>();
    private int inFlight;
    private long waitingBytes;
    private boolean closed;

    /** A delivery on its way: which attempt is next, and who hears the final result. */
    private static final class Job {
        final Delivery delivery;
        final BiConsumer<Delivery, ForwardResult> done;
        int attempt = 1;
        boolean finished;

        Job(Delivery delivery, BiConsumer<Delivery, ForwardResult> done) {
            this.delivery = delivery;
            this.done = done;
        }
    }

    /**
     * A forwarder for the inbox listening on {@code inbox}.
     *
     * @throws IllegalArgumentException when the target is not an http(s) URL, or is the inbox itself
     */
    static Forwarder to(URI target, InetSocketAddress inbox, Retries retries, long maxWaitingBytes) {
        refuseInbox(checkTarget(target), inbox, "forward-to");
        return new Forwarder(target, retries, maxWaitingBytes);
    }

    private Forwarder(URI target, Retries retries, long maxWaitingBytes) {
        this.target = target;
        this.retries = retries;
        this.maxWaitingBytes = maxWaitingBytes;
    }

    /** Refuses anything but an http(s) URL with a host, in one line that says what is wanted. */
    static URI checkTarget(URI target) {
        String scheme = target.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || target.getHost() == null)
            throw new IllegalArgumentException(notAUrl(String.valueOf(target)));
        return target;
    }

    /** The one line for a forward target that is not an http(s) URL. */
    static String notAUrl(String typed) {
        return "forward-to must be an http(s) URL, not '" + typed + "'";
    }

    /** Refuses a target that is the inbox on {@code inbox}: {@code what} would send each delivery back to it. */
    static void refuseInbox(URI target, InetSocketAddress inbox, String what) {
        if (isInbox(target, inbox)) {
            throw new IllegalArgumentException(what + " " + target + " is this inbox itself (port " + inbox.getPort()
                    + " on this machine); every delivery would come back to it forever");
        }
    }

    /**
     * Whether sending to {@code target} would reach the inbox listening on {@code inbox}: the same port, and a host
     * that lands on this machine however it is spelled ({@code localhost}, {@code 127.1}, {@code 0},
     * {@code [::ffff:127.0.0.1]}, a name that resolves to one of this machine's addresses, the bind address itself).
     * Decided by address, not by spelling. https is never the inbox, which speaks only http.
     */
    static boolean isInbox(URI target, InetSocketAddress inbox) {
        if (!"http".equalsIgnoreCase(target.getScheme()) || target.getHost() == null) return false;
        int port = target.getPort() < 0 ? 80 : target.getPort();
        if (port != inbox.getPort()) return false;
        String host = target.getHost();
        if (Loopback.reachesThisMachine(host)) return true;
        InetAddress bound = inbox.getAddress();
        try {
            for (InetAddress a : InetAddress.getAllByName(host.replaceAll("^\\[|]$", ""))) {
                if (a.equals(bound) || a.isAnyLocalAddress() || a.isLoopbackAddress()
                        || NetworkInterface.getByInetAddress(a) != null) return true;
            }
        } catch (UnknownHostException | SocketException | SecurityException e) {
            return false; // a name that does not resolve reaches nothing, the inbox included
        }
        return false;
    }

    URI target() { return target; }

    /** Sends the delivery on, with retries; {@code done} gets the final outcome, success or not, exactly once. */
    void forward(Delivery d, BiConsumer<Delivery, ForwardResult> done) {
        Job job = new Job(d, done);
        String refused = null;
        synchronized (lock) {
            if (closed) {
                refused = "forwarding stopped before it was sent";
            } else if (unfinished.size() >= MAX_WAITING
                    || !unfinished.isEmpty() && waitingBytes + d.content().length() > maxWaitingBytes) {
                refused = "not forwarded: " + unfinished.size() + " deliveries were already waiting for " + target
                        + " (it is slow or down); replay it later";
            } else {
                unfinished.put(d.seq(), job);
                waitingBytes += d.content().length();
                ready.addLast(job);
            }
        }
        if (refused != null) {
            job.finished = true;
            done.accept(d, new ForwardResult(target, 0, 0, refused));
            return;
        }
        pump();
    }

    /** Whether delivery {@code seq} is still on its way (its final result not yet recorded). */
    boolean pending(long seq) {
        synchronized (lock) {
            return unfinished.containsKey(seq);
        }
    }

    /** Starts waiting jobs while fewer than {@link #IN_FLIGHT} are being sent. */
    private void pump() {
        List<Job> start = new ArrayList<>();
        synchronized (lock) {
            while (!closed && inFlight < IN_FLIGHT && !ready.isEmpty()) {
                start.add(ready.pollFirst());
                inFlight++;
            }
        }
        for (Job job : start) call.send(job.delivery, target).whenComplete((r, e) -> answered(job, r));
    }

    private void answered(Job job, ForwardResult result) {
        synchronized (lock) {
            inFlight--;
        }
        if (result != null && !result.ok() && retryable(result) && job.attempt < retries.attempts()) {
            Duration pause = retries.pauseAfter(job.attempt);
            job.attempt++;
            try {
                timer.schedule(() -> {
                    synchronized (lock) {
                        if (closed || job.finished) return;
                        ready.addLast(job);
                    }
                    pump();
                }, pause.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException closing) {
                finish(job, new ForwardResult(target, 0, 0, "forwarding stopped before the next attempt"));
            }
        } else {
            finish(job, result == null ? new ForwardResult(target, 0, 0, "no result") : result.afterAttempts(job.attempt));
        }
        pump();
    }

    /** Whether another attempt may get a better answer: no connection or answer, 408, 429 or 5xx. */
    static boolean retryable(ForwardResult r) {
        return r.error() != null || r.status() == 408 || r.status() == 429 || r.status() >= 500;
    }

    private void finish(Job job, ForwardResult result) {
        synchronized (lock) {
            if (job.finished) return;
            job.finished = true;
        }
        try {
            job.done.accept(job.delivery, result);
        } finally {
            synchronized (lock) {
                // only now: whoever asks meanwhile finds it still pending, then sees the recorded result
                if (unfinished.remove(job.delivery.seq(), job)) waitingBytes -= job.delivery.content().length();
            }
        }
    }

    /** What a description of the retries says: {@code up to 4 attempts, pauses from 1 s}. */
    String describeRetries() {
        return retries.attempts() == 1 ? "no retries"
                : "up to " + retries.attempts() + " attempts, pauses from " + HumanDuration.of(retries.firstPause());
    }

    /**
     * Stops forwarding: what is still on its way is recorded as not forwarded (so it shows, and can be replayed),
     * and nothing more is sent.
     */
    @Override
    public void close() {
        List<Job> left;
        synchronized (lock) {
            if (closed) return;
            closed = true;
            left = new ArrayList<>(unfinished.values());
            ready.clear();
        }
        timer.shutdownNow();
        call.close();
        for (Job job : left) {
            finish(job, new ForwardResult(target, 0, 0, "forwarding to " + target
                    + " stopped before an answer came (attempt " + job.attempt + ")"));
        }
    }
}
