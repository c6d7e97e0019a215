package io.tabhook.dsl;

import io.tabhook.Loopback;
import io.tabhook.inbox.Inbox;
import io.tabhook.inbox.Journals;
import io.tabhook.relay.CurrentRelay;
import io.tabhook.relay.RelaySettings;
import io.tabhook.sandbox.Sandbox;
import io.tabhook.session.Session;
import io.tabhook.session.SessionView;

import java.util.function.Function;

/**
 * What the words act on, for one shell or script: the {@link Session}, the inbox, the sandbox, who prints progress
 * and answers prompts, and the environment. The words themselves are declared in the tables {@link Words} gathers;
 * {@link #call} runs one by name, as a script's dispatch does.
 */
public final class Dsl {
    private final Session session;
    private final Inbox inbox;
    private final Sandbox sandbox;
    private final CurrentRelay relay; // null without an inbox
    private volatile Console console;
    private final Function<String, String> environment;
    /** The highest delivery sequence number a waitForPayload has returned: later waits start after it. */
    /** The deliveries waitForPayload returned: each once, whatever order they arrived and were asked for in. */
    private final java.util.Set<Long> payloadsReturned = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile String running;
    private volatile Journals journals;
    private static final java.util.Set<String> DEMO_PASSWORDS = java.util.Set.of(io.tabhook.sandbox.Demo.ADMIN_PASSWORD,
            io.tabhook.sandbox.Demo.VIEWER_PASSWORD, io.tabhook.sandbox.Demo.ANALYST_PASSWORD);

    public Dsl(Session session, Inbox inbox, Sandbox sandbox, Console console, Function<String, String> environment) {
        this.session = session;
        this.inbox = inbox;
        this.sandbox = sandbox;
        this.console = console;
        this.environment = environment;
        if (sandbox != null) session.embeddedSandbox(sandbox.baseUrl());
        this.relay = inbox == null ? null : new CurrentRelay(inbox,
                RelaySettings.from(environment).placeBeside(inbox.options().journal()), line -> this.console.log(line),
                relayed -> session.keepOutOfTraces("relay", relayed.capability()));
        secretGiven(RelaySettings.API_KEY, environment.apply(RelaySettings.API_KEY));
        // What the client did unasked (signed in again, found a create whose answer was lost) is said as progress.
        session.notices(line -> this.console.log(line));
    }

    /** Runs a word as a script would call it: {@code call("webhook", "my-webhook")}, named arguments as a map first. */
    public Object call(String word, Object... args) {
        Word w = Words.find(word).orElseThrow(() -> new DslException("no word '" + word + "'; `help` lists them"));
        String outer = running;
        running = w.name();
        try {
            return w.handler().handle(Call.bind(w, this, args));
        } finally {
            running = outer;
        }
    }

    /** The word running now (the outermost one), or null: what the shell's spinner names. */
    public String running() {
        return running;
    }

    /**
     * A secret value given this session (an argument of kind SECRET, a literal written in a secret place, a prompt's
     * answer): the session masks it in everything shown from now on. The sandbox's demo passwords are not secrets:
     * the banner prints them, and masking them would mask the user names they equal.
     */
    public void secretGiven(String name, String value) {
        if (value == null) return;
        if (onSandbox() && DEMO_PASSWORDS.contains(value)) return;
        session.secrets().add(name, value);
    }

    /** The secrets written into a line or script (SecretsInCode), remembered before it runs. */
    void secretsWrittenIn(String code) {
        for (SecretsInCode.Secret s : SecretsInCode.in(code)) {
            if (s.name().equals("url")) {
                // its secret pieces, wherever they show: the address around them stays readable
                io.tabhook.api.Secrets.inUrl(s.value()).forEach(this::secretGiven);
            } else {
                secretGiven(s.name(), s.value());
            }
        }
    }

    public Session state() { return session; }

    public Console console() { return console; }

    /** Who prints progress and answers secret prompts; the shell sets itself once its terminal is up. */
    public void console(Console value) { this.console = value; }

    public Inbox inboxServer() { return inbox; }

    /** Where past sessions' journals are ({@code journals()}, {@code journal(N)}); null: beside this inbox's journal. */
    public void journals(Journals folder) { this.journals = folder; }

    Journals journals() { return journals; }

    public Sandbox sandboxServer() { return sandbox; }

    public boolean onSandbox() {
        return session.onEmbeddedSandbox();
    }

    /** An environment variable, or null when unset or empty. */
    String environment(String name) {
        String v = environment.apply(name);
        return v == null || v.isEmpty() ? null : v;
    }

    /** The inbox, for a word that needs it. */
    Inbox inbox(String word) {
        if (inbox == null) throw new DslException(word + " needs the inbox, which is not running in this session");
        return inbox;
    }

    /** The relay in use with the inbox (none until {@code --relay} or {@code inbox.relay}); null without an inbox. */
    public CurrentRelay relay() { return relay; }

    /** The relay, for a word that needs it. */
    CurrentRelay relay(String word) {
        inbox(word);
        return relay;
    }

    /** True on the embedded sandbox or a server on this machine, which can deliver to the inbox's loopback address. */
    boolean onLocalServer() {
        java.net.URI server = session.settings().server();
        return onSandbox() || server == null || Loopback.isLoopbackWithoutLookup(server.getHost());
    }

    /** The embedded sandbox, for a word that needs it. */
    Sandbox sandbox(String word) {
        if (sandbox == null) {
            throw new DslException(word + " needs the embedded sandbox; start tabhook without --server");
        }
        return sandbox;
    }

    boolean payloadReturned(long seq) { return payloadsReturned.contains(seq); }

    void payloadReturnedNow(long seq) { payloadsReturned.add(seq); }

    static boolean groovyTruth(Object o) {
        return org.codehaus.groovy.runtime.typehandling.DefaultTypeTransformation.castToBoolean(o);
    }

    // ---- for Java callers (the shell's :help and :session, start-up sign-in): the same words, by name ----

    /** {@code signIn} with no arguments: the demo admin on the sandbox, else the settings the shell started with. */
    public Object signIn() { return call("signIn"); }

    public String help() { return (String) call("help"); }

    public String help(Object word) { return (String) call("help", word == null ? "" : word.toString()); }

    public SessionView session() { return SessionWords.view(this); }

    /** Reads the workshop's Postman environment into the settings; secrets into the session's memory only. */
    public Object usePostmanEnvironment(String file) { return call("usePostmanEnvironment", file); }

    /** The server a Postman environment names, without applying it (to decide whether to start the sandbox). */
    public static String postmanServer(String file) {
        String s = Postman.read(java.nio.file.Path.of(file)).get("server");
        return s == null || s.isBlank() ? null : s;
    }
}
