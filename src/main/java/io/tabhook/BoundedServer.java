package io.tabhook;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.ConnectionLimit;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.eclipse.jetty.util.thread.Scheduler;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP server as tabhook runs one (the inbox, the sandbox): Jetty, set up so that a slow, stalled or hostile
 * client never delays anyone else's request (issue 10, docs/reliability.md).
 * <ul>
 *   <li>Request lines and headers are parsed as they arrive, without a thread; they must be complete within
 *       {@link #REQUEST_DEADLINE_SECONDS} s of their first byte, or the connection is closed.</li>
 *   <li>A body is read with {@link #readBody} without holding a thread while it arrives; after the first
 *       {@link #REQUEST_DEADLINE_SECONDS} s it must keep up {@link #MIN_BYTES_PER_SECOND} bytes a second (408).</li>
 *   <li>A connection silent for {@link #IDLE_TIMEOUT_SECONDS} s is closed, mid-request or between requests.</li>
 *   <li>At most {@link #MAX_THREADS} threads and {@link #MAX_CONNECTIONS} connections; beyond that new connections
 *       wait in the kernel's queue.</li>
 *   <li>Request line and headers together up to {@link #HEADER_BYTES} bytes: a longer URL gets 414, larger or too
 *       many headers 431, a malformed request or chunk 400, each as one line of JSON.</li>
 * </ul>
 * Only this class, the inbox's {@code HttpReceiver} and the sandbox's HTTP classes know Jetty. Jetty logs through
 * SLF4J; {@code META-INF/services} names SLF4J's own no-op provider, so nothing reaches the shell's screen and SLF4J
 * prints no warning about a missing one.
 */
public final class BoundedServer implements AutoCloseable {
    public static final int MAX_THREADS = 64;
    public static final int MAX_CONNECTIONS = 4096;
    public static final int IDLE_TIMEOUT_SECONDS = 10;
    /** How long a connection may stay idle once the server is closing. */
    static final long SHUTDOWN_IDLE_MILLIS = 50;
    public static final int REQUEST_DEADLINE_SECONDS = 10;
    public static final int MIN_BYTES_PER_SECOND = 1024;
    public static final int HEADER_BYTES = 16 * 1024;

    static {
        // Jetty's MemoryUtils otherwise starts JMX to ask whether oops are compressed (a padding hint for its queues):
        // 150-300 ms before the shell's prompt. 16 is the answer for any heap under 32 GB (compressed oops).
        System.getProperties().putIfAbsent("org.eclipse.jetty.util.referencesPerCacheLine", "16");
    }

    private final Server server;
    private final ServerConnector connector;
    private final Scheduler scheduler;
    private volatile boolean running = true;

    private BoundedServer(Server server, ServerConnector connector, Scheduler scheduler) {
        this.server = server;
        this.connector = connector;
        this.scheduler = scheduler;
    }

    /**
     * Binds {@code host:port} (0 for any free port) and starts answering with {@code handler}.
     *
     * @param name the threads' name, as a thread dump shows them
     * @throws BindException when the port is taken
     */
    public static BoundedServer start(String name, InetAddress host, int port, Handler handler) throws IOException {
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 2, 60_000);
        threads.setName(name);
        threads.setDaemon(true);
        Scheduler scheduler = new ScheduledExecutorScheduler(name + "-timer", true);
        Server server = new Server(threads, scheduler, null);
        HttpConfiguration config = new HttpConfiguration();
        config.setRequestHeaderSize(HEADER_BYTES);
        config.setSendServerVersion(false);
        config.setSendXPoweredBy(false);
        // Paths are only compared and recorded, never mapped to files: take what senders send (the sandbox's
        // /sandbox/sites//activity names the Default site with an empty segment).
        config.setUriCompliance(UriCompliance.LEGACY);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(config));
        connector.setHost(host.getHostAddress());
        connector.setPort(port);
        connector.setIdleTimeout(TimeUnit.SECONDS.toMillis(IDLE_TIMEOUT_SECONDS));
        // On close, a kept-alive connection with nothing to do is closed at once, not after Jetty's default second:
        // every `tabhook run` and shell exit waited that second for the client's idle connections (1.5 s of the
        // 3.4 s workshop module 03 took at load 7). Requests still being handled get the stop timeout below.
        connector.setShutdownIdleTimeout(SHUTDOWN_IDLE_MILLIS);
        connector.setAcceptQueueSize(1024);
        server.addConnector(connector);
        server.addBean(new ConnectionLimit(MAX_CONNECTIONS, server));
        server.setErrorHandler(BoundedServer::protocolError);
        server.setHandler(handler);
        server.setStopTimeout(2_000);
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BindException bind) throw bind; // "Address already in use", not Jetty's wrapping
            }
            if (e instanceof IOException io) throw io;
            throw new IOException(OneLine.of(e), e);
        }
        BoundedServer bounded = new BoundedServer(server, connector, scheduler);
        bounded.sweepSoon();
        return bounded;
    }

    /** The port it listens on. */
    public int port() {
        return connector.getLocalPort();
    }

    /** Stops answering; requests being handled get up to two seconds. */
    @Override
    public void close() {
        running = false;
        stopQuietly(server);
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception ignored) {
            // stopping anyway
        }
    }

    // ---- request deadline: a request line and headers that never finish ----

    private void sweepSoon() {
        if (running) scheduler.schedule(this::sweep, 1, TimeUnit.SECONDS);
    }

    /**
     * Closes each connection whose request line and headers have been arriving for longer than the deadline. Jetty
     * parses them without a thread, so such a sender costs only its connection; this bounds how long it holds one.
     */
    private void sweep() {
        try {
            long deadline = TimeUnit.SECONDS.toNanos(REQUEST_DEADLINE_SECONDS);
            for (EndPoint endPoint : connector.getConnectedEndPoints()) {
                if (endPoint.getConnection() instanceof HttpConnection http) {
                    HttpParser parser = http.getParser();
                    if (!parser.isStart() && parser.inHeaderState() && NanoTime.since(parser.getBeginNanoTime()) > deadline) {
                        endPoint.close();
                    }
                }
            }
        } catch (RuntimeException ignored) {
            // a connection closing under our feet; the next sweep looks again
        } finally {
            sweepSoon();
        }
    }

    // ---- bodies ----

    /** What a body read ends in: the bytes, or a failure ({@link BoundedBody.TooLarge}, {@link TooSlow}, I/O). */
    @FunctionalInterface
    public interface BodyDone {
        void accept(byte[] body, Throwable failure);
    }

    /** A body that did not keep up the minimum data rate; the caller answers 408. */
    public static final class TooSlow extends IOException {
        public TooSlow() {
            super("the body arrived slower than " + MIN_BYTES_PER_SECOND + " bytes a second");
        }
    }

    /**
     * Reads a request's whole body, up to {@code limit} bytes, without holding a thread while it arrives; calls
     * {@code done} once, on a thread that may block. A declared length over the limit is refused before a byte is
     * read. A malformed chunked body fails with Jetty's bad-message exception (answer 400).
     */
    public static void readBody(Request request, long limit, BodyDone done) {
        long declared = request.getLength();
        if (declared > limit) {
            done.accept(null, new BoundedBody.TooLarge(limit));
            return;
        }
        new BodyReader(request, limit, declared, done).run();
    }

    private static final class BodyReader implements Runnable {
        private final Request request;
        private final long limit;
        private final BodyDone done;
        private byte[] bytes;
        private int size;

        BodyReader(Request request, long limit, long declared, BodyDone done) {
            this.request = request;
            this.limit = limit;
            this.done = done;
            this.bytes = new byte[declared >= 0 ? (int) declared : 1024];
        }

        @Override
        public void run() {
            while (true) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    if (late()) {
                        done.accept(null, new TooSlow());
                    } else {
                        request.demand(this);
                    }
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    done.accept(null, chunk.getFailure());
                    return;
                }
                ByteBuffer buffer = chunk.getByteBuffer();
                int n = buffer.remaining();
                if (size + (long) n > limit) {
                    chunk.release();
                    done.accept(null, new BoundedBody.TooLarge(limit));
                    return;
                }
                if (size + n > bytes.length) bytes = Arrays.copyOf(bytes, (int) Math.min(limit, Math.max(2L * bytes.length, size + n)));
                buffer.get(bytes, size, n);
                size += n;
                boolean last = chunk.isLast();
                chunk.release();
                if (last) {
                    done.accept(size == bytes.length ? bytes : Arrays.copyOf(bytes, size), null);
                    return;
                }
            }
        }

        private boolean late() {
            return BoundedServer.late(request, size);
        }
    }

    /**
     * A body as a blocking stream, for what must not hold it whole (the sandbox's publishing): it holds a thread while
     * it reads, so a sender that falls below the minimum rate is cut off with {@link TooSlow}, one that stalls by the
     * idle timeout.
     */
    public static InputStream bodyStream(Request request) {
        return new FilterInputStream(Content.Source.asInputStream(request)) {
            private long read;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) count(1);
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) count(n);
                return n;
            }

            private void count(int n) throws TooSlow {
                read += n;
                if (late(request, read)) throw new TooSlow();
            }
        };
    }

    /** After the grace period, fewer bytes than the minimum rate would have brought since the headers. */
    private static boolean late(Request request, long bytes) {
        long elapsed = NanoTime.since(request.getHeadersNanoTime());
        long grace = TimeUnit.SECONDS.toNanos(REQUEST_DEADLINE_SECONDS);
        return elapsed > grace && bytes < (elapsed - grace) / 1_000_000_000.0 * MIN_BYTES_PER_SECOND;
    }

    /**
     * The status to answer a failed {@link #readBody} with: 413 over the limit, 408 too slow or silent past the idle
     * timeout, 400 malformed (a bad chunk size, say); 0 when the connection is gone and no one can hear it.
     */
    public static int statusOf(Throwable bodyFailure) {
        if (bodyFailure instanceof BoundedBody.TooLarge) return 413;
        if (bodyFailure instanceof TooSlow || bodyFailure instanceof java.util.concurrent.TimeoutException) return 408;
        if (bodyFailure instanceof org.eclipse.jetty.http.HttpException http && http.getCode() >= 400) return http.getCode();
        return 0;
    }

    /** What {@link #statusOf} says, in words: one line, never the body. */
    public static String reasonOf(Throwable bodyFailure) {
        if (bodyFailure instanceof java.util.concurrent.TimeoutException) {
            return "the body stopped arriving for " + IDLE_TIMEOUT_SECONDS + " s";
        }
        if (bodyFailure instanceof org.eclipse.jetty.http.HttpException http) {
            return "malformed request body (" + OneLine.capped(String.valueOf(http.getReason()), 80) + ")";
        }
        return OneLine.of(bodyFailure);
    }

    // ---- answers ----

    /** Answers with {@code body} (none when empty) and completes the callback; {@code close} ends the connection. */
    public static void answer(Response response, Callback callback, int status, String contentType, byte[] body,
                              boolean close) {
        response.setStatus(status);
        if (contentType != null && body.length > 0) response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        if (close) response.getHeaders().put(HttpHeader.CONNECTION, "close");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, body.length == 0 ? null : ByteBuffer.wrap(body), callback);
    }

    /** {@code {"error":"…"}} and a newline: how both servers word a refusal in JSON. */
    public static byte[] errorJson(String message) {
        String quoted = new String(JsonStringEncoder.getInstance().quoteAsString(message));
        return ("{\"error\":\"" + quoted + "\"}\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * What Jetty answers itself, before a handler runs (a malformed request line, chunk or header; a URL or headers
     * over the limit): one line of JSON saying what to do, never the request echoed back.
     */
    private static boolean protocolError(Request request, Response response, Callback callback) {
        Object s = request.getAttribute(ErrorHandler.ERROR_STATUS);
        int status = s instanceof Integer i ? i : 500;
        String why = switch (status) {
            case 400 -> "malformed HTTP request";
            case 408 -> "the request took too long to arrive";
            case 413 -> "the body is too large";
            case 414 -> "the URL is too long: the request line and headers may hold " + HEADER_BYTES + " bytes";
            case 431 -> "the request's headers are too large or too many: they may hold " + HEADER_BYTES + " bytes";
            default -> "HTTP " + status;
        };
        Object message = request.getAttribute(ErrorHandler.ERROR_MESSAGE);
        if (status == 400 && message instanceof String m && !m.isBlank()) why += " (" + OneLine.capped(m, 80) + ")";
        answer(response, callback, status, "application/json", errorJson(why), true);
        return true;
    }
}
