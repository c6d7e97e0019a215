package io.tabhook.sandbox;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A webhook destination for tests: a JDK server on loopback that records every POST and answers as told. */
final class Destination implements AutoCloseable {

    record Received(String method, String path, Headers headers, String body) {}

    private final HttpServer server;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final java.util.Deque<Integer> statuses = new java.util.concurrent.ConcurrentLinkedDeque<>();
    private volatile String answer;
    private volatile java.time.Duration delay = java.time.Duration.ZERO;
    /** Open unless the destination is {@link #holding}: then closed until {@link #release()}. */
    private volatile java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(0);
    private final java.util.concurrent.ExecutorService executor = Executors.newCachedThreadPool();

    private Destination(String answer, int... statuses) {
        for (int s : statuses) this.statuses.add(s);
        this.answer = answer;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", ex -> {
            try (ex) {
                String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                received.add(new Received(ex.getRequestMethod(), ex.getRequestURI().getPath(),
                        ex.getRequestHeaders(), body));
                try {
                    Thread.sleep(delay.toMillis());
                    gate.await();
                } catch (InterruptedException e) {
                    return;
                }
                byte[] out = this.answer.getBytes(StandardCharsets.UTF_8);
                // each answer takes the next scripted status; the last one repeats
                int status = nextStatus();
                ex.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
                if (out.length > 0) {
                    try (OutputStream o = ex.getResponseBody()) {
                        o.write(out);
                    }
                }
            }
        });
        server.start();
    }

    private synchronized int nextStatus() {
        return statuses.size() > 1 ? statuses.poll() : statuses.peek();
    }

    static Destination answering(int status, String body) {
        return new Destination(body, status);
    }

    /** Answers only after a delay: a destination slower than the sandbox's read timeout. */
    static Destination answeringAfter(java.time.Duration delay, int status, String body) {
        Destination d = new Destination(body, status);
        d.delay = delay;
        return d;
    }

    /**
     * Takes every request and answers none until {@link #release()}: a destination that hangs for as long as a test
     * needs it to, then answers {@code status} to the requests it held, and at once after that.
     */
    static Destination holding(int status) {
        Destination d = new Destination("", status);
        d.gate = new java.util.concurrent.CountDownLatch(1);
        return d;
    }

    /** A holding destination answers what it held, and everything later at once. */
    void release() {
        gate.countDown();
    }

    /** How many requests arrived and are not yet taken by {@link #next()} or {@link #drain()}. */
    int waiting() {
        return received.size();
    }

    /** Answers the statuses in turn, repeating the last, with an empty body. */
    static Destination answeringInTurn(int... statuses) {
        return new Destination("", statuses);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    String url() {
        return url("/hook");
    }

    /** The next request, waiting at most ten seconds. */
    Received next() throws InterruptedException {
        Received r = received.poll(10, TimeUnit.SECONDS);
        if (r == null) throw new AssertionError("no delivery arrived within 10 s");
        return r;
    }

    /** Everything received so far, without waiting. */
    List<Received> drain() {
        List<Received> out = new ArrayList<>();
        received.drainTo(out);
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
