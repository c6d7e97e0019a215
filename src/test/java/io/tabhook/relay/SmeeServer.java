package io.tabhook.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tabhook.Jackson;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A smee server as probot/smee.io's lib/server.js behaves (read from its source, not from tabhook's client):
 * <ul>
 *   <li>{@code GET /new}: 307 to {@code {protocol}://{host}/{channel}}, the channel 12 random bytes in base64url;</li>
 *   <li>{@code GET /:channel} (1 to 128 of {@code [a-zA-Z0-9-_]}, else 400): with {@code Accept} exactly
 *       {@code text/event-stream}, a stream that starts with {@code id: 0 / event: ready / data: {}}, pings every 30 s
 *       ({@code event: ping}), and sends each POST to the channel as an unnamed event; any other Accept gets the web
 *       page (HTML);</li>
 *   <li>{@code POST /:channel}: a JSON object body (fastify's JSON parser: 415 for another content type, 400 for
 *       a body that is not JSON or not an object); emits {@code {...headers, body, query, timestamp}} (headers as
 *       Node names them, lower-case, repeated ones joined with ", ") to the channel's listeners, and answers 200 with
 *       no body. Nothing is kept: what is posted while no one listens is gone.</li>
 * </ul>
 * {@link #restart()} is the server process restarting on the same port: every stream ends, nothing survives.
 */
public final class SmeeServer implements AutoCloseable {
    private static final Pattern CHANNEL = Pattern.compile("[a-zA-Z0-9-_]{1,128}");
    private static final String STOP = "\0stop";

    private final Duration pingEvery;
    private final int port;
    private final Map<String, List<BlockingQueue<String>>> listeners = new ConcurrentHashMap<>();
    private final AtomicInteger posts = new AtomicInteger();
    private final AtomicInteger subscriptions = new AtomicInteger();
    private final SecureRandom random = new SecureRandom();
    private volatile HttpServer server;
    private volatile ExecutorService threads;

    private SmeeServer(int port, Duration pingEvery) throws IOException {
        this.pingEvery = pingEvery;
        this.server = bind(port);
        this.port = server.getAddress().getPort();
    }

    public static SmeeServer start() throws IOException {
        return new SmeeServer(0, Duration.ofSeconds(30));
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** A channel with a made-up name, as {@code /new} would give. */
    public URI channel() {
        return base().resolve("/" + newChannel());
    }

    int posts() {
        return posts.get();
    }

    /** How many times a client subscribed to a stream (a reconnect is one more). */
    int subscriptions() {
        return subscriptions.get();
    }

    /** How many listen to {@code channel} now. */
    public int listening(URI channel) {
        return listeners.getOrDefault(channel.getPath().substring(1), List.of()).size();
    }

    /** The process restarts: streams end, listeners are forgotten, the port is bound anew. */
    synchronized void restart() throws IOException {
        stop();
        server = bind(port);
    }

    /** The process is down until {@link #startAgain()}. */
    synchronized void stop() {
        if (threads.isShutdown()) return;
        listeners.values().forEach(qs -> qs.forEach(q -> q.offer(STOP)));
        listeners.clear();
        server.stop(0);
        threads.shutdownNow();
    }

    synchronized void startAgain() throws IOException {
        server = bind(port);
    }

    private HttpServer bind(int port) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "smee-server");
            t.setDaemon(true);
            return t;
        });
        s.setExecutor(threads);
        s.createContext("/", this::handle);
        s.start();
        return s;
    }

    private String newChannel() {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            String method = ex.getRequestMethod();
            if (path.equals("/new") && (method.equals("GET") || method.equals("HEAD"))) {
                String proto = header(ex, "x-forwarded-proto", "http");
                String host = header(ex, "x-forwarded-host", ex.getRequestHeaders().getFirst("Host"));
                ex.getResponseHeaders().set("Location", proto + "://" + host + "/" + newChannel());
                ex.sendResponseHeaders(307, -1);
                return;
            }
            String channel = path.length() > 1 ? path.substring(1) : "";
            if (!CHANNEL.matcher(channel).matches()) {
                json(ex, 400, "{\"statusCode\":400,\"code\":\"FST_ERR_VALIDATION\",\"error\":\"Bad Request\","
                        + "\"message\":\"params/channel must match pattern \\\"^[a-zA-Z0-9-_]+$\\\"\"}");
                return;
            }
            switch (method) {
                case "GET" -> {
                    if ("text/event-stream".equals(ex.getRequestHeaders().getFirst("Accept"))) {
                        stream(ex, channel);
                    } else {
                        byte[] page = "<!DOCTYPE html><html><head><title>smee.io</title></head><body>webhooks</body></html>"
                                .getBytes(StandardCharsets.UTF_8);
                        ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                        ex.sendResponseHeaders(200, page.length);
                        ex.getResponseBody().write(page);
                    }
                }
                case "POST" -> post(ex, channel);
                default -> json(ex, 404, "{\"message\":\"Route " + method + ":" + path + " not found\","
                        + "\"error\":\"Not Found\",\"statusCode\":404}");
            }
        }
    }

    private void post(HttpExchange ex, String channel) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            json(ex, 415, "{\"statusCode\":415,\"code\":\"FST_ERR_CTP_INVALID_MEDIA_TYPE\",\"error\":"
                    + "\"Unsupported Media Type\",\"message\":\"Unsupported Media Type\"}");
            return;
        }
        JsonNode parsed;
        try {
            parsed = Jackson.mapper().readTree(body);
        } catch (IOException e) {
            parsed = null;
        }
        if (parsed == null || !parsed.isObject()) {
            json(ex, 400, "{\"statusCode\":400,\"error\":\"Bad Request\",\"message\":\"body must be object\"}");
            return;
        }
        ObjectNode event = Jackson.mapper().createObjectNode();
        ex.getRequestHeaders().forEach((name, values) -> event.put(name.toLowerCase(Locale.ROOT), String.join(", ", values)));
        event.set("body", parsed);
        event.set("query", query(ex.getRequestURI().getRawQuery()));
        event.put("timestamp", System.currentTimeMillis());
        String data = Jackson.mapper().writeValueAsString(event);
        posts.incrementAndGet();
        listeners.getOrDefault(channel, List.of()).forEach(q -> q.offer(data));
        ex.sendResponseHeaders(200, -1);
    }

    /** Node's querystring: {@code a=1&a=2&b} is {@code {"a":["1","2"],"b":""}}. */
    private static ObjectNode query(String raw) {
        ObjectNode q = Jackson.mapper().createObjectNode();
        if (raw == null || raw.isEmpty()) return q;
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            JsonNode was = q.get(k);
            if (was == null) {
                q.put(k, v);
            } else if (was.isArray()) {
                ((ArrayNode) was).add(v);
            } else {
                q.putArray(k).add(was.asText()).add(v);
            }
        }
        return q;
    }

    private void stream(HttpExchange ex, String channel) throws IOException {
        subscriptions.incrementAndGet();
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        ex.getResponseHeaders().set("x-no-compression", "1");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        int id = 0;
        listeners.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(queue);
        try {
            write(out, "id: " + id++ + "\nevent: ready\ndata: {}\n\n");
            while (true) {
                String data = queue.poll(pingEvery.toMillis(), TimeUnit.MILLISECONDS);
                if (STOP.equals(data)) return;
                write(out, data == null ? "id: " + id++ + "\nevent: ping\ndata: {}\n\n" : "id: " + id++ + "\ndata: " + data + "\n\n");
            }
        } catch (InterruptedException | IOException e) {
            // the client went away, or the server stops
        } finally {
            List<BlockingQueue<String>> qs = listeners.get(channel);
            if (qs != null) qs.remove(queue);
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String header(HttpExchange ex, String name, String otherwise) {
        String v = ex.getRequestHeaders().getFirst(name);
        return v == null ? otherwise : v;
    }

    private static void json(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        stop();
    }
}
