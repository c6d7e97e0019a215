package io.tabhook.inbox;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Your own service behind the inbox, in tests: records every forwarded request and answers {@link #answer}. A test
 * class that wants one per test registers it: {@code @RegisterExtension final ForwardTarget target = ForwardTarget.started();}
 */
final class ForwardTarget implements AutoCloseable, AfterEachCallback {
    /** What the target saw. */
    record Seen(String method, String path, Map<String, List<String>> headers, String body) {}

    private final HttpServer server;
    private final LinkedBlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
    volatile int answer = 200;
    /** How many of the next requests are answered 500 before {@link #answer} applies: a target that recovers. */
    final java.util.concurrent.atomic.AtomicInteger failFirst = new java.util.concurrent.atomic.AtomicInteger();

    ForwardTarget() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            seen.add(new Seen(ex.getRequestMethod(), ex.getRequestURI().getPath(), Map.copyOf(ex.getRequestHeaders()),
                    new String(body, StandardCharsets.UTF_8)));
            ex.sendResponseHeaders(failFirst.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : answer, -1);
            ex.close();
        });
        server.start();
    }

    /** A target already listening, for a field initializer; closed after each test when registered. */
    static ForwardTarget started() {
        try {
            return new ForwardTarget();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/local/tableau");
    }

    /** The next request forwarded, or null after ten seconds. */
    Seen next() throws InterruptedException {
        return seen.poll(10, TimeUnit.SECONDS);
    }

    /** The forward of delivery {@code seq} (forwards may arrive in any order); fails after twenty seconds. */
    Seen seen(long seq) throws InterruptedException {
        List<Seen> all = until(seq);
        return all.get(all.size() - 1);
    }

    /** Every request seen until the forward of delivery {@code seq}, that one last; fails after twenty seconds. */
    List<Seen> until(long seq) throws InterruptedException {
        List<Seen> all = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            Seen s = seen.poll(1, TimeUnit.SECONDS);
            if (s == null) continue;
            all.add(s);
            if (List.of(Long.toString(seq)).equals(s.headers().get("X-tabhook-delivery"))) return all;
        }
        throw new AssertionError("delivery #" + seq + " was not forwarded; seen: " + all);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
