package io.tabhook.client;

import io.tabhook.api.ApiVersion;
import io.tabhook.api.Element;
import io.tabhook.api.Fixtures;
import io.tabhook.client.FixtureServer.Reply;
import io.tabhook.client.FixtureServer.Seen;
import io.tabhook.events.EventType;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A Tableau Cloud site for the client's tests, on a {@link FixtureServer}: sign-in hands out a new token each time
 * (the documented answer with that token), webhooks live in memory and are answered in the documented XML shapes
 * (§5.1, §5.2, error §8.1), and a test can expire the tokens handed out (401002) or line up what the next requests
 * of a method get instead of the answer: a status, or the answer's connection dropped after the work was done.
 */
final class CloudSite implements AutoCloseable {
    static final ApiVersion V = ApiVersion.V3_9;
    static final String OWNER_ID = "76667373-2d1a-4f85-8aed-6e29d8b979af";

    /** A webhook as the site keeps it. */
    record Hook(String id, String name, EventType event, String url) {}

    /** What a request gets instead of its answer. */
    sealed interface Fault {
        /** This answer, and nothing done. */
        record Instead(Reply reply) implements Fault {}

        /** The work done, and the connection dropped before the answer was whole. */
        record DoneThenDropped() implements Fault {}

        /** The work done, and this answer (a gateway's 503 after the site made the webhook). */
        record DoneThen(Reply reply) implements Fault {}

        /** The answer as it would be: lines up what comes after it. */
        record AsItIs() implements Fault {}

        /** This answer, nothing done, and every token handed out so far dead from now on. */
        record InsteadAndExpire(Reply reply) implements Fault {}
    }

    final FixtureServer server = FixtureServer.start();
    final List<Hook> hooks = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Set<String> liveTokens = ConcurrentHashMap.newKeySet();
    private final Map<String, Deque<Fault>> faults = new ConcurrentHashMap<>();
    private volatile int pageSize;
    private volatile Chaos chaos;
    /** Every webhook the site ever made, deleted ones too: a test counts what a run created. */
    final java.util.concurrent.atomic.AtomicInteger made = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * Faults at random, as the sandbox's {@code --faults} is to make them: a share of requests answered 500 or 503 (a
     * create half of those times after the webhook was made), a share 429 with {@code Retry-After: 0}, and tokens that
     * stop working {@code tokenLife} after they were handed out.
     */
    record Chaos(double errorRate, double rateLimit, java.time.Duration tokenLife, java.util.Random random) {}

    CloudSite() {
        server.on("POST", "/api/" + V + "/auth/signin", s -> fault(s, this::signIn));
        server.on("GET", webhooks(), s -> fault(s, this::list));
        server.on("POST", webhooks(), s -> fault(s, this::create));
        server.on("POST", "/api/" + V + "/auth/signout", s -> Reply.empty(204));
    }

    static String webhooks() {
        return FixtureServer.webhooks(V);
    }

    /** Lines up what the next requests of {@code method path} get, in order. */
    CloudSite next(String method, String path, Fault... instead) {
        faults.computeIfAbsent(method + " " + path, m -> new ArrayDeque<>()).addAll(List.of(instead));
        return this;
    }

    static Fault instead(Reply reply) {
        return new Fault.Instead(reply);
    }

    static Fault doneThenDropped() {
        return new Fault.DoneThenDropped();
    }

    static Fault doneThen(Reply reply) {
        return new Fault.DoneThen(reply);
    }

    /** From now on, faults at random. */
    void chaos(Chaos c) {
        chaos = c;
    }

    /** Every token handed out so far stops working, as Tableau Cloud's idle timeout ends a session. */
    void expireTokens() {
        liveTokens.clear();
    }

    /** Lists come in pages of this many, with {@code <pagination>} (0: one page, without it, as documented). */
    void pageSize(int size) {
        pageSize = size;
    }

    /** A webhook made on the site by someone else before the test's calls. */
    Hook add(String name, EventType event, String url) {
        Hook h = new Hook(UUID.randomUUID().toString(), name, event, url);
        hooks.add(h);
        return h;
    }

    /** Tries for up to 5 s (a Retry-After of a second fits), a few milliseconds apart. */
    static final Retries TRIES = new Retries(java.time.Duration.ofSeconds(5), java.time.Duration.ofMillis(5),
            java.time.Duration.ofMillis(40));

    /** A client of this site, signed in with a password, short waits, and this re-sign-in. */
    TableauClient client(TableauClient.SignInAgain again, java.util.function.Consumer<String> notices) {
        TableauClient c = TableauClient.builder(server.uri()).version(V).retries(TRIES)
                .requestTimeout(java.time.Duration.ofSeconds(5)).signInAgain(again).notices(notices).build();
        c.signIn(io.tabhook.api.SignInRequest.password("admin", "s3cret", ""));
        return c;
    }

    List<Seen> seen(String method, String path) {
        return server.seen().stream().filter(s -> s.method().equals(method) && s.path().equals(path)).toList();
    }

    // ---- answers ----

    private Reply fault(Seen s, Function<Seen, Reply> answer) {
        Deque<Fault> lined = faults.get(s.method() + " " + s.path());
        Fault f = lined == null ? null : lined.poll();
        if (f instanceof Fault.AsItIs) {
            f = null;
        } else if (f == null && chaos != null) {
            f = chaos(s);
        }
        if (!s.path().endsWith("/auth/signin") && !liveTokens.contains(String.valueOf(s.header("X-Tableau-Auth")))) {
            if (!(f instanceof Fault.Instead || f instanceof Fault.InsteadAndExpire)) {
                return Reply.fixture(401, "error-401002.xml");
            }
        }
        if (f instanceof Fault.Instead i) return i.reply();
        if (f instanceof Fault.InsteadAndExpire e) {
            expireTokens();
            return e.reply();
        }
        Reply done = answer.apply(s);
        if (f instanceof Fault.DoneThenDropped) return done.droppedAfter(20);
        if (f instanceof Fault.DoneThen then) return then.reply();
        return done;
    }

    private Fault chaos(Seen s) {
        Chaos c = chaos;
        double roll;
        synchronized (c.random()) {
            roll = c.random().nextDouble();
        }
        if (roll < c.errorRate()) {
            Reply error = Reply.empty(roll < c.errorRate() / 2 ? 500 : 503);
            boolean create = s.method().equals("POST") && s.path().equals(webhooks());
            return create && roll < c.errorRate() / 4 ? new Fault.DoneThen(error) : new Fault.Instead(error);
        }
        if (roll < c.errorRate() + c.rateLimit()) return new Fault.Instead(Reply.empty(429).header("Retry-After", "0"));
        return null;
    }

    private Reply signIn(Seen s) {
        String token = UUID.randomUUID().toString().replace("-", "") + "|" + UUID.randomUUID();
        liveTokens.add(token);
        Chaos c = chaos;
        if (c != null) {
            java.util.concurrent.CompletableFuture.delayedExecutor(c.tokenLife().toMillis(),
                    java.util.concurrent.TimeUnit.MILLISECONDS).execute(() -> liveTokens.remove(token));
        }
        return Reply.body(200, "application/xml;charset=UTF-8",
                Fixtures.text("signin-response.xml").replace("Bq1...|gKq...", token));
    }

    private Reply create(Seen s) {
        Element w = s.elements().get(0);
        String url = w.first("webhook-destination").flatMap(d -> d.first("webhook-destination-http"))
                .map(h -> h.attr("url")).orElseThrow();
        Hook h = new Hook(UUID.randomUUID().toString(), w.attr("name"), EventType.parse(w.attr("event")), url);
        hooks.add(h);
        made.incrementAndGet();
        answerDelete(h.id());
        server.on("GET", webhooks() + "/" + h.id() + "/test", t -> fault(t, x -> xml(200, "<webhookTestResult id=\""
                + h.id() + "\" status=\"200\"><body>ok</body></webhookTestResult>")));
        return xml(201, xml(h)).header("Location", webhooks() + "/" + h.id());
    }

    /** Delete of one webhook: 204, or Tableau's 404 when there is none (the code the sandbox uses too). */
    void answersDeletes() {
        for (Hook h : new ArrayList<>(hooks)) answerDelete(h.id());
    }

    void answerDelete(String id) {
        server.on("DELETE", webhooks() + "/" + id, s -> fault(s, x -> {
            boolean gone = hooks.removeIf(h -> h.id().equals(id));
            return gone ? Reply.empty(204) : xml(404, "<error code=\"404002\"><summary>Resource Not Found</summary>"
                    + "<detail>Webhook '" + id + "' could not be found.</detail></error>");
        }));
    }

    private Reply list(Seen s) {
        List<Hook> all = List.copyOf(hooks);
        int size = pageSize;
        if (size == 0) {
            StringBuilder body = new StringBuilder("<webhooks>");
            all.forEach(h -> body.append(xml(h)));
            return xml(200, body.append("</webhooks>").toString());
        }
        int page = query(s, "pageNumber", 1);
        StringBuilder body = new StringBuilder("<pagination pageNumber=\"" + page + "\" pageSize=\"" + size
                + "\" totalAvailable=\"" + all.size() + "\"/><webhooks>");
        all.stream().skip((long) (page - 1) * size).limit(size).forEach(h -> body.append(xml(h)));
        return xml(200, body.append("</webhooks>").toString());
    }

    static int query(Seen s, String name, int otherwise) {
        if (s.query() == null) return otherwise;
        for (String p : s.query().split("&")) {
            if (p.startsWith(name + "=")) return Integer.parseInt(p.substring(name.length() + 1));
        }
        return otherwise;
    }

    /** A webhook as §5.1 documents the answer at 3.9+. */
    private static String xml(Hook h) {
        return "<webhook id=\"" + h.id() + "\" name=\"" + h.name() + "\" isEnabled=\"true\" statusChangeReason=\"\" "
                + "event=\"" + h.event().apiName() + "\"><webhook-source><" + h.event().sourceName()
                + "/></webhook-source><webhook-destination><webhook-destination-http method=\"POST\" url=\""
                + h.url() + "\"/></webhook-destination><owner id=\"" + OWNER_ID + "\" name=\"site-admin\"/></webhook>";
    }

    private static Reply xml(int status, String inside) {
        return Reply.body(status, "application/xml;charset=UTF-8", "<?xml version='1.0' encoding='UTF-8'?>"
                + "<tsResponse xmlns=\"http://tableau.com/api\">" + inside + "</tsResponse>");
    }

    /** The token a request carried. */
    static String token(Seen s) {
        return s.header("X-Tableau-Auth");
    }

    @Override
    public void close() {
        server.close();
    }
}
