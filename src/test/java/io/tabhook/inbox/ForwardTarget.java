package io.tabhook.inbox;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Your own service behind the inbox, in tests: records every forwarded request and answers {@link #answer}. */
final class ForwardTarget implements AutoCloseable {
    /** What the target saw. */
    record Seen(String method, String path, Map<String, List<String>> headers, String body) {}

    private final HttpServer server;
    private final LinkedBlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
    volatile int answer = 200;

    ForwardTarget() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            seen.add(new Seen(ex.getRequestMethod(), ex.getRequestURI().getPath(), Map.copyOf(ex.getRequestHeaders()),
                    new String(body, StandardCharsets.UTF_8)));
            ex.sendResponseHeaders(answer, -1);
            ex.close();
        });
        server.start();
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
