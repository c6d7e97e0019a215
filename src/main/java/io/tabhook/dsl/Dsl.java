package io.tabhook.dsl;

import groovy.lang.Closure;
import io.tabhook.api.ApiVersion;
import io.tabhook.api.Credentials;
import io.tabhook.api.ServerInfo;
import io.tabhook.api.SignInRequest;
import io.tabhook.api.Webhook;
import io.tabhook.api.WebhookSpec;
import io.tabhook.api.WebhookTestResult;
import io.tabhook.api.WireFormat;
import io.tabhook.events.EventType;
import io.tabhook.inbox.Delivery;
import io.tabhook.inbox.Inbox;
import io.tabhook.sandbox.Demo;
import io.tabhook.sandbox.Sandbox;
import io.tabhook.session.Session;
import io.tabhook.session.SessionView;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The words of the DSL, implemented once for the shell, scripts and doctor. Each public method is a word (or an
 * overload of one) declared in {@link Words}; {@link TabhookScript} hands Groovy calls to these.
 */
public final class Dsl {
    private final Session session;
    private final Inbox inbox;
    private final Sandbox sandbox;
    private volatile Console console;
    private final Function<String, String> environment;
    /** The highest delivery sequence number a waitForPayload has returned: later waits start after it. */
    private volatile long payloadCursor = -1;
    /** Secrets given for this session only (from a Postman environment), by the environment variable they stand for. */
    private final Map<String, String> rememberedSecrets = new java.util.concurrent.ConcurrentHashMap<>();

    public Dsl(Session session, Inbox inbox, Sandbox sandbox, Console console, Function<String, String> environment) {
        this.session = session;
        this.inbox = inbox;
        this.sandbox = sandbox;
        this.console = console;
        this.environment = environment;
        if (sandbox != null) session.embeddedSandbox(sandbox.baseUrl());
    }

    public Session state() { return session; }

    public Console console() { return console; }

    /** Who prints progress and answers secret prompts; the shell sets itself once its terminal is up. */
    public void console(Console value) { this.console = value; }

    public Inbox inboxServer() { return inbox; }

    public Sandbox sandboxServer() { return sandbox; }

    // ---- signing in ----

    public Credentials signIn(Map<String, ?> args) {
        Args a = Args.of("signIn", args);
        String server = a.text("server");
        if (server != null) session.settings().server(URI.create(stripSlash(server)));
        if (session.settings().server() == null) {
            throw new DslException("no server to sign in to: give server: 'https://…' or start tabhook with --server");
        }
        String version = a.text("version");
        if (version != null) session.settings().version(ApiVersion.parse(version));
        String format = a.text("format");
        if (format != null) session.format(WireFormat.parse(format));
        String site = a.has("site") ? a.text("site") : session.settings().site();
        if (site == null) site = "";

        SignInRequest request;
        String display;
        boolean onSandbox = onSandbox();
        if (a.has("jwt")) {
            request = SignInRequest.jwt(a.text("jwt"), site);
            display = "jwt";
        } else if (a.has("pat") || a.has("secret") || (!a.has("user") && session.settings().patName() != null)) {
            String pat = a.has("pat") ? a.text("pat") : session.settings().patName();
            if (pat == null && onSandbox) pat = Demo.PAT_NAME;
            if (pat == null) throw new DslException("signIn with a token needs pat: 'token-name'");
            String secret = a.has("secret") ? a.text("secret") : secret("TABLEAU_PAT_SECRET",
                    "Secret for personal access token " + pat + ": ",
                    onSandbox && pat.equals(Demo.PAT_NAME) ? Demo.PAT_SECRET : null);
            request = SignInRequest.personalAccessToken(pat, secret, site);
            if (a.has("secret")) rememberSecret("TABLEAU_PAT_SECRET", secret);
            session.settings().patName(pat);
            display = pat;
        } else {
            String user = a.has("user") ? a.text("user") : session.settings().user();
            if (user == null && onSandbox) user = Demo.ADMIN_USER;
            if (user == null) throw new DslException("signIn needs user: 'name' (with a password) or pat: 'token-name'");
            String password = a.has("password") ? a.text("password") : secret("TABLEAU_PASSWORD",
                    "Password for " + user + ": ",
                    onSandbox ? demoPassword(user) : null);
            request = SignInRequest.password(user, password, site);
            if (a.has("password")) rememberSecret("TABLEAU_PASSWORD", password);
            session.settings().user(user);
            display = user;
        }
        return session.signIn(request, display);
    }

    /** {@code signIn} with no arguments: the demo admin on the sandbox, else the settings the shell started with. */
    public Credentials signIn() {
        return signIn(Map.of());
    }

    private static String demoPassword(String user) {
        if (Demo.ADMIN_USER.equals(user)) return Demo.ADMIN_PASSWORD;
        if (Demo.VIEWER_USER.equals(user)) return Demo.VIEWER_PASSWORD;
        return null;
    }

    void rememberSecret(String envName, String value) {
        if (value == null) rememberedSecrets.remove(envName);
        else rememberedSecrets.put(envName, value);
    }

    String rememberedSecret(String envName) {
        return rememberedSecrets.get(envName);
    }

    private String secret(String envName, String prompt, String fallback) {
        String fromEnv = environment.apply(envName);
        if (fromEnv != null && !fromEnv.isEmpty()) return fromEnv;
        String remembered = rememberedSecrets.get(envName);
        if (remembered != null) return remembered;
        if (fallback != null) return fallback;
        String typed = console.readSecret(prompt);
        if (typed == null) {
            throw new DslException("no secret given: set " + envName + " or pass it as an argument");
        }
        return typed;
    }

    public boolean onSandbox() {
        return session.onEmbeddedSandbox();
    }

    private static String stripSlash(String s) { return s.replaceAll("/+$", ""); }

    public String signOut() {
        session.signOut();
        return "signed out";
    }

    public ServerInfo serverInfo() {
        return session.client().serverInfo();
    }

    // ---- webhooks ----

    public List<Webhook> webhooks() {
        List<Webhook> hooks = session.call(() -> session.client().listWebhooks());
        session.cacheWebhooks(hooks);
        return hooks;
    }

    public Webhook webhook(Object ref) {
        String id = resolveId(ref);
        Webhook w = session.call(() -> session.client().getWebhook(id));
        session.cacheWebhook(w);
        return w;
    }

    public Webhook createWebhook(Map<String, ?> args) {
        Args a = Args.of("createWebhook", args);
        String name = a.text("name");
        if (name == null || name.isBlank()) throw new DslException("createWebhook needs name: 'my-webhook'");
        String eventName = a.text("event");
        if (eventName == null) throw new DslException("createWebhook needs event: 'WorkbookCreated' (`events` lists all)");
        EventType event = EventType.parse(eventName);
        String url = a.text("url");
        if (url == null) {
            if (inbox == null) throw new DslException("createWebhook needs url: 'https://…' (no inbox is running)");
            url = inbox.url().toString();
        }
        Boolean enabled = a.bool("enabled");
        WebhookSpec spec = new WebhookSpec(name, event, url, enabled, null);
        Webhook w = session.call(() -> session.client().createWebhook(spec));
        session.cacheWebhook(w);
        return w;
    }

    public Webhook updateWebhook(Map<String, ?> args, Object ref) {
        Args a = Args.of("updateWebhook", args);
        String id = resolveId(ref);
        Boolean enabled = a.bool("enabled");
        String reason = a.text("reason");
        String eventName = a.text("event");
        WebhookSpec spec = new WebhookSpec(a.text("name"), eventName == null ? null : EventType.parse(eventName),
                a.text("url"), enabled, reason);
        if (spec.equals(new WebhookSpec(null, null, null, null, null))) {
            throw new DslException("updateWebhook needs something to change: enabled:, reason:, name:, event: or url:");
        }
        Webhook w = session.call(() -> session.client().updateWebhook(id, spec));
        session.cacheWebhook(w);
        return w;
    }

    public WebhookTestResult testWebhook(Object ref) {
        String id = resolveId(ref);
        return session.call(() -> session.client().testWebhook(id));
    }

    public String deleteWebhook(Object ref) {
        String id = resolveId(ref);
        session.call(() -> {
            session.client().deleteWebhook(id);
            return null;
        });
        session.forgetWebhook(id);
        return "deleted " + id;
    }

    /** A webhook given as object, id or name, to its id; names are looked up on the site (cache first). */
    String resolveId(Object ref) {
        if (ref == null) throw new DslException("which webhook? give the webhook, its id or its name");
        if (ref instanceof Webhook w) return w.id();
        String text = ref.toString().trim();
        if (text.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) return text;
        List<Webhook> named = byName(session.cachedWebhooks(), text);
        if (named.isEmpty()) named = byName(webhooks(), text);
        if (named.isEmpty()) {
            throw new DslException("no webhook named '" + text + "' on this site; `webhooks` lists them");
        }
        if (named.size() > 1) {
            throw new DslException(named.size() + " webhooks are named '" + text + "'; use an id: "
                    + String.join(", ", named.stream().map(Webhook::id).toList()));
        }
        return named.get(0).id();
    }

    private static List<Webhook> byName(List<Webhook> hooks, String name) {
        return hooks.stream().filter(w -> name.equals(w.name()) || name.equals(w.id())).toList();
    }

    // ---- deliveries ----

    public PayloadMap waitForPayload(Map<String, ?> args, Closure<?> where) {
        Inbox box = requireInbox("waitForPayload");
        Args a = Args.of("waitForPayload", args);
        Predicate<Delivery> match = d -> d.payload() != null;
        StringBuilder what = new StringBuilder("a payload");
        String eventName = a.text("event");
        if (eventName != null) {
            EventType event = EventType.parse(eventName);
            match = match.and(d -> event.apiName().equals(d.payload().eventType()));
            what = new StringBuilder(event.apiName());
        }
        String name = a.text("name");
        if (name != null) {
            match = match.and(d -> name.equals(d.payload().resourceName()));
            what.append(" '").append(name).append('\'');
        }
        String resource = a.text("resource");
        if (resource != null) {
            match = match.and(d -> resource.equalsIgnoreCase(d.payload().resource()));
            what.append(" on ").append(resource.toUpperCase(Locale.ROOT));
        }
        Closure<?> closure = where != null ? where : a.closure("where");
        if (closure != null) {
            match = match.and(d -> groovyTruth(closure.call(PayloadMap.of(d))));
            what.append(" (where …)");
        }
        boolean fresh = Boolean.TRUE.equals(a.bool("fresh"));
        long cursor = payloadCursor;
        Predicate<Delivery> unseen = d -> d.seq() > cursor;
        Predicate<Delivery> wanted = unseen.and(match);
        double seconds = a.number("timeout", 30);
        Duration timeout = Duration.ofMillis((long) (seconds * 1000));
        CompletableFuture<Delivery> next = box.next(io.tabhook.inbox.DeliveryFilter.any().where(wanted), !fresh);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new DslException("no " + what + " arrived within " + io.tabhook.HumanDuration.ofSeconds(seconds)
                            + " (inbox has " + box.deliveries().size() + " deliveries; is a webhook subscribed? "
                            + "try timeout: 60)");
                }
                console.waiting("waiting for " + what, Duration.ofNanos(left));
                try {
                    Delivery d = next.get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS);
                    payloadCursor = Math.max(payloadCursor, d.seq());
                    return PayloadMap.of(d);
                } catch (TimeoutException tick) {
                    // keep the countdown moving
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof RuntimeException re) throw re;
                    throw new DslException("wait failed: " + c);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("wait for " + what + " cancelled");
        } finally {
            next.cancel(true);
            console.doneWaiting();
        }
    }

    static boolean groovyTruth(Object o) {
        return org.codehaus.groovy.runtime.typehandling.DefaultTypeTransformation.castToBoolean(o);
    }

    public InboxWords inbox() {
        return new InboxWords(requireInbox("inbox"));
    }

    private Inbox requireInbox(String word) {
        if (inbox == null) throw new DslException(word + " needs the inbox, which is not running in this session");
        return inbox;
    }

    public SandboxWords sandbox() {
        if (sandbox == null) {
            throw new DslException("sandbox activity needs the embedded sandbox; start tabhook without --server");
        }
        return new SandboxWords(sandbox.activity(), () -> session.settings().site());
    }

    // ---- reference ----

    public List<EventInfo> events() {
        return events(null);
    }

    public List<EventInfo> events(String filter) {
        List<EventInfo> out = new ArrayList<>();
        for (EventType e : EventType.values()) {
            EventInfo info = EventInfo.of(e);
            if (filter == null || info.toString().toLowerCase(Locale.ROOT).contains(filter.toLowerCase(Locale.ROOT))) {
                out.add(info);
            }
        }
        return out;
    }

    public SessionView session() {
        return session.view(onSandbox());
    }

    public String help() {
        StringBuilder sb = new StringBuilder("DSL words (help word for more):\n");
        int w = Words.all().keySet().stream().mapToInt(String::length).max().orElse(0);
        for (Word word : Words.all().values()) {
            sb.append("  ").append(String.format("%-" + (w + 2) + "s", word.name())).append(word.summary()).append('\n');
        }
        return sb.toString().stripTrailing();
    }

    public String help(Object word) {
        String name = word == null ? "" : word.toString().trim();
        return Words.find(name).map(Word::help).orElseThrow(() -> new DslException(
                "no word '" + name + "'; `help` lists them"));
    }

    // ---- Postman ----

    /** Reads the workshop's Postman environment into the settings; secrets into memory only. */
    public Map<String, String> usePostmanEnvironment(String file) {
        return Postman.use(this, file);
    }

    public String exportPostmanEnvironment(String file, boolean secrets) {
        return Postman.export(this, file, secrets);
    }

    /** The server a Postman environment names, without applying it (to decide whether to start the sandbox). */
    public static String postmanServer(String file) {
        String s = Postman.read(java.nio.file.Path.of(file)).get("server");
        return s == null || s.isBlank() ? null : s;
    }

    // ---- scripting ----

    public boolean expect(Object condition, Object message) {
        if (!groovyTruth(condition)) {
            throw new CheckFailed("expectation failed: " + (message == null ? "condition was false" : message));
        }
        return true;
    }

    public String env(String name) {
        return env(name, null);
    }

    public String env(String name, String fallback) {
        String v = environment.apply(name);
        return v == null || v.isEmpty() ? fallback : v;
    }

    public void log(Object message) {
        console.log(String.valueOf(message));
    }
}
