package io.tabhook.cli;

import io.tabhook.dsl.CompiledScripts;
import io.tabhook.dsl.Console;
import io.tabhook.dsl.Dsl;
import io.tabhook.dsl.Interpreter;
import io.tabhook.inbox.Inbox;
import io.tabhook.inbox.InboxOptions;
import io.tabhook.inbox.Journals;
import io.tabhook.sandbox.Faults;
import io.tabhook.sandbox.Sandbox;
import io.tabhook.sandbox.SandboxOptions;
import io.tabhook.session.Session;
import io.tabhook.session.Settings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;

/**
 * What a command works against: the embedded sandbox and inbox (when no --server is given, started in parallel
 * off the caller's thread), the session, and the DSL interpreter over them.
 */
final class Workspace implements AutoCloseable {
    final Sandbox sandbox;
    final Inbox inbox;
    final Session session;
    final Dsl dsl;
    final Interpreter interpreter;

    private Workspace(Sandbox sandbox, Inbox inbox, Session session, Dsl dsl, Interpreter interpreter) {
        this.sandbox = sandbox;
        this.inbox = inbox;
        this.session = session;
        this.dsl = dsl;
        this.interpreter = interpreter;
    }

    /** Starts what the options ask for; the embedded servers start concurrently, and are closed again if a step fails. */
    static Workspace open(ServerOptions options, Console console, Environment environment) {
        return open(options, console, environment, true);
    }

    /**
     * The same; without {@code withInbox} no inbox starts (a command that only talks to a server, such as doctor,
     * needs none and leaves no journal behind).
     */
    static Workspace open(ServerOptions options, Console console, Environment environment, boolean withInbox) {
        Settings settings = options.settings();
        String postmanEnv = options.postmanEnv == null ? null : options.postmanEnv.toString();
        String postmanServer = postmanEnv == null ? null : Dsl.postmanServer(postmanEnv);
        boolean embedded = options.embedded() && postmanServer == null;
        if (options.faults != null && !embedded) {
            throw new IllegalArgumentException("--faults makes the embedded sandbox misbehave, and " + postmanEnv
                    + " names a server, so there is none; run `tabhook sandbox --faults …` and give its address instead");
        }
        CompletableFuture<Sandbox> sandbox = embedded
                ? CompletableFuture.supplyAsync(() -> start(() -> Sandbox.start(SandboxOptions.defaults()
                        .withFaults(options.faults == null ? Faults.OFF : options.faults))))
                : CompletableFuture.completedFuture(null);
        CompletableFuture<Inbox> inbox = !withInbox ? CompletableFuture.completedFuture(null) : CompletableFuture.supplyAsync(
                () -> start(() -> Inbox.start(InboxOptions.defaults().withJournal(sessionJournal(environment.home())))));
        Sandbox sb = null;
        Inbox ib = null;
        try {
            sb = sandbox.join();
            ib = inbox.join();
            if (sb != null) settings.server(sb.baseUrl());
            Session session = new Session(settings, options.timeout);
            Dsl dsl = new Dsl(session, ib, sb, console, environment.variables());
            dsl.journals(Journals.in(environment.home()));
            if (postmanEnv != null) {
                dsl.usePostmanEnvironment(postmanEnv);
                options.applyTo(settings); // the command line wins over the environment file
            }
            if (options.relay.relay != null) dsl.relay().use(options.relay.relay);
            return new Workspace(sb, ib, session, dsl, new Interpreter(dsl, CompiledScripts.in(environment.home())));
        } catch (RuntimeException e) {
            closeQuietly(sb != null ? sb : sandbox.exceptionally(failed -> null).join());
            closeQuietly(ib != null ? ib : inbox.exceptionally(failed -> null).join());
            throw e;
        }
    }

    private static void closeQuietly(AutoCloseable server) {
        try {
            if (server != null) server.close();
        } catch (Exception ignored) {
            // failing already
        }
    }

    /**
     * A fresh journal for this session's inbox, so a delivery it acknowledged survives a crash of the shell; a new
     * file each time, so one session's waits never match another's deliveries ({@code journals()} opens the earlier
     * ones). Null (memory only) when the folder cannot be written.
     */
    static java.nio.file.Path sessionJournal(java.nio.file.Path home) {
        try {
            return Journals.in(home).forNewSession();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** {@link #open} on another thread: the caller gets on with its own start-up meanwhile. */
    static CompletableFuture<Workspace> openAsync(ServerOptions options, Console console, Environment environment) {
        return CompletableFuture.supplyAsync(() -> open(options, console, environment));
    }

    private interface Starter<T> {
        T start() throws IOException;
    }

    private static <T> T start(Starter<T> s) {
        try {
            return s.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            if (session.signedIn()) session.signOut();
        } catch (RuntimeException ignored) {
            // leaving anyway
        }
        if (dsl.relay() != null) dsl.relay().close();
        if (inbox != null) inbox.close();
        if (sandbox != null) sandbox.close();
    }
}
