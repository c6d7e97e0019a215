package io.tabhook.inbox;

import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tabhook.DaemonThreads;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The inbox's HTTP side, over the JDK's built-in server (the only part of the inbox that knows it): every POST to
 * any path is an {@link Arrival} handed to the {@link DeliveryStore}, answered 200 once the store has journalled it;
 * GET answers a summary, HEAD and OPTIONS what HTTP expects, anything else 405.
 */
final class HttpReceiver implements AutoCloseable {
    /**
     * Handler threads in fsync mode: deliveries waiting on one fsync are committed together by the next, so more
     * threads mean bigger groups. Without fsync, handlers run on the JDK server's own dispatcher thread: a journal
     * write to the OS takes microseconds, and handing each request to a pool thread and back cost a quarter of the
     * CPU per delivery on two cores (docs/performance.md).
     */
    static final int FSYNC_HANDLER_THREADS = 32;
    private static final int SUMMARY_LAST = 10;
    private static final String ALLOW = "GET, HEAD, POST, OPTIONS";

    private final HttpServer server;
    private final ExecutorService handlers; // null: the JDK dispatcher thread runs the handlers
    private final InetSocketAddress address;
    private final URI url;
    private final DeliveryStore store;
    private final long maxBody;

    private HttpReceiver(HttpServer server, ExecutorService handlers, InetSocketAddress address, URI url,
                         DeliveryStore store, long maxBody) {
        this.server = server;
        this.handlers = handlers;
        this.address = address;
        this.url = url;
        this.store = store;
        this.maxBody = maxBody;
    }

    /**
     * Binds the port; {@link #start()} then starts answering.
     *
     * @throws BindException when the port is taken, with what to do about it
     */
    static HttpReceiver bind(InboxOptions options, DeliveryStore store) throws IOException {
        InetAddress host = InetAddress.getByName(options.bind());
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, options.port()), 1024);
        } catch (BindException e) {
            throw new BindException("cannot listen on " + options.bind() + ":" + options.port() + " ("
                    + e.getMessage() + "); is another inbox running? try another --port, or 0 for any free one");
        }
        ExecutorService handlers = null;
        if (options.fsync()) {
            handlers = Executors.newFixedThreadPool(FSYNC_HANDLER_THREADS, DaemonThreads.named("tabhook-inbox"));
            server.setExecutor(handlers);
        }
        int port = server.getAddress().getPort();
        HttpReceiver receiver = new HttpReceiver(server, handlers, new InetSocketAddress(host, port),
                urlOf(options.bind(), port), store, options.maxBodyBytes());
        server.createContext("/", receiver::handle);
        return receiver;
    }

    void start() {
        server.start();
    }

    /** The address bound, as the user named it, with the actual port. */
    InetSocketAddress address() {
        return address;
    }

    /** {@code http://127.0.0.1:PORT/}; a wildcard bind is reached on loopback. */
    URI url() {
        return url;
    }

    /**
     * Stops answering; requests already being handled get up to two seconds. They are never interrupted: a thread
     * interrupted in the middle of a journal write closes the journal's channel for everyone.
     */
    @Override
    public void close() {
        server.stop(0);
        if (handlers == null) return;
        handlers.shutdown();
        try {
            handlers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange ex) {
        try (ex) {
            switch (ex.getRequestMethod()) {
                case "POST" -> receive(ex);
                case "GET" -> respond(ex, 200, summary());
                case "HEAD" -> {
                    ex.getResponseHeaders().set("Content-Type", "application/json");
                    ex.sendResponseHeaders(200, -1);
                }
                case "OPTIONS" -> {
                    ex.getResponseHeaders().set("Allow", ALLOW);
                    ex.sendResponseHeaders(204, -1);
                }
                default -> {
                    ex.getResponseHeaders().set("Allow", ALLOW);
                    respond(ex, 405, error("method " + ex.getRequestMethod()
                            + " is not accepted here: POST a delivery, or GET a summary"));
                }
            }
        } catch (IOException | RuntimeException e) {
            // The sender went away or sent something the JDK server could not frame; the connection closes.
        }
    }

    private void receive(HttpExchange ex) throws IOException {
        Instant receivedAt = Instant.now();
        long declared = declaredLength(ex);
        if (declared > maxBody) {
            tooLarge(ex, "body larger than " + maxBody + " bytes; nothing was kept");
            return;
        }
        // Never read more than the limit plus one byte, whatever the sender claims or streams. The stream is not
        // closed here: closing drains it, and a 413 must go out before anything more is read.
        InputStream in = ex.getRequestBody();
        byte[] body = declared >= 0 ? in.readNBytes((int) declared) : in.readNBytes((int) maxBody + 1);
        if (body.length > maxBody) {
            tooLarge(ex, "body larger than " + maxBody + " bytes; nothing was kept");
            return;
        }
        URI uri = ex.getRequestURI();
        String path = uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
        Delivery d;
        try {
            d = store.accept(new Arrival(receivedAt, ex.getRequestMethod(), path, ex.getRequestHeaders(), body));
        } catch (JournalLine.TooLong e) {
            tooLarge(ex, e.getMessage() + "; nothing was kept");
            return;
        } catch (IOException e) {
            respond(ex, 503, error("the journal could not be written (" + e + "); please retry"));
            return;
        } catch (IllegalStateException e) {
            respond(ex, 503, error(e.getMessage()));
            return;
        }
        respond(ex, 200, ("{\"ok\":true,\"seq\":" + d.seq()
                + (d.duplicate() ? ",\"duplicateOf\":" + d.duplicateOf() : "") + "}").getBytes(StandardCharsets.US_ASCII));
    }

    private static long declaredLength(HttpExchange ex) {
        String value = ex.getRequestHeaders().getFirst("Content-Length");
        if (value == null) return -1;
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1; // the JDK server rejects such requests before we see them
        }
    }

    private static void tooLarge(HttpExchange ex, String message) throws IOException {
        // Closing the connection is what stops the sender; the JDK server drains at most a little of the rest.
        ex.getResponseHeaders().set("Connection", "close");
        respond(ex, 413, error(message));
    }

    /** {@code count}, and the last ten deliveries newest first: what a person with curl wants to see. */
    private byte[] summary() {
        DeliveryStore.Recent recent = store.recent(SUMMARY_LAST);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("inbox", url.toString());
            g.writeNumberField("count", recent.count());
            g.writeArrayFieldStart("last");
            List<Delivery> last = recent.last();
            for (int i = last.size() - 1; i >= 0; i--) {
                Delivery d = last.get(i);
                g.writeStartObject();
                g.writeNumberField("seq", d.seq());
                g.writeStringField("receivedAt", d.receivedAt().toString());
                g.writeStringField("summary", d.describe());
                if (d.payload() != null) g.writeObjectField("payload", d.payload().fields());
                if (d.forward() != null) g.writeStringField("forward", d.forward().describe());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    private static byte[] error(String message) {
        try {
            return (Json.MAPPER.writeValueAsString(Map.of("error", message)) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void respond(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static URI urlOf(String bind, int port) {
        String host = bind;
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("0:0:0:0:0:0:0:0")) host = "127.0.0.1";
        if (host.contains(":") && !host.startsWith("[")) host = "[" + host + "]";
        return URI.create("http://" + host + ":" + port + "/");
    }
}
