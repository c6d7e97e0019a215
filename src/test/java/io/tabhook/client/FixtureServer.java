package io.tabhook.client;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tabhook.api.ApiVersion;
import io.tabhook.api.Element;
import io.tabhook.api.Fixtures;
import io.tabhook.api.WireCodec;
import io.tabhook.api.WireFormat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A stand-in Tableau server for the client tests: a JDK HttpServer on a free loopback port that answers each
 * method and path with a documented fixture body (in the format the request's Accept asks for, where both exist) and
 * records everything the client sent. Unknown routes answer 404 with a plain-text note.
 */
final class FixtureServer implements AutoCloseable {
    static final String SITE_ID = "11ff7a7e-4ac9-4d99-84df-73a4138ab502";
    static final String USER_ID = "f97aba2e-4a0b-4bcc-a6ca-5401135129b0";
    static final String XML_TOKEN = "Bq1...|gKq...";
    static final String JSON_TOKEN = "mqd...|q2N...";
    static final ApiVersion V3_9 = ApiVersion.V3_9;

    /** What the client sent. Header names are looked up case-insensitively. */
    record Seen(String method, String path, String query, Map<String, String> headers, byte[] body,
                java.time.Instant at) {
        String header(String name) { return headers.get(name); }

        String bodyText() { return new String(body, StandardCharsets.UTF_8); }

        /** The body read in the format its Content-Type names. */
        List<Element> elements() { return WireCodec.read(WireFormat.fromHeader(header("Content-Type")), body); }
    }

    /**
     * One answer: status, Content-Type (null for none), body and extra headers; with {@code dropAfter} of 0 or more,
     * the connection is cut after that many bytes of the body (its Content-Length promised them all).
     */
    record Reply(int status, String contentType, byte[] body, Map<String, String> headers, int dropAfter) {
        Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
            this(status, contentType, body, headers, -1);
        }

        static Reply fixture(int status, String file) {
            return new Reply(status, Fixtures.formatOf(file).mediaType() + ";charset=UTF-8", Fixtures.bytes(file), Map.of());
        }

        static Reply body(int status, String contentType, String body) {
            return new Reply(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
        }

        static Reply empty(int status) {
            return new Reply(status, null, new byte[0], Map.of());
        }

        Reply header(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Reply(status, contentType, body, h, dropAfter);
        }

        /**
         * This answer cut off after {@code bytes} bytes of its body (an answer without a body: before its status
         * line): a connection dropped mid-answer.
         */
        Reply droppedAfter(int bytes) {
            return new Reply(status, contentType, body, headers, bytes);
        }
    }

    /** Why a handler stops without finishing its answer: the JDK server then closes the connection. */
    private static final class CutOff extends RuntimeException {
        CutOff() { super("connection cut off on purpose", null, false, false); }
    }

    private final HttpServer http;
    private final Map<String, Function<Seen, Reply>> routes = new ConcurrentHashMap<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    private FixtureServer() throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", this::handle);
        http.start();
    }

    static FixtureServer start() {
        try {
            return new FixtureServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
    }

    /** Answers {@code method path} with the same reply every time. */
    FixtureServer on(String method, String path, Reply reply) {
        routes.put(method + " " + path, s -> reply);
        return this;
    }

    /** Answers {@code method path} as {@code reply} decides from the request (and whatever state the test keeps). */
    FixtureServer on(String method, String path, Function<Seen, Reply> reply) {
        routes.put(method + " " + path, reply);
        return this;
    }

    /** Answers {@code method path} with these replies in turn, the last one from then on. */
    FixtureServer inTurn(String method, String path, Reply... replies) {
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        routes.put(method + " " + path, s -> replies[Math.min(next.getAndIncrement(), replies.length - 1)]);
        return this;
    }

    /** Answers with {@code name.xml} or {@code name.json}, whichever the request's Accept header asks for. */
    FixtureServer onBoth(String method, String path, int status, String name) {
        routes.put(method + " " + path, s -> Reply.fixture(status,
                Fixtures.file(name, WireFormat.fromHeader(s.header("Accept")))));
        return this;
    }

    /** Answers the documented sign-in at {@code version} in the format asked for. */
    FixtureServer answersSignIn(ApiVersion version) {
        return onBoth("POST", "/api/" + version + "/auth/signin", 200, "signin-response");
    }

    static String webhooks(ApiVersion version) {
        return "/api/" + version + "/sites/" + SITE_ID + "/webhooks";
    }

    static String token(WireFormat format) {
        return format == WireFormat.XML ? XML_TOKEN : JSON_TOKEN;
    }

    /** Asserts a request was {@code method path} and carried the session's token, the format and tabhook's agent. */
    static void assertSigned(Seen sent, WireFormat format, String method, String path) {
        org.junit.jupiter.api.Assertions.assertEquals(method, sent.method());
        org.junit.jupiter.api.Assertions.assertEquals(path, sent.path());
        org.junit.jupiter.api.Assertions.assertEquals(token(format), sent.header("X-Tableau-Auth"));
        org.junit.jupiter.api.Assertions.assertEquals(format.mediaType(), sent.header("Accept"));
        org.junit.jupiter.api.Assertions.assertEquals(TableauClient.USER_AGENT, sent.header("User-Agent"));
    }

    List<Seen> seen() { return List.copyOf(seen); }

    Seen last() {
        if (seen.isEmpty()) throw new AssertionError("the server saw no request");
        return seen.get(seen.size() - 1);
    }

    /** Tries that end within seconds, waits of milliseconds: tests stay short on a busy machine. */
    static final Retries QUICK = new Retries(java.time.Duration.ofSeconds(1), java.time.Duration.ofMillis(5),
            java.time.Duration.ofMillis(40));

    /** A client of this server with the given format and pinned version (null: discover), short timeout and waits. */
    TableauClient client(WireFormat format, ApiVersion version) {
        return TableauClient.builder(uri()).format(format).version(version)
                .requestTimeout(java.time.Duration.ofSeconds(5)).retries(QUICK).build();
    }

    /** A client signed in with a password through the documented sign-in answer. */
    TableauClient signedIn(WireFormat format, ApiVersion version) {
        answersSignIn(version);
        TableauClient c = client(format, version);
        c.signIn(io.tabhook.api.SignInRequest.password("admin@example.com", "s3cret", "marketing"));
        return c;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            Headers in = ex.getRequestHeaders();
            in.forEach((k, v) -> headers.put(k, String.join(", ", v)));
            Seen s = new Seen(ex.getRequestMethod(), ex.getRequestURI().getRawPath(), ex.getRequestURI().getRawQuery(),
                    Collections.unmodifiableMap(headers), ex.getRequestBody().readAllBytes(), java.time.Instant.now());
            seen.add(s);
            Function<Seen, Reply> route = routes.get(s.method() + " " + s.path());
            Reply r = route != null ? route.apply(s)
                    : Reply.body(404, "text/plain", "no fixture for " + s.method() + " " + s.path());
            r.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            if (r.contentType() != null) ex.getResponseHeaders().add("Content-Type", r.contentType());
            boolean noBody = r.body().length == 0;
            if (r.dropAfter() >= 0 && (noBody || r.dropAfter() == 0)) throw new CutOff(); // not even the status line
            ex.sendResponseHeaders(r.status(), noBody ? -1 : r.body().length);
            if (r.dropAfter() >= 0) {
                OutputStream out = ex.getResponseBody();
                out.write(r.body(), 0, Math.min(r.dropAfter(), r.body().length));
                out.flush();
                throw new CutOff();
            }
            if (!noBody) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(r.body());
                }
            }
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
