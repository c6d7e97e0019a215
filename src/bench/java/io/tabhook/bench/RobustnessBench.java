package io.tabhook.bench;

import io.tabhook.inbox.Inbox;
import io.tabhook.inbox.InboxOptions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The inbox while clients misbehave (issue 10), against an empty handler on the same server technology:
 * <ol>
 *   <li>throughput with no slow connection open, rounds alternating with the empty handler;</li>
 *   <li>ordinary delivery latency (p50/p99, sequential) and throughput (40 senders) while 200 slow connections are
 *       open: half send a header byte per second, half a body byte per second; a connection the server closes is
 *       opened again, so 200 stay open;</li>
 *   <li>the resident memory of a {@code tabhook inbox} process (the launcher's own flags) after 2,000 distinct
 *       deliveries of 1 MiB each.</li>
 * </ol>
 * Every phase has a time budget, so a server that stops answering makes the run report it rather than hang.
 */
final class RobustnessBench {
    static final int SLOW = Integer.getInteger("bench.robust.slow", 200);
    static final int SENDERS = Integer.getInteger("bench.robust.senders", 40);
    static final int ROUNDS = Integer.getInteger("bench.robust.rounds", 4);
    static final int PER_ROUND = Integer.getInteger("bench.robust.perRound", 25_000);
    static final int WARM_UP = Integer.getInteger("bench.robust.warmup", 20_000);
    static final int LATENCY = Integer.getInteger("bench.robust.latency", 2_000);
    static final int BIG = Integer.getInteger("bench.robust.big", 2_000);
    static final int BIG_BYTES = 1 << 20;
    static final long PHASE_BUDGET_NANOS = TimeUnit.SECONDS.toNanos(20);
    static final int TIMEOUT_MS = 5_000;
    static final double TARGET_P99_MS = 100, TARGET_RATIO = 0.75, TARGET_RATE = 24_000, TARGET_RSS_MB = 400;

    private RobustnessBench() {}

    static boolean run() throws Exception {
        Path dir = Files.createTempDirectory("tabhook-bench-robust");
        try {
            return underLoad(dir) & memory(dir);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    // ---- 1 and 2: throughput, and latency with slow connections open ----

    private static boolean underLoad(Path dir) throws Exception {
        Path journal = dir.resolve("robust.jsonl");
        long acknowledged = 0;
        try (InboxBench.EmptyServer empty = new InboxBench.EmptyServer();
             Inbox in = Inbox.start(InboxOptions.defaults().withJournal(journal))) {
            int port = in.url().getPort();
            System.out.printf("robustness: %d slow connections, %d senders, loopback%n", SLOW, SENDERS);
            LoadGenerator.run(empty.port, SENDERS, WARM_UP, i -> InboxBench.payload("warm", i % SENDERS, i));
            LoadGenerator.run(port, SENDERS, WARM_UP, i -> InboxBench.payload("warm", i % SENDERS, i));
            acknowledged += WARM_UP;

            long[] base = new long[ROUNDS], inbox = new long[ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                String tag = "r" + r;
                base[r] = LoadGenerator.run(empty.port, SENDERS, PER_ROUND, i -> InboxBench.payload(tag, i % SENDERS, i));
                inbox[r] = LoadGenerator.run(port, SENDERS, PER_ROUND, i -> InboxBench.payload(tag, i % SENDERS, i));
                acknowledged += PER_ROUND;
            }
            double baseRate = InboxBench.rate((long) PER_ROUND * ROUNDS, Arrays.stream(base).sum());
            double inboxRate = InboxBench.rate((long) PER_ROUND * ROUNDS, Arrays.stream(inbox).sum());
            double[] ratios = new double[ROUNDS];
            for (int r = 0; r < ROUNDS; r++) ratios[r] = (double) base[r] / inbox[r];
            Arrays.sort(ratios);
            double medianRatio = (ratios[(ROUNDS - 1) / 2] + ratios[ROUNDS / 2]) / 2;
            System.out.printf("  no slow connection: empty handler %,9.0f requests/s, inbox %,9.0f deliveries/s, "
                    + "%.2f x (median of round pairs %.2f)%n", baseRate, inboxRate, inboxRate / baseRate, medianRatio);
            System.out.printf("  target >= %.2f x the empty handler: %s; >= %,.0f/s on a quiet machine: %s%n",
                    TARGET_RATIO, medianRatio >= TARGET_RATIO ? "met" : "MISSED", TARGET_RATE,
                    inboxRate >= TARGET_RATE ? "met" : "missed (see the load average)");

            try (SlowConnections slow = new SlowConnections(port, SLOW)) {
                slow.awaitOpen();
                Latency lat = latency(port);
                acknowledged += lat.acknowledged;
                LoadGenerator.Result load = LoadGenerator.run(port, SENDERS, 200_000, PHASE_BUDGET_NANOS,
                        i -> InboxBench.payload("slow", i % SENDERS, i));
                acknowledged += load.done();
                System.out.printf("  with %d slow connections open (%d closed by the server and opened again):%n",
                        SLOW, slow.reopened.get());
                System.out.printf("    latency, %,d sequential deliveries: p50 %.3f ms, p99 %.3f ms, %d timed out "
                        + "(> %d ms)%n", lat.nanos.length, InboxBench.percentile(lat.nanos, 50),
                        InboxBench.percentile(lat.nanos, 99), lat.timedOut, TIMEOUT_MS);
                System.out.printf("    throughput, %d senders: %,.0f deliveries/s (%,d in %.1f s)%n", SENDERS,
                        load.perSecond(), load.done(), load.nanos() / 1e9);
                double p99 = InboxBench.percentile(lat.nanos, 99);
                System.out.printf("    target p99 < %.0f ms: %s%n", TARGET_P99_MS,
                        lat.timedOut == 0 && p99 < TARGET_P99_MS ? "met" : "MISSED");
            }
        }
        // Deliveries the bench stopped waiting for (timed out, or in flight at the end of a budget) may be journalled
        // without an acknowledgement having been seen: more lines than acknowledgements loses nothing.
        long lines = InboxBench.countLines(journal);
        System.out.printf("  journal lines %,d, acknowledged %,d: %s%n", lines, acknowledged,
                lines >= acknowledged ? "none lost" : "LOST " + (acknowledged - lines));
        return lines >= acknowledged;
    }

    private record Latency(long[] nanos, int acknowledged, int timedOut) {}

    /** Sequential deliveries on one keep-alive connection; one that times out is counted at the timeout. */
    private static Latency latency(int port) throws IOException {
        List<Long> nanos = new ArrayList<>();
        int ok = 0, timedOut = 0;
        long started = System.nanoTime();
        KeepAliveSender s = new KeepAliveSender(port, "/latency", TIMEOUT_MS);
        try {
            for (int i = 0; i < LATENCY && System.nanoTime() - started < PHASE_BUDGET_NANOS; i++) {
                long t0 = System.nanoTime();
                try {
                    int status = s.post(InboxBench.payload("lat", 0, i));
                    if (status == 200) ok++;
                    nanos.add(System.nanoTime() - t0);
                } catch (SocketTimeoutException e) {
                    timedOut++;
                    nanos.add(TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS));
                    s.close();
                    s = new KeepAliveSender(port, "/latency", TIMEOUT_MS);
                }
            }
        } finally {
            s.close();
        }
        return new Latency(nanos.stream().mapToLong(Long::longValue).toArray(), ok, timedOut);
    }

    /**
     * Connections that send a byte per second: half of them trickle a header that never ends, half a body that
     * never ends. One that the server closes is opened again at the next tick.
     */
    static final class SlowConnections implements AutoCloseable {
        private final int port;
        private final Socket[] sockets;
        private final Thread ticker;
        final AtomicInteger reopened = new AtomicInteger();
        private volatile boolean stop;
        private final java.util.concurrent.CountDownLatch open = new java.util.concurrent.CountDownLatch(1);

        SlowConnections(int port, int count) {
            this.port = port;
            this.sockets = new Socket[count];
            ticker = new Thread(this::tick, "bench-slow-connections");
            ticker.setDaemon(true);
            ticker.start();
        }

        void awaitOpen() throws InterruptedException {
            if (!open.await(30, TimeUnit.SECONDS)) System.out.println("  (not all slow connections could be opened)");
        }

        private void tick() {
            boolean first = true;
            while (!stop) {
                for (int i = 0; i < sockets.length && !stop; i++) {
                    try {
                        if (sockets[i] == null) {
                            sockets[i] = start(i % 2 == 0);
                            if (!first) reopened.incrementAndGet();
                        } else {
                            sockets[i].getOutputStream().write('a');
                        }
                    } catch (IOException e) {
                        close(i);
                    }
                }
                if (first) open.countDown();
                first = false;
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private Socket start(boolean header) throws IOException {
            Socket s = new Socket();
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            String head = "POST /slow HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
                    + (header ? "X-Slow: " : "Content-Length: 1000000\r\n\r\n{\"slow\":\"");
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return s;
        }

        private void close(int i) {
            try {
                if (sockets[i] != null) sockets[i].close();
            } catch (IOException ignored) {
                // closing
            }
            sockets[i] = null;
        }

        @Override
        public void close() throws InterruptedException {
            stop = true;
            ticker.interrupt();
            ticker.join(5000);
            for (int i = 0; i < sockets.length; i++) close(i);
        }
    }

    // ---- 3. memory after large deliveries ----

    private static final Pattern URL = Pattern.compile("listening on (http://\\S+)");

    private static boolean memory(Path dir) throws Exception {
        String launcher = System.getProperty("bench.launcher");
        if (launcher == null) {
            System.out.println("  memory: skipped (no -Dbench.launcher; scripts/bench sets it)");
            return true;
        }
        Path home = Files.createDirectories(dir.resolve("home"));
        Path journal = dir.resolve("big.jsonl");
        ProcessBuilder pb = new ProcessBuilder(launcher, "inbox", "--port", "0", "--journal", journal.toString(),
                "--json");
        pb.environment().put("TABHOOK_HOME", home.toString());
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process child = pb.start();
        try {
            BufferedReader err = new BufferedReader(new InputStreamReader(child.getErrorStream(), StandardCharsets.UTF_8));
            int port = -1;
            for (String line; port < 0 && (line = err.readLine()) != null; ) {
                Matcher m = URL.matcher(line);
                if (m.find()) port = java.net.URI.create(m.group(1)).getPort();
            }
            if (port < 0) throw new IOException("tabhook inbox did not start");
            Thread drain = new Thread(() -> {
                try {
                    err.transferTo(java.io.Writer.nullWriter());
                } catch (IOException ignored) {
                    // the child went away
                }
            });
            drain.setDaemon(true);
            drain.start();
            long rssBefore = status(child.pid(), "VmRSS");
            int senders = 4;
            ExecutorService pool = Executors.newFixedThreadPool(senders);
            AtomicInteger next = new AtomicInteger();
            AtomicInteger ok = new AtomicInteger();
            long started = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            final int p = port;
            for (int t = 0; t < senders; t++) {
                done.add(pool.submit(() -> {
                    byte[] body = bigBody();
                    try (KeepAliveSender s = new KeepAliveSender(p, "/big", 60_000)) {
                        for (int i; (i = next.getAndIncrement()) < BIG; ) {
                            stamp(body, i);
                            if (s.post(body) == 200) ok.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get(5, TimeUnit.MINUTES);
            pool.shutdown();
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;
            long rss = status(child.pid(), "VmRSS");
            long peak = status(child.pid(), "VmHWM");
            child.destroy();
            child.waitFor(10, TimeUnit.SECONDS);
            long lines = InboxBench.countLines(journal);
            System.out.printf("  memory: tabhook inbox --json, %,d distinct deliveries of 1 MiB by %d senders in %d s: "
                    + "RSS %,d MB after (peak %,d MB; %,d MB at start)%n", BIG, senders, seconds, rss / 1024,
                    peak / 1024, rssBefore / 1024);
            System.out.printf("    acknowledged %,d, journal lines %,d: %s; target RSS < %.0f MB: %s%n", ok.get(), lines,
                    lines == ok.get() ? "none lost" : "LOST OR DOUBLED", TARGET_RSS_MB,
                    rss / 1024 < TARGET_RSS_MB ? "met" : "MISSED");
            return lines == ok.get();
        } finally {
            child.destroyForcibly();
        }
    }

    /** A Tableau-shaped JSON payload padded to exactly 1 MiB; {@link #stamp} makes each one distinct. */
    private static byte[] bigBody() {
        String head = "{\"resource\":\"WORKBOOK\",\"event_type\":\"WorkbookUpdated\",\"resource_name\":\"big-0000000\","
                + "\"site_luid\":\"8b2a95d8-52b9-40a4-8712-cd6da771bd1b\",\"created_at\":\"2024-05-02T09:15:27Z\","
                + "\"padding\":\"";
        byte[] body = new byte[BIG_BYTES];
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(h, 0, body, 0, h.length);
        for (int i = h.length; i < body.length - 2; i++) body[i] = (byte) ('a' + i % 26);
        body[body.length - 2] = '"';
        body[body.length - 1] = '}';
        return body;
    }

    private static void stamp(byte[] body, int i) {
        int at = "{\"resource\":\"WORKBOOK\",\"event_type\":\"WorkbookUpdated\",\"resource_name\":\"big-".length();
        String n = String.format("%07d", i);
        for (int k = 0; k < 7; k++) body[at + k] = (byte) n.charAt(k);
    }

    /** A kB figure from /proc/PID/status. */
    private static long status(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field + ":")) return Long.parseLong(line.replaceAll("\\D", ""));
        }
        return -1;
    }
}
