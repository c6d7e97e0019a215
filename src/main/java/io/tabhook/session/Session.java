package io.tabhook.session;

import io.tabhook.OneLine;
import io.tabhook.api.ApiVersion;
import io.tabhook.api.Credentials;
import io.tabhook.api.Secrets;
import io.tabhook.api.SignInRequest;
import io.tabhook.api.TableauError;
import io.tabhook.api.Webhook;
import io.tabhook.api.WireFormat;
import io.tabhook.client.Exchange;
import io.tabhook.client.Tls;
import io.tabhook.client.TableauClient;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One user's connection to one server: the client, what sign-in returned, and the settings the next sign-in uses.
 * Thread-safe enough for a shell: one command at a time, completion reading the webhook cache concurrently.
 */
public final class Session {
    private final Settings settings;
    private volatile TableauClient client;
    private volatile Credentials credentials;
    private volatile String userName;
    private volatile boolean expired;
    private volatile List<Webhook> webhookCache = List.of();
    private volatile Consumer<Exchange> trace = e -> { };
    private volatile Consumer<Exchange> traceAlso = e -> { };
    private volatile Consumer<String> notices = line -> { };
    /** The server the client was made for: the settings' server until a permanent redirect moves the session. */
    private volatile URI clientFor;
    /**
     * The sign-in that made this session, secret and all, in memory only: a token that expires (Tableau Cloud ends
     * idle sessions) is renewed with it, whether the secret was typed, prompted for, read from the environment or the
     * sandbox's demo.
     */
    private volatile SignInRequest lastSignIn;
    private final Duration requestTimeout;
    private volatile URI embedded;
    /**
     * Secrets given during this session (a Postman environment's password or PAT secret, one passed to signIn), by
     * the environment variable they stand for: held in memory only, never in settings, views or files.
     */
    private final Map<String, String> rememberedSecrets = new ConcurrentHashMap<>();
    private final GivenSecrets given = new GivenSecrets();
    /** Capabilities shown to the user but kept out of traces: relay addresses (whoever has one reads the deliveries). */
    private final GivenSecrets keptOutOfTraces = new GivenSecrets();

    public Session(Settings settings, Duration requestTimeout) {
        this.settings = Objects.requireNonNull(settings);
        this.requestTimeout = requestTimeout;
    }

    public Settings settings() { return settings; }

    /** Every secret value seen this session, to be masked in whatever is shown. */
    public GivenSecrets secrets() { return given; }

    /**
     * A value the user may see but traces must not show (a relay's channel or token: whoever has it can read the
     * deliveries): masked like a token in every exchange traced from now on.
     */
    public void keepOutOfTraces(String name, String value) { keptOutOfTraces.add(name, value); }

    /** The embedded sandbox's address, so the prompt can call it "sandbox" rather than a bare host and port. */
    public void embeddedSandbox(URI baseUrl) { this.embedded = baseUrl; }

    /**
     * The client for the current server, created on first use; sign-in replaces it when the server changes. When the
     * client followed a permanent redirect, the session's server is where it went.
     */
    public synchronized TableauClient client() {
        URI server = settings.server();
        if (server == null) throw new IllegalStateException("no server; start tabhook with --server URL, or signIn server: URL");
        if (client != null && sameServer(clientFor, server)) {
            followMove();
            return client;
        }
        client = TableauClient.builder(server)
                .format(settings.format())
                .version(settings.version())
                .requestTimeout(requestTimeout)
                .sslContext(settings.caCert() == null ? null : Tls.trustingAlso(settings.caCert()))
                .retries(settings.retries())
                .signInAgain(this::signInAgain)
                .notices(line -> notices.accept(line))
                .trace(e -> {
                    Exchange shown = keptOutOfTraces.isEmpty() ? e : e.hiding(keptOutOfTraces::hide);
                    trace.accept(shown);
                    traceAlso.accept(shown);
                })
                .build();
        clientFor = client.server();
        credentials = null;
        lastSignIn = null;
        return client;
    }

    /** The settings follow the client to where a permanent redirect sent it (a site moved to another pod). */
    private void followMove() {
        TableauClient c = client;
        if (c != null && !sameServer(c.server(), clientFor) && sameServer(clientFor, settings.server())) {
            settings.server(c.server());
            clientFor = c.server();
        }
    }

    /**
     * Signs the client in again with the sign-in this session made, for the site in use now; null when there is
     * none to repeat (a JWT works once) or it failed, which is said in one line.
     */
    private Credentials signInAgain() {
        SignInRequest last = lastSignIn;
        TableauClient c = client;
        if (last == null || c == null) return null;
        if (last.kind() == SignInRequest.Kind.JWT) {
            notices.accept("the session's token expired, and a JWT signs in only once: signIn with a new one");
            return null;
        }
        try {
            Credentials creds = c.signIn(last.forSite(settings.site()));
            given.add("token", creds.token());
            this.credentials = creds;
            this.expired = false;
            return creds;
        } catch (RuntimeException e) {
            notices.accept("the session's token expired, and signing in again failed: " + OneLine.of(e));
            return null;
        }
    }

    private static boolean sameServer(URI a, URI b) {
        return a.toString().replaceAll("/+$", "").equalsIgnoreCase(b.toString().replaceAll("/+$", ""));
    }

    /** Where each HTTP exchange is reported (redacted); the shell's {@code :trace}. */
    public void trace(Consumer<Exchange> consumer) {
        this.trace = consumer == null ? e -> { } : consumer;
    }

    /** Where each HTTP exchange is also reported, whatever {@code :trace} says: {@code --trace[=FILE]}. */
    public void traceAlso(Consumer<Exchange> consumer) {
        this.traceAlso = consumer == null ? e -> { } : consumer;
    }

    /** Where the client's lines about what it did unasked go (signed in again, found a lost create): the console. */
    public void notices(Consumer<String> consumer) {
        this.notices = consumer == null ? line -> { } : consumer;
    }

    public Credentials signIn(SignInRequest request, String displayUser) {
        TableauClient c = client();
        c.format(settings.format());
        c.pinVersion(settings.version());
        Credentials creds = c.signIn(request);
        given.add("token", creds.token());
        synchronized (this) {
            followMove(); // a permanent redirect may have sent the sign-in to the site's pod
        }
        settings.site(request.siteContentUrl() == null ? "" : request.siteContentUrl());
        this.credentials = creds;
        this.lastSignIn = request;
        this.userName = displayUser;
        this.expired = false;
        this.webhookCache = List.of();
        return creds;
    }

    public void signOut() {
        TableauClient c = client;
        try {
            if (c != null && credentials != null) c.signOut();
        } finally {
            credentials = null;
            lastSignIn = null;
            webhookCache = List.of();
        }
    }

    /** Switch Site: the session moves to another site of the same server; the old token ends. */
    public Credentials switchSite(String contentUrl) {
        Credentials creds = call(() -> client().switchSite(contentUrl));
        settings.site(contentUrl == null ? "" : contentUrl);
        this.credentials = creds;
        this.webhookCache = List.of();
        return creds;
    }

    public boolean signedIn() { return credentials != null; }

    public Optional<Credentials> credentials() { return Optional.ofNullable(credentials); }

    public String userName() { return userName; }

    /** True after the server said the token is no longer valid (401002/401000). */
    public boolean expired() { return expired; }

    /**
     * Runs a call that needs sign-in, marking the session expired when the server refuses the token, so the prompt
     * can say so.
     */
    public <T> T call(Supplier<T> call) {
        if (credentials == null) throw new IllegalStateException("not signed in; run signIn first");
        try {
            return call.get();
        } catch (TableauError e) {
            if (e.httpStatus() == 401) expired = true;
            throw e;
        } finally {
            synchronized (this) {
                followMove();
            }
        }
    }

    /** Keeps a secret for this session only (null forgets it), for the next sign-in and an export that asks. */
    public void rememberSecret(String envName, String value) {
        if (value == null) {
            rememberedSecrets.remove(envName);
        } else {
            rememberedSecrets.put(envName, value);
        }
    }

    /** A secret remembered under {@code envName}, or null. */
    public String rememberedSecret(String envName) {
        return rememberedSecrets.get(envName);
    }

    /** The webhooks of the signed-in site as last seen: for completion, without a request. */
    public List<Webhook> cachedWebhooks() { return webhookCache; }

    public void cacheWebhooks(List<Webhook> hooks) { webhookCache = List.copyOf(hooks); }

    public void cacheWebhook(Webhook hook) {
        List<Webhook> next = new ArrayList<>();
        for (Webhook w : webhookCache) if (!w.id().equals(hook.id())) next.add(w);
        next.add(hook);
        webhookCache = List.copyOf(next);
    }

    public void forgetWebhook(String id) {
        webhookCache = webhookCache.stream().filter(w -> !w.id().equals(id)).toList();
    }

    /** The API version in use: pinned, or the server's as discovered. */
    public ApiVersion apiVersion() {
        return client().version();
    }

    public WireFormat format() { return settings.format(); }

    public void format(WireFormat f) {
        settings.format(f);
        TableauClient c = client;
        if (c != null) c.format(f);
    }

    /** A short label for the prompt: user@site on host, with a mark when the session expired. */
    public String promptLabel() {
        if (credentials == null) {
            URI s = settings.server();
            return s == null ? "not signed in" : "not signed in · " + where(s);
        }
        String site = settings.site() == null || settings.site().isEmpty() ? "Default" : settings.site();
        return userName + "@" + site + " · " + where(settings.server()) + (expired ? " · EXPIRED" : "");
    }

    /** True when the session talks to the embedded sandbox (so activity can be caused, demo secrets used). */
    public boolean onEmbeddedSandbox() {
        URI e = embedded;
        URI server = settings.server();
        return e != null && server != null && sameServer(e, server);
    }

    private String where(URI server) {
        return onEmbeddedSandbox() ? "sandbox:" + server.getPort() : shortHost(server);
    }

    /** A server as the prompt shows it: the first label of its host name ({@code 10ay}), or host:port locally. */
    public static String shortHost(URI uri) {
        if (uri == null) return "";
        String host = uri.getHost() == null ? uri.toString() : uri.getHost();
        if (io.tabhook.Loopback.isLoopbackWithoutLookup(host)) { // never DNS: the prompt shows this
            return host + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        }
        int dot = host.indexOf('.');
        return dot > 0 && io.tabhook.Loopback.literal(host).isEmpty() ? host.substring(0, dot) : host;
    }

    /** What {@code session} shows; the token masked. */
    public SessionView view(boolean onSandbox) {
        Credentials c = credentials;
        String version;
        try {
            version = client == null ? (settings.version() == null ? "" : settings.version().toString())
                    : client.version().toString();
        } catch (RuntimeException e) {
            version = "unknown (" + e.getMessage() + ")";
        }
        return new SessionView(settings.server() == null ? null : settings.server().toString(), version,
                settings.site(), c == null ? null : c.siteId(), userName, c == null ? null : c.userId(),
                c == null ? null : Secrets.mask(c.token()), settings.format().name().toLowerCase(),
                c != null, expired, onSandbox);
    }
}
