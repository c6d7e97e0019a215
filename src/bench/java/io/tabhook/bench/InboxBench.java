package io.tabhook.bench;

import io.tabhook.BoundedServer;
import io.tabhook.inbox.Delivery;
import io.tabhook.inbox.DeliveryFilter;
import io.tabhook.inbox.Inbox;
import io.tabhook.inbox.InboxOptions;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The inbox against an empty handler on the same server (Jetty, as {@link BoundedServer} sets it up), under the same
 * load in the same JVM:
 * <ol>
 *   <li>deliveries per second from 40 concurrent keep-alive senders with the journal on, checking that the journal
 *       holds exactly as many lines as were acknowledged;</li>
 *   <li>latency from a POST to the wake-up of a caller waiting for it, against a plain POST round trip.</li>
 * </ol>
 */
final class InboxBench {
    static final int SENDERS = Integer.getInteger("bench.inbox.senders", 40);
    static final int DELIVERIES = Integer.getInteger("bench.inbox.deliveries", 200_000);
    static final int ROUNDS = Integer.getInteger("bench.inbox.rounds", 8);
    static final int WARM_UP = Integer.getInteger("bench.inbox.warmup", 20_000);
    static final int FSYNC_DELIVERIES = Integer.getInteger("bench.inbox.fsync", 10_000);
    static final int LATENCY_ROUNDS = Integer.getInteger("bench.inbox.latency", 2_000);
    static final double TARGET_PER_SECOND = 20_000;
    static final double TARGET_P99_MS = 5;
    private static final byte[] ACK = "{\"ok\":true,\"seq\":123456}".getBytes(StandardCharsets.US_ASCII);

    private InboxBench() {}

    static boolean run() throws Exception {
        Path dir = Files.createTempDirectory("tabhook-bench-inbox");
        try {
            return throughput(dir) & latency(dir);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        }
    }

    // ---- 1. throughput ----

    private static boolean throughput(Path dir) throws Exception {
        int perRound = DELIVERIES / ROUNDS;
        System.out.printf("inbox throughput: %d keep-alive senders, %,d deliveries in %d rounds alternating with as many "
                + "to the baseline (after %,d each to warm up), loopback%n", SENDERS, perRound * ROUNDS, ROUNDS, WARM_UP);
        Path journal = dir.resolve("throughput.jsonl");
        long[] base = new long[ROUNDS], inbox = new long[ROUNDS];
        try (EmptyServer empty = new EmptyServer();
             Inbox in = Inbox.start(InboxOptions.defaults().withJournal(journal))) {
            int inboxPort = in.url().getPort();
            LoadGenerator.run(empty.port, SENDERS, WARM_UP, i -> payload("warm", i % SENDERS, i));
            LoadGenerator.run(inboxPort, SENDERS, WARM_UP, i -> payload("warm", i % SENDERS, i));
            // Alternating rounds: whatever else the machine does hits both alike.
            for (int r = 0; r < ROUNDS; r++) {
                String tag = "r" + r;
                base[r] = LoadGenerator.run(empty.port, SENDERS, perRound, i -> payload(tag, i % SENDERS, i));
                inbox[r] = LoadGenerator.run(inboxPort, SENDERS, perRound, i -> payload(tag, i % SENDERS, i));
            }
        }
        long lines = countLines(journal);
        long sent = WARM_UP + (long) perRound * ROUNDS;

        Path fsyncJournal = dir.resolve("fsync.jsonl");
        double fsync;
        try (Inbox in = Inbox.start(InboxOptions.defaults().withJournal(fsyncJournal).withFsync(true))) {
            fsync = rate(FSYNC_DELIVERIES, LoadGenerator.run(in.url().getPort(), SENDERS, FSYNC_DELIVERIES,
                    i -> payload("fsync", i % SENDERS, i)));
        }
        long fsyncLines = countLines(fsyncJournal);

        double baseline = rate(perRound * ROUNDS, Arrays.stream(base).sum());
        double journalled = rate(perRound * ROUNDS, Arrays.stream(inbox).sum());
        double bestBase = rate(perRound, Arrays.stream(base).min().orElseThrow());
        double bestInbox = rate(perRound, Arrays.stream(inbox).min().orElseThrow());
        double[] pairRatios = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) pairRatios[r] = (double) base[r] / inbox[r];
        Arrays.sort(pairRatios);
        double medianRatio = (pairRatios[(ROUNDS - 1) / 2] + pairRatios[ROUNDS / 2]) / 2;
        System.out.printf("  rounds, requests/s  baseline %s%n", rounds(perRound, base));
        System.out.printf("                      inbox    %s%n", rounds(perRound, inbox));
        System.out.printf("  baseline, empty handler (same server)  %,9.0f requests/s    best round %,9.0f%n",
                baseline, bestBase);
        System.out.printf("  inbox, journal on (written to the OS)   %,9.0f deliveries/s  best round %,9.0f   "
                + "%.2f x baseline (median of round pairs %.2f)%n", journalled, bestInbox, journalled / baseline,
                medianRatio);
        System.out.printf("  inbox, --fsync (group commit), %,d     %,9.0f deliveries/s%n", FSYNC_DELIVERIES, fsync);
        boolean none = lines == sent && fsyncLines == FSYNC_DELIVERIES;
        System.out.printf("  journal lines %,d of %,d acknowledged; fsync journal %,d of %,d: %s%n",
                lines, sent, fsyncLines, FSYNC_DELIVERIES, none ? "none lost" : "LOST OR DOUBLED");
        System.out.printf("  target >= %,.0f deliveries/s journalled: %s over the whole run, %s in the best round "
                + "(other load on the machine only ever slows a round down)%n", TARGET_PER_SECOND,
                journalled >= TARGET_PER_SECOND ? "met" : "missed", bestInbox >= TARGET_PER_SECOND ? "met" : "missed");
        return none;
    }

    static double rate(long count, long nanos) {
        return count / (nanos / 1e9);
    }

    private static String rounds(int perRound, long[] nanos) {
        return String.join(" ", Arrays.stream(nanos).mapToObj(n -> String.format("%,.0f", rate(perRound, n))).toList());
    }

    static byte[] payload(String tag, int sender, int i) {
        return ("{\"resource\":\"WORKBOOK\",\"event_type\":\"WorkbookUpdated\",\"resource_name\":\"Q3 Sales\","
                + "\"site_luid\":\"8b2a95d8-52b9-40a4-8712-cd6da771bd1b\",\"resource_luid\":\"" + tag + "-" + sender
                + "-" + i + "-208f-438e-b0a1-df3ff789ca51\",\"created_at\":\"2024-05-02T09:15:27Z\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static long countLines(Path file) throws IOException {
        long lines = 0;
        byte[] chunk = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(chunk)) > 0; ) {
                for (int i = 0; i < n; i++) if (chunk[i] == '\n') lines++;
            }
        }
        return lines;
    }

    // ---- 2. wake-up latency ----

    private static boolean latency(Path dir) throws Exception {
        System.out.printf("inbox wake-up latency: %,d sequential deliveries (after as many to warm up)%n", LATENCY_ROUNDS);
        long[] baseline;
        try (EmptyServer empty = new EmptyServer(); KeepAliveSender s = new KeepAliveSender(empty.port, "/")) {
            roundTrips(s, LATENCY_ROUNDS);
            baseline = roundTrips(s, LATENCY_ROUNDS);
        }
        long[] wakeUps;
        try (Inbox in = Inbox.start(InboxOptions.defaults().withJournal(dir.resolve("latency.jsonl")));
             KeepAliveSender s = new KeepAliveSender(in.url().getPort(), "/")) {
            wakeUps(in, s, LATENCY_ROUNDS);
            wakeUps = wakeUps(in, s, LATENCY_ROUNDS);
        }
        double p99 = percentile(wakeUps, 99);
        System.out.printf("  baseline, POST round trip to an empty handler   p50 %6.3f ms   p99 %6.3f ms%n",
                percentile(baseline, 50), percentile(baseline, 99));
        System.out.printf("  POST until the waiting caller wakes (journal on) p50 %6.3f ms   p99 %6.3f ms   %.2f x / %.2f x baseline%n",
                percentile(wakeUps, 50), p99, percentile(wakeUps, 50) / percentile(baseline, 50),
                p99 / percentile(baseline, 99));
        System.out.printf("  target wake-up p99 < %.0f ms: %s%n", TARGET_P99_MS, p99 < TARGET_P99_MS ? "met" : "MISSED");
        return true;
    }

    private static long[] roundTrips(KeepAliveSender s, int rounds) throws IOException {
        long[] nanos = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            byte[] body = payload("rt", 0, i);
            long t0 = System.nanoTime();
            s.post(body);
            nanos[i] = System.nanoTime() - t0;
        }
        return nanos;
    }

    /**
     * A caller thread waits with {@code next(filter).get()}, which is what {@code await} does; the sender posts
     * only once the wait is registered, and the time runs from the first byte written to the caller waking.
     */
    private static long[] wakeUps(Inbox inbox, KeepAliveSender s, int rounds) throws Exception {
        long[] nanos = new long[rounds];
        SynchronousQueue<CompletableFuture<Delivery>> registered = new SynchronousQueue<>();
        SynchronousQueue<Long> woke = new SynchronousQueue<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                for (int i = 0; i < rounds; i++) {
                    CompletableFuture<Delivery> next = inbox.next(DeliveryFilter.event("workbook-updated"), false);
                    registered.put(next);
                    next.get(10, TimeUnit.SECONDS);
                    woke.put(System.nanoTime());
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "bench-waiting-caller");
        caller.setDaemon(true);
        caller.start();
        for (int i = 0; i < rounds; i++) {
            registered.take();
            byte[] body = payload("wake", 0, i);
            long t0 = System.nanoTime();
            s.post(body);
            Long t1 = woke.poll(10, TimeUnit.SECONDS);
            if (t1 == null) throw new IllegalStateException("the waiting caller was not woken", failure.get());
            nanos[i] = t1 - t0;
        }
        caller.join(10_000);
        return nanos;
    }

    static double percentile(long[] nanos, double p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int at = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, at))] / 1e6;
    }

    /**
     * The baseline: the same server as the inbox's ({@link BoundedServer}: Jetty with tabhook's limits) whose handler
     * reads the body the same way and answers 200 with a body as small as the inbox's.
     */
    static final class EmptyServer implements AutoCloseable {
        final BoundedServer server;
        final int port;

        EmptyServer() throws IOException {
            server = BoundedServer.start("bench-empty", InetAddress.getLoopbackAddress(), 0, new Handler.Abstract() {
                @Override
                public boolean handle(Request request, Response response, Callback callback) {
                    BoundedServer.readBody(request, 1 << 20, (body, failure) ->
                            BoundedServer.answer(response, callback, 200, "application/json", ACK, false));
                    return true;
                }
            });
            port = server.port();
        }

        @Override
        public void close() {
            server.close();
        }
    }
}
