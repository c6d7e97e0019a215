package io.tabhook.relay;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tabhook.Jackson;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * webhook.site's token API as its documentation (docs.webhook.site, "API Endpoints: Requests" and "Tokens") and its
 * open-source server (webhooksite/webhook.site: routes.php, RequestController, TokenController, Storage/Request)
 * describe it, not as tabhook's client happens to use it:
 * <ul>
 *   <li>{@code POST /token}: 201 with the token ({@code uuid}, defaults, {@code created_at}); 10 a minute;</li>
 *   <li>any method to {@code /{uuid}}, {@code /{uuid}/{status}} or {@code /{uuid}/anything}: captured (uuid, token_id,
 *       ip, hostname, method, user_agent, content: the raw body, query: null when empty, headers: lower-case names
 *       to lists, url: the full URL, created_at/updated_at as {@code yyyy-MM-dd HH:mm:ss} UTC, type web), answered
 *       with the token's default status and content, {@code X-Request-Id} and {@code X-Token-Id}; 404 for an unknown
 *       token;</li>
 *   <li>{@code GET /token/{uuid}/requests}: {@code sorting} oldest (default) or newest, {@code per_page} (default 50,
 *       at most 100), {@code page} (default 1), {@code date_from}/{@code date_to} ({@code yyyy-MM-dd HH:mm:ss});
 *       answers {@code data, total, per_page, current_page, is_last_page, from, to}; 120 a minute, then 429 with
 *       {@code Retry-After} (Laravel's throttle); with an API key required, 401 without it.</li>
 * </ul>
 * Captured requests persist: while reads fail ({@link #failReads}) or nobody reads, they are kept.
 */
final class WebhookSiteServer implements AutoCloseable {
    private static final Pattern TOKEN = Pattern.compile(
            "/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(/.*)?");
    private static final Pattern REQUESTS = Pattern.compile(
            "/token/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/requests");
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final HttpServer server;
    private final Map<String, List<ObjectNode>> tokens = new ConcurrentHashMap<>();
    private final Throttle reads;
    private final Throttle newTokens = new Throttle(10, 60_000);
    private volatile String apiKey;
    private volatile boolean failReads;
    private final AtomicInteger readCount = new AtomicInteger();
    private final AtomicInteger tooMany = new AtomicInteger();
    private final AtomicInteger readsTooSoon = new AtomicInteger();
    private final List<String> apiKeysSeen = new CopyOnWriteArrayList<>();

    private WebhookSiteServer(int readsPerWindow, long windowMillis) throws IOException {
        this.reads = new Throttle(readsPerWindow, windowMillis);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "webhook.site-server");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /** With webhook.site's own limit: 120 reads a minute. */
    static WebhookSiteServer start() throws IOException {
        return new WebhookSiteServer(120, 60_000);
    }

    /** With a tighter read limit, to see a 429 soon. */
    static WebhookSiteServer withReadLimit(int reads, long windowMillis) throws IOException {
        return new WebhookSiteServer(reads, windowMillis);
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** A token, as {@code POST /token} makes one. */
    URI newToken() {
        String id = UUID.randomUUID().toString();
        tokens.put(id, new CopyOnWriteArrayList<>());
        return base().resolve("/" + id);
    }

    /** Reading requests needs this {@code Api-Key} from now on (a paid token). */
    void requireApiKey(String key) {
        apiKey = key;
    }

    /** While true, reads answer 503 (captures go on and are kept). */
    void failReads(boolean fail) {
        failReads = fail;
    }

    int captured(URI token) {
        return tokens.get(token.getPath().substring(1)).size();
    }

    int reads() {
        return readCount.get();
    }

    /** How many 429s were answered. */
    int tooMany() {
        return tooMany.get();
    }

    /** Reads that came after a 429 but before the time its Retry-After named. */
    int readsTooSoon() {
        return readsTooSoon.get();
    }

    List<String> apiKeysSeen() {
        return apiKeysSeen;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            String method = ex.getRequestMethod();
            String key = ex.getRequestHeaders().getFirst("Api-Key");
            if (key != null) apiKeysSeen.add(key);
            Matcher m;
            if (method.equals("POST") && path.equals("/token")) {
                newToken(ex);
            } else if (method.equals("GET") && (m = REQUESTS.matcher(path)).matches()) {
                requests(ex, m.group(1), key);
            } else if ((m = TOKEN.matcher(path)).matches()) {
                capture(ex, m.group(1), m.group(2));
            } else {
                json(ex, 404, "{\"error\":true,\"message\":\"Not found\"}");
            }
        }
    }

    private void newToken(HttpExchange ex) throws IOException {
        ex.getRequestBody().readAllBytes();
        long wait = newTokens.hit();
        if (wait > 0) {
            tooMany(ex, wait, newTokens);
            return;
        }
        String id = UUID.randomUUID().toString();
        tokens.put(id, new CopyOnWriteArrayList<>());
        String now = now();
        json(ex, 201, "{\"uuid\":\"" + id + "\",\"ip\":\"127.0.0.1\",\"user_agent\":null,\"default_content\":\"\","
                + "\"default_status\":200,\"default_content_type\":\"text/plain\",\"timeout\":0,\"cors\":false,"
                + "\"created_at\":\"" + now + "\",\"updated_at\":\"" + now + "\"}");
    }

    private void capture(HttpExchange ex, String token, String below) throws IOException {
        List<ObjectNode> requests = tokens.get(token);
        byte[] body = ex.getRequestBody().readAllBytes();
        if (requests == null) {
            json(ex, 404, "{\"error\":true,\"message\":\"Token not found\"}");
            return;
        }
        ObjectNode r = Jackson.mapper().createObjectNode();
        String id = UUID.randomUUID().toString();
        String host = ex.getRequestHeaders().getFirst("Host");
        r.put("uuid", id);
        r.put("type", "web");
        r.put("token_id", token);
        r.put("ip", ex.getRemoteAddress().getAddress().getHostAddress());
        r.put("hostname", host == null ? "127.0.0.1" : host.replaceFirst(":\\d+$", ""));
        r.put("method", ex.getRequestMethod());
        r.put("user_agent", ex.getRequestHeaders().getFirst("User-Agent"));
        r.put("content", new String(body, StandardCharsets.UTF_8));
        Map<String, String> q = new LinkedHashMap<>();
        String rawQuery = ex.getRequestURI().getRawQuery();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                q.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        if (q.isEmpty()) {
            r.putNull("query");
        } else {
            ObjectNode qn = r.putObject("query");
            q.forEach(qn::put);
        }
        ObjectNode headers = r.putObject("headers");
        ex.getRequestHeaders().forEach((name, values) -> {
            ArrayNode list = headers.putArray(name.toLowerCase(Locale.ROOT));
            values.forEach(list::add);
        });
        r.put("url", base() + ex.getRequestURI().toString());
        String now = now();
        r.put("created_at", now);
        r.put("updated_at", now);
        requests.add(r);
        int status = below != null && below.matches("/[1-5][0-9][0-9]") ? Integer.parseInt(below.substring(1)) : 200;
        ex.getResponseHeaders().set("Content-Type", "text/plain");
        ex.getResponseHeaders().set("X-Request-Id", id);
        ex.getResponseHeaders().set("X-Token-Id", token);
        ex.sendResponseHeaders(status, -1);
    }

    private void requests(HttpExchange ex, String token, String key) throws IOException {
        readCount.incrementAndGet();
        long wait = reads.hit();
        if (wait > 0) {
            tooMany(ex, wait, reads);
            return;
        }
        if (failReads) {
            json(ex, 503, "{\"error\":true,\"message\":\"Service Unavailable\"}");
            return;
        }
        List<ObjectNode> requests = tokens.get(token);
        if (requests == null) {
            json(ex, 404, "{\"error\":true,\"message\":\"Token not found\"}");
            return;
        }
        if (apiKey != null && !apiKey.equals(key)) {
            json(ex, 401, "{\"error\":true,\"message\":\"Unauthorized\"}");
            return;
        }
        Map<String, String> p = parameters(ex.getRequestURI().getRawQuery());
        boolean newest = "newest".equals(p.get("sorting"));
        int perPage = Math.min(100, Math.max(1, Integer.parseInt(p.getOrDefault("per_page", "50"))));
        int page = Math.max(1, Integer.parseInt(p.getOrDefault("page", "1")));
        String from = p.get("date_from");
        String to = p.get("date_to");
        List<ObjectNode> matching = new ArrayList<>();
        for (ObjectNode r : requests) {
            String at = r.get("created_at").asText();
            if ((from == null || at.compareTo(from) >= 0) && (to == null || at.compareTo(to) <= 0)) matching.add(r);
        }
        // Sorted by created_at (to the second); a stable sort keeps the order they came in within a second.
        matching.sort(Comparator.comparing(r -> r.get("created_at").asText()));
        if (newest) java.util.Collections.reverse(matching);
        int total = matching.size();
        int start = Math.min(total, (page - 1) * perPage);
        List<ObjectNode> data = matching.subList(start, Math.min(total, start + perPage));
        ObjectNode out = Jackson.mapper().createObjectNode();
        out.putArray("data").addAll(data);
        out.put("total", total);
        out.put("per_page", perPage);
        out.put("current_page", page);
        out.put("is_last_page", data.size() + (page - 1) * perPage >= total);
        out.put("from", (page - 1) * perPage + 1);
        out.put("to", Math.min(total, data.size() + (page - 1) * perPage));
        json(ex, 200, Jackson.mapper().writeValueAsString(out));
    }

    /** Laravel's throttle answer: 429 with Retry-After (whole seconds until the window ends) and the limit headers. */
    private void tooMany(HttpExchange ex, long waitMillis, Throttle throttle) throws IOException {
        tooMany.incrementAndGet();
        long seconds = (waitMillis + 999) / 1000;
        ex.getResponseHeaders().set("Retry-After", Long.toString(seconds));
        ex.getResponseHeaders().set("X-RateLimit-Limit", Integer.toString(throttle.max));
        ex.getResponseHeaders().set("X-RateLimit-Remaining", "0");
        ex.getResponseHeaders().set("X-RateLimit-Reset", Long.toString(System.currentTimeMillis() / 1000 + seconds));
        json(ex, 429, "{\"error\":true,\"message\":\"Too Many Attempts.\"}");
    }

    private static Map<String, String> parameters(String raw) {
        Map<String, String> p = new HashMap<>();
        if (raw == null) return p;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) p.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return p;
    }

    private static String now() {
        return LocalDateTime.now(ZoneOffset.UTC).format(AT);
    }

    private static void json(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    /**
     * Laravel's rate limiter: a window opens at the first hit and lasts {@code windowMillis}; past {@code max} hits
     * in it, each further hit is refused until it ends. A hit that comes after a refusal, before the end that
     * refusal named, is counted as too soon.
     */
    private final class Throttle {
        final int max;
        private final long windowMillis;
        private long windowEnds;
        private int hits;
        private long refusedUntil;

        Throttle(int max, long windowMillis) {
            this.max = max;
            this.windowMillis = windowMillis;
        }

        /** 0 when allowed, else how many milliseconds until it would be. */
        synchronized long hit() {
            long now = System.currentTimeMillis();
            if (now < refusedUntil) readsTooSoon.incrementAndGet();
            if (now >= windowEnds) {
                windowEnds = now + windowMillis;
                hits = 0;
            }
            if (++hits <= max) return 0;
            refusedUntil = windowEnds;
            return windowEnds - now;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
