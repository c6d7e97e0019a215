package io.tabhook.cli;

import io.tabhook.OwnerOnly;
import io.tabhook.dsl.Failures;
import io.tabhook.inbox.Delivery;
import io.tabhook.inbox.Inbox;
import io.tabhook.inbox.InboxListener;
import io.tabhook.inbox.InboxOptions;
import io.tabhook.relay.Relay;
import io.tabhook.relay.RelaySettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code tabhook inbox}: receives deliveries and prints each one as it arrives, Stripe-CLI style, until Ctrl-C.
 * Exit codes: 0 running (until stopped), 1 could not start (port taken, journal locked), 2 bad option.
 */
@Command(name = "inbox", mixinStandardHelpOptions = true,
        description = {"Receive webhook deliveries, journal them and print each one as it arrives.",
                "Give Tableau (or the sandbox) the URL it prints; any path below it works. Ctrl-C stops.",
                "With --replay, send journalled deliveries again instead, and exit."})
public class InboxCommand extends ServingCommand implements Callable<Integer> {
    static final int DEFAULT_PORT = 8787;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final int RAW_BODY_SHOWN = 2000;

    @Option(names = "--port", paramLabel = "N", defaultValue = "" + DEFAULT_PORT,
            description = "TCP port; 0 for any free one (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = InboxOptions.LOOPBACK,
            description = "address to listen on (default: ${DEFAULT-VALUE}, this machine only)")
    String bind;

    @Option(names = "--journal", paramLabel = "FILE",
            description = "journal file, one JSON line per delivery (default: ~/.tabhook/inbox.jsonl, or under TABHOOK_HOME)")
    Path journal;

    @Option(names = "--no-journal", description = "keep deliveries in memory only")
    boolean noJournal;

    @Option(names = "--forward-to", paramLabel = "URL",
            description = "also pass each delivery on to this URL (a failed forward is tried 4 times, 1, 2 and 4 s apart)")
    String forwardTo;

    @Option(names = "--max-body", paramLabel = "BYTES", defaultValue = "" + InboxOptions.DEFAULT_MAX_BODY,
            description = "larger bodies get 413 (default: ${DEFAULT-VALUE})")
    long maxBody;

    @Option(names = "--keep", paramLabel = "N", defaultValue = "" + InboxOptions.DEFAULT_KEEP_IN_MEMORY,
            description = "deliveries kept in memory for waiting and duplicate detection (default: ${DEFAULT-VALUE})")
    int keep;

    @Option(names = "--memory", paramLabel = "MIB", defaultValue = "" + InboxOptions.DEFAULT_MEMORY_BUDGET / (1024 * 1024),
            description = "MiB of recent bodies kept in memory; older ones are read back from the journal (default: ${DEFAULT-VALUE})")
    long memoryMib;

    @Option(names = "--fsync", description = "force each journal write to disk before acknowledging")
    boolean fsync;

    @Option(names = "--json", description = "print one JSON line per delivery (the journal's format) for machines")
    boolean json;

    @Option(names = "--replay", paramLabel = "SEQ|FROM-TO",
            description = "send these journalled deliveries again (to --to, else --forward-to), print what came of each, "
                    + "and exit: 0 all answered 2xx, 1 not")
    String replay;

    @Option(names = "--to", paramLabel = "URL", description = "where --replay sends (default: --forward-to)")
    String replayTo;

    @Mixin
    RelayOptions relayOptions = new RelayOptions();

    @Spec
    CommandSpec spec;

    private final Environment environment;
    private volatile Inbox inbox;
    private volatile Relay relay;

    public InboxCommand() {
        this(Environment.system());
    }

    InboxCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        InboxOptions options;
        URI replayTarget = null;
        long[] range = null;
        try {
            if (memoryMib < 1 || memoryMib > 1024 * 1024) {
                throw new IllegalArgumentException("--memory must be 1.." + 1024 * 1024 + " MiB, not " + memoryMib);
            }
            options = new InboxOptions(bind, port, noJournal ? null : journalPath(), maxBody,
                    forwardTo == null ? null : InboxOptions.target(forwardTo), fsync, keep, memoryMib * 1024 * 1024,
                    InboxOptions.defaults().forwardAttempts(), InboxOptions.defaults().forwardPause());
            if (replay != null) {
                range = range(replay);
                replayTarget = replayTo != null ? InboxOptions.target(replayTo) : options.forwardTo();
                if (replayTarget == null) throw new IllegalArgumentException("--replay needs --to URL (or --forward-to URL)");
                if (options.journal() == null) throw new IllegalArgumentException("--replay reads the journal; not with --no-journal");
            } else if (replayTo != null) {
                throw new IllegalArgumentException("--to goes with --replay; to pass every delivery on, use --forward-to");
            }
        } catch (IllegalArgumentException e) {
            err.println("tabhook inbox: " + e.getMessage());
            err.flush();
            return 2;
        }
        if (replay != null) return replay(options, range, replayTarget);
        try {
            inbox = Inbox.start(options);
        } catch (IOException | RuntimeException e) {
            err.println("tabhook inbox: " + (e.getMessage() == null ? e.getClass().getSimpleName() : Failures.oneLine(e.getMessage())));
            err.flush();
            return 1;
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter info = json ? err : out; // with --json, stdout carries nothing but JSON lines
        if (relayOptions.relay != null) {
            try {
                relay = Relay.start(relayOptions.relay, inbox, RelaySettings.from(environment::get)
                        .placeBeside(options.journal()), line -> {
                    info.println(line);
                    info.flush();
                });
            } catch (RuntimeException e) {
                inbox.close();
                err.println("tabhook inbox: " + Failures.oneLine(e.getMessage()));
                err.flush();
                return 1;
            }
        }
        info.println("tabhook inbox listening on " + inbox.url());
        info.println("in a browser: " + inbox.url() + " shows the deliveries as they arrive");
        if (relay != null) {
            inbox.relayAddress(relay.publicUrl()); // the page shows it beside the inbox's own, to copy
            info.println("public address: " + relay.publicUrl() + " (the " + relay.address().kind()
                    + " relays what reaches it to this inbox)");
        }
        int earlier = inbox.deliveries().size();
        info.println(options.journal() == null ? "journal: none (memory only)"
                : "journal: " + options.journal().toAbsolutePath() + (options.fsync() ? " (fsync)" : "")
                + (earlier > 0 ? " (" + earlier + " earlier " + (earlier == 1 ? "delivery" : "deliveries") + ")" : ""));
        if (options.forwardTo() != null) info.println("forwarding to " + options.forwardTo());
        if (!io.tabhook.Loopback.isLoopback(options.bind())) info.println("note: listening beyond this machine on " + options.bind());
        info.println("Ctrl-C to stop.");
        info.flush();

        inbox.listen(new InboxListener() {
            @Override
            public void delivered(Delivery d) {
                print(out, d);
            }

            @Override
            public void forwarded(Delivery d) {
                printForward(out, d);
            }

            @Override
            public void skipped(Skipped s) {
                // this output fell behind (nothing reads it, or a slow terminal): say what it missed, never hold it all
                info.println("… " + s.describe() + " while this output fell behind; the journal has them all"
                        + (options.journal() == null ? "" : " (" + options.journal() + ")"));
                info.flush();
            }
        });
        Relay relaying = relay;
        serveUntilExit(() -> {
            if (relaying != null) relaying.close();
            inbox.close();
        }, "tabhook-inbox-shutdown");
        return 0;
    }

    /** {@code --replay}: sends the deliveries again, one line each; 0 when every one was answered 2xx. */
    private int replay(InboxOptions options, long[] range, URI target) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Delivery> replayed;
        try {
            replayed = Inbox.replay(options, range[0], range[1], target);
        } catch (IllegalArgumentException e) {
            err.println("tabhook inbox: " + e.getMessage());
            err.flush();
            return 2;
        } catch (IOException | RuntimeException e) {
            err.println("tabhook inbox: " + Failures.oneLine(e.getMessage() == null ? e.toString() : e.getMessage()));
            err.flush();
            return 1;
        }
        boolean allOk = true;
        for (Delivery d : replayed) {
            printForward(out, d);
            allOk &= d.forward().ok();
        }
        out.flush();
        return allOk ? 0 : 1;
    }

    /** {@code 7} or {@code 3-9} as the first and last seq. */
    static long[] range(String text) {
        String t = text.strip();
        if (t.matches("\\d{1,18}")) return new long[] {Long.parseLong(t), Long.parseLong(t)};
        if (t.matches("\\d{1,18}\\s*-\\s*\\d{1,18}")) {
            String[] ends = t.split("-");
            long from = Long.parseLong(ends[0].strip()), to = Long.parseLong(ends[1].strip());
            if (from >= 1 && from <= to) return new long[] {from, to};
        }
        throw new IllegalArgumentException("--replay takes a delivery's number (7) or a range FROM-TO (3-9), not '"
                + text + "'");
    }

    /** The running inbox, once {@link #call()} started it. */
    public Inbox inbox() {
        return inbox;
    }

    /** The relay feeding it ({@code --relay}), or null. */
    public Relay relay() {
        return relay;
    }

    private void print(PrintWriter out, Delivery d) {
        if (json) {
            out.println(d.toJson());
        } else {
            out.println("--> " + CLOCK.format(d.receivedAt()) + " " + d.describe());
            String body = d.prettyBody(RAW_BODY_SHOWN);
            if (!body.isEmpty()) out.println(body);
        }
        out.flush();
    }

    private void printForward(PrintWriter out, Delivery d) {
        if (json) {
            out.println(d.forward().toJson(d.seq()));
        } else {
            out.println("<-- " + d.forward().describe() + " #" + d.seq());
        }
        out.flush();
    }

    private Path journalPath() {
        if (journal != null) return journal;
        Path home = environment.home();
        try {
            OwnerOnly.folder(home); // tabhook's folder in the user's home: 0700
        } catch (IOException e) {
            // opening the journal says what is wrong
        }
        return home.resolve("inbox.jsonl");
    }
}
