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
    private volatile int status;
    private volatile String answer;

    private Destination(int status, String answer) {
        this.status = status;
        this.answer = answer;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", ex -> {
            try (ex) {
                String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                received.add(new Received(ex.getRequestMethod(), ex.getRequestURI().getPath(),
                        ex.getRequestHeaders(), body));
                byte[] out = this.answer.getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(this.status, out.length == 0 ? -1 : out.length);
                if (out.length > 0) {
                    try (OutputStream o = ex.getResponseBody()) {
                        o.write(out);
                    }
                }
            }
        });
        server.start();
    }

    static Destination answering(int status, String body) {
        return new Destination(status, body);
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
    }
}
