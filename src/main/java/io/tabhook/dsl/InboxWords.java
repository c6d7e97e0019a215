package io.tabhook.dsl;

import groovy.lang.Closure;
import groovy.lang.IntRange;
import io.tabhook.HumanDuration;
import io.tabhook.api.Webhook;
import io.tabhook.dsl.Word.Kind;
import io.tabhook.inbox.Delivery;
import io.tabhook.inbox.DeliveryFilter;
import io.tabhook.inbox.FoundDeliveries;
import io.tabhook.inbox.ForwardResult;
import io.tabhook.inbox.Inbox;
import io.tabhook.inbox.InboxOptions;
import io.tabhook.inbox.JournalInfo;
import io.tabhook.inbox.Journals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Inbox words: {@code waitForPayload}, {@code deliveries} and past {@code journals}, and {@code inbox} with its
 * sub-words ({@code inbox.url}, {@code inbox.urlFor}, {@code inbox.replay}, …).
 */
final class InboxWords {
    private InboxWords() {}

    static final WordTable TABLE = new WordTable();

    static {
        TABLE.word("waitForPayload", "Wait for the next delivery to the inbox that matches; returns its payload.")
                .details("""
                        Matches deliveries not yet returned by an earlier waitForPayload, including ones that arrived just
                        before the wait began (fresh: true waits only for new ones). Ctrl-C stops waiting. The closure, if
                        given, receives the payload and says whether it matches. The payload is a map of its six fields
                        (p.resource_name); p.pretty() is the indented JSON, as the shell prints it. A timeout says what the
                        inbox received instead.""")
                .option("event", Kind.EVENT, "the event_type to wait for, in any spelling")
                .option("hook", Kind.WEBHOOK, "only deliveries for this webhook (its name, or the webhook): its own "
                        + "address, inbox.urlFor(name)")
                .option("name", Kind.TEXT, "the resource_name to wait for")
                .option("resource", Kind.TEXT, "WORKBOOK, DATASOURCE, EXTRACTS, VIEW, USER, SITE")
                .option("timeout", Kind.NUMBER, "seconds to wait, 0 or more (default 30; 0 looks only at what came)")
                .option("fresh", Kind.BOOLEAN, "true: ignore deliveries that arrived before the wait")
                .option("where", Kind.CLOSURE, "a closure taking the payload, true when it matches")
                .example("p = waitForPayload event: 'WorkbookCreated', hook: 'my-webhook', timeout: 30; p.resource_name")
                .does(InboxWords::waitForPayload);
    }

    static PayloadMap waitForPayload(Call c) {
        Dsl dsl = c.dsl();
        Inbox box = dsl.inbox("waitForPayload");
        double seconds = seconds(c, "timeout", 30);
        DeliveryFilter wanted = hookFilter(c, DeliveryFilter.any());
        if (c.event("event") != null) wanted = wanted.withEvent(c.event("event"));
        if (c.text("name") != null) wanted = wanted.name(c.text("name"));
        if (c.text("resource") != null) wanted = wanted.resource(c.text("resource"));
        Closure<?> where = c.closure("where");
        // the fields the closure asked for that a payload lacked, and those the payloads had: a typo is then said
        Set<String> missed = ConcurrentHashMap.newKeySet();
        Set<String> fields = ConcurrentHashMap.newKeySet();
        if (where != null) {
            wanted = wanted.where("where { … }", d -> {
                PayloadMap payload = PayloadMap.of(d, missed);
                fields.addAll(payload.keySet());
                return Dsl.groovyTruth(where.call(payload));
            });
        }
        DeliveryFilter payloads = wanted.where("a payload", d -> d.payload() != null);
        String what = wanted.describe().equals("any delivery") ? "a payload" : wanted.describe();
        Duration timeout = Duration.ofMillis(Math.round(seconds * 1000));
        CompletableFuture<Delivery> next = box.next(
                payloads.where("not returned before", d -> !dsl.payloadReturned(d.seq())), !c.flag("fresh"));
        Delivery d = await(dsl.console(), next, "waiting for " + what, timeout.toNanos(),
                () -> new DslException(nothingArrived(dsl, box, what, payloads, timeout) + noSuchField(missed, fields)),
                "wait for " + what + " cancelled");
        dsl.payloadReturnedNow(d.seq());
        return PayloadMap.of(d);
    }

    /**
     * Waits for a future with a countdown on the console, until it completes or the time is up; Ctrl-C (an interrupt)
     * cancels. The one wait loop of the inbox's words.
     */
    private static <T> T await(Console console, CompletableFuture<T> future, String waiting, long timeoutNanos,
                               java.util.function.Supplier<DslException> timedOut, String cancelled) {
        long deadline = System.nanoTime() + timeoutNanos;
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0 && !future.isDone()) throw timedOut.get();
                console.waiting(waiting, Duration.ofNanos(Math.max(0, left)));
                try {
                    return future.get(Math.max(0, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100))), TimeUnit.NANOSECONDS);
                } catch (TimeoutException tick) {
                    // keep the countdown moving
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException re) throw re;
                    throw new DslException("wait failed: " + cause);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException(cancelled);
        } finally {
            future.cancel(true);
            console.doneWaiting();
        }
    }

    /**
     * Why a wait found nothing, from what the inbox actually received: {@code nothing matching event: X arrived within
     * 30 s; the inbox received 2 deliveries in the last 30 s: WorkbookCreated ×2 for hook=a, hook=b; none matched}.
     */
    private static String nothingArrived(Dsl dsl, Inbox box, String what, DeliveryFilter payloads, Duration timeout) {
        String head = (what.equals("a payload") ? "no payload" : "nothing matching " + what) + " arrived";
        if (timeout.isZero()) {
            return head + " yet (timeout: 0 looks only at what came already; give the wait some seconds, e.g. timeout: 30)";
        }
        // at least the last minute: a delivery that came just before a short wait is what the user needs to see
        String received = box.receivedWithin(timeout.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1) : timeout);
        List<Delivery> returned = box.deliveries().stream()
                .filter(d -> dsl.payloadReturned(d.seq()) && payloads.matches(d)).toList();
        String tail;
        if (!returned.isEmpty()) {
            long seq = returned.get(returned.size() - 1).seq();
            tail = "#" + seq + " matched, but an earlier waitForPayload returned it already (each payload is returned "
                    + "once; inbox.last shows the latest)";
        } else if (received.startsWith("the inbox received nothing")) {
            tail = "is a webhook" + (what.equals("a payload") ? "" : " for " + what) + " enabled and aimed at the inbox "
                    + "(createWebhook without url:, or url: inbox.urlFor('NAME'))? "
                    + (dsl.onSandbox() ? "sandbox.deliveries() shows what the sandbox sent; " : "")
                    + "a real site may take longer: timeout: 60";
        } else {
            tail = "none matched " + what;
        }
        return head + " within " + HumanDuration.of(timeout) + "; " + received + "; " + tail;
    }

    /** {@code ; no payload has resourc_name: did you mean resource_name?}, or "" when every field asked for was there. */
    private static String noSuchField(Set<String> missed, Set<String> fields) {
        List<String> never = missed.stream().filter(k -> !fields.contains(k)).sorted().toList();
        if (never.isEmpty() || fields.isEmpty()) return "";
        String name = never.get(0);
        List<String> have = fields.stream().sorted().toList();
        List<String> near = Words.closest(name, have);
        return "; no payload has " + name
                + (near.isEmpty() ? " (they have " + String.join(", ", have) + ")" : ": did you mean " + near.get(0) + "?");
    }

    /** {@code hook:} as a filter: a webhook's name (as in its address {@code ?hook=NAME}), or the webhook itself. */
    private static DeliveryFilter hookFilter(Call c, DeliveryFilter filter) {
        Object hook = c.value("hook");
        if (hook == null) return filter;
        if (hook instanceof Webhook w) {
            String named = Delivery.hookOf(w.url());
            if (named != null) return filter.hook(named);
            URI url = URI.create(w.url());
            return filter.path(url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath());
        }
        return filter.hook(hook.toString());
    }

    /** A number of seconds, 0 or more; one line that says so otherwise. */
    private static double seconds(Call c, String arg, double fallback) {
        double seconds = c.number(arg, fallback);
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            Object given = c.value(arg);
            throw c.mistake(arg + ": must be a number of seconds, 0 or more, not " + given);
        }
        return seconds;
    }

    // ---- what the inbox received: its journal, and past ones ----

    /** The filters {@code deliveries} and {@code journal} share, declared once. */
    private static WordTable.Declaration withFilters(WordTable.Declaration d) {
        return d.option("event", Kind.EVENT, "only this event, in any spelling")
                .option("hook", Kind.WEBHOOK, "only deliveries for this webhook: its name (as in ?hook=NAME) or the webhook")
                .option("path", Kind.TEXT, "only deliveries whose address starts with this, e.g. '/hooks/sales'")
                .option("since", Kind.ANY, "received at or after: '10 min' (ago), '09:30' (today), '2024-05-02 09:30', "
                        + "an ISO instant")
                .option("until", Kind.ANY, "received before, in the same forms")
                .option("text", Kind.TEXT, "only deliveries whose body or address holds this text (any case)")
                .option("last", Kind.NUMBER, "only the most recent N of those that match (default " + LAST + ")")
                .option("count", Kind.BOOLEAN, "true: how many match, rather than the deliveries");
    }

    /** How many deliveries a look returns unless told: a table longer than this reads as noise. */
    static final int LAST = 1_000;

    static {
        withFilters(TABLE.word("deliveries", "What the inbox received, from its journal: filter by event, webhook, "
                        + "time and text; as a table, or JSON with :format json.")
                .details("""
                        Reads the whole journal of this session's inbox: deliveries that inbox.clear() forgot are there too
                        (without a journal, what memory holds). Each row shows where it came (hook=NAME or the path), what
                        the forward target answered (✗ when it failed, ↻ after a replay) and the delivery it repeats. As JSON,
                        each delivery is its journal line's fields with its event, hook and forward result. journal: reads
                        a past session's journal (journals() lists them).""")
                .option("journal", Kind.TEXT, "a past journal: its number or name as journals() lists it, or a path"))
                .example("deliveries event: 'WorkbookCreated', hook: 'my-webhook', since: '10 min'")
                .does(InboxWords::deliveries);
        withFilters(TABLE.word("journal", "The deliveries a past session's journal holds, with the same filters as "
                        + "deliveries.")
                .positional("journal", Kind.TEXT, "its number or name as journals() lists it (1 is the newest), or a path"))
                .example("journal(2, event: 'WorkbookCreated')")
                .does(InboxWords::deliveries);
        TABLE.word("journals", "The journals of past sessions (and this one), newest first: each shell or run keeps one.")
                .details("""
                        Kept by what they hold: a session that received nothing leaves no journal; of those that hold
                        deliveries, all from the last 30 days and, whatever their age, the 50 most recent are kept. The
                        files are in TABHOOK_HOME/deliveries (owner-only); journal(N) opens one.""")
                .example("journals(); journal(1)")
                .does(InboxWords::journals);
    }

    static Object deliveries(Call c) {
        Dsl dsl = c.dsl();
        DeliveryFilter filter = hookFilter(c, DeliveryFilter.any());
        if (c.event("event") != null) filter = filter.withEvent(c.event("event"));
        if (c.text("path") != null) filter = filter.path(c.text("path"));
        if (c.text("text") != null) filter = filter.containing(c.text("text"));
        Instant now = Instant.now();
        ZoneId zone = ZoneId.systemDefault();
        filter = filter.between(TimeArgument.of(c.value("since"), "since", now, zone),
                TimeArgument.of(c.value("until"), "until", now, zone));
        double last = c.number("last", LAST);
        if (!(last >= 0) || last != Math.floor(last)) throw c.mistake("last: must be a whole number, 0 or more, not " + c.value("last"));
        int limit = c.flag("count") ? 0 : (int) Math.min(Integer.MAX_VALUE, last);
        FoundDeliveries found;
        try {
            String journal = c.text("journal");
            if (journal != null) {
                found = Inbox.find(journals(dsl).find(journal), filter, limit);
            } else {
                found = dsl.inbox(c.word().name()).find(filter, limit);
            }
        } catch (IllegalArgumentException e) {
            throw new DslException(c.word().name() + ": " + e.getMessage());
        } catch (IOException e) {
            throw new DslException(c.word().name() + ": cannot read the journal: " + e.getMessage());
        }
        if (c.flag("count")) return found.matched();
        return found.deliveries();
    }

    static List<JournalInfo> journals(Call c) {
        try {
            return journals(c.dsl()).list();
        } catch (IOException e) {
            throw new DslException("journals: cannot read " + journals(c.dsl()).folder() + ": " + e.getMessage());
        }
    }

    /** The session journals' folder: the one the workspace names, else the folder of this inbox's journal. */
    private static Journals journals(Dsl dsl) {
        if (dsl.journals() != null) return dsl.journals();
        Inbox box = dsl.inboxServer();
        Path journal = box == null ? null : box.journal();
        if (journal == null || journal.toAbsolutePath().getParent() == null) {
            throw new DslException("this session keeps no journals (its inbox runs in memory only); give a path: "
                    + "journal('/path/to/inbox.jsonl')");
        }
        return new Journals(journal.toAbsolutePath().getParent());
    }

    // ---- inbox and its sub-words ----

    static {
        TABLE.word("inbox", "The built-in receiver: inbox.url, inbox.urlFor(name), inbox.deliveries, inbox.replay(seq), …")
                .details("Webhooks created without url: deliver here, each to its own address. `help inbox` lists its words.")
                .example("inbox.url")
                .does(InboxWords::inbox);
    }

    static WordGroup inbox(Call c) {
        Inbox box = c.dsl().inbox("inbox");
        return new WordGroup("inbox", c.dsl(), () -> "inbox at " + box.url() + " (" + count(box.deliveries().size())
                + ")");
    }

    /** {@code 1 delivery}, {@code 3 deliveries}. */
    static String count(long n) {
        return n + (n == 1 ? " delivery" : " deliveries");
    }

    static {
        TABLE.word("inbox.url", "The inbox's address: any path or query below it is a delivery.")
                .details("""
                        createWebhook without url: gives each webhook its own address under it: inbox.urlFor(name).
                        With a relay (--relay, inbox.relay) it is the relay's public address.""")
                .example("createWebhook name: 'hook', event: 'WorkbookCreated', url: inbox.url")
                .does(c -> c.dsl().relay("inbox.url").address().toString());
        TABLE.word("inbox.urlFor", "A webhook's own address under the inbox: inbox.url with ?hook=NAME.")
                .details("""
                        Deliveries to it carry the name: waitForPayload hook: NAME and deliveries(hook: NAME) find them, and
                        the same payload sent to two webhooks counts as two deliveries, not a duplicate. createWebhook
                        without url: uses it. A query parameter rather than a path, so relays that pass on only the query
                        keep it.""")
                .positional("name", Kind.TEXT, "the webhook's name")
                .example("createWebhook name: 'sales', event: 'WorkbookCreated', url: inbox.urlFor('sales')")
                .does(c -> Inbox.withHook(c.dsl().relay("inbox.urlFor").address(), c.text("name")).toString());
        TABLE.word("inbox.deliveries", "The deliveries the inbox holds in memory, oldest first (deliveries reads the journal).")
                .example("inbox.deliveries.each { println it }")
                .does(c -> c.dsl().inbox("inbox.deliveries").deliveries());
        TABLE.word("inbox.last", "The payload of the latest delivery (null when there is none).")
                .example("inbox.last.resource_name")
                .does(InboxWords::last);
        TABLE.word("inbox.size", "How many deliveries the inbox holds in memory.")
                .example("inbox.size()")
                .does(c -> c.dsl().inbox("inbox.size").deliveries().size());
        TABLE.word("inbox.clear", "Forget every delivery the inbox holds in memory (the journal keeps them).")
                .example("inbox.clear()")
                .does(InboxWords::clear);
    }

    static PayloadMap last(Call c) {
        List<Delivery> all = c.dsl().inbox("inbox.last").deliveries();
        return all.isEmpty() ? null : PayloadMap.of(all.get(all.size() - 1));
    }

    static String clear(Call c) {
        Inbox box = c.dsl().inbox("inbox.clear");
        int n = box.deliveries().size();
        box.clear();
        return "cleared " + count(n);
    }

    static {
        TABLE.word("inbox.forwardTo", "Pass every later delivery on to a URL as well, like stripe listen --forward-to.")
                .details("The inbox still journals and acknowledges each delivery itself; null stops forwarding. A failed "
                        + "forward is sent again (4 tries, 1, 2 and 4 s apart); the final result shows in deliveries().")
                .positional("url", Kind.URL, "where to forward (http or https), or null to stop")
                .example("inbox.forwardTo('http://127.0.0.1:5678/automation')")
                .does(InboxWords::forwardTo);
    }

    static String forwardTo(Call c) {
        String url = c.text("url");
        try {
            c.dsl().inbox("inbox.forwardTo").forwardTo(url == null ? null : InboxOptions.target(url));
        } catch (IllegalArgumentException e) {
            throw new DslException("inbox.forwardTo: " + e.getMessage());
        }
        return url == null ? "forwarding off" : "forwarding to " + url;
    }

    static {
        TABLE.word("inbox.forwardResult", "Wait for what the forward target answered for a delivery, after any retries.")
                .details("""
                        Returns the final result: r.ok() is true for a 2xx answer; r.status, r.error, r.attempts and
                        r.outcome() say what happened. Fails at once when the delivery was not forwarded.""")
                .positional("delivery", Kind.ANY, "a payload from waitForPayload, a delivery, or its number")
                .option("timeout", Kind.NUMBER, "seconds to wait, 0 or more (default 60)")
                .example("r = inbox.forwardResult(p); expect r.ok(), \"the automation answered ${r.outcome()}\"")
                .does(InboxWords::forwardResult);
    }

    static ForwardResult forwardResult(Call c) {
        Inbox box = c.dsl().inbox("inbox.forwardResult");
        long seq = seqOf(c, c.value("delivery"));
        double seconds = seconds(c, "timeout", 60);
        CompletableFuture<Delivery> result = box.forwarded(seq);
        try {
            return await(c.dsl().console(), result, "waiting for the forward of #" + seq, Math.round(seconds * 1e9),
                    () -> new DslException("inbox.forwardResult: the forward of #" + seq + " to " + box.forwardingTo()
                            + " has no final answer after " + HumanDuration.ofSeconds(seconds)
                            + " (it may still be retrying); try timeout: 120"),
                    "wait for the forward of #" + seq + " cancelled").forward();
        } catch (IllegalArgumentException | IllegalStateException notForwarded) {
            throw new DslException("inbox.forwardResult: " + notForwarded.getMessage());
        }
    }

    static {
        TABLE.word("inbox.replay", "Send earlier deliveries again, to a URL or where forwarding goes: "
                        + "inbox.replay(3), inbox.replay(2..5).")
                .details("""
                        Each is sent once, in order, as forwarding sends it (same body and headers, X-Tabhook-Delivery);
                        the result is journalled and becomes the delivery's forward result in deliveries(). Deliveries
                        older than memory holds are read back from the journal. Never to the inbox itself. The same as
                        tabhook inbox --replay, and the inbox's page.""")
                .positional("which", Kind.ANY, "a delivery's number, a range (2..5 or '2-5'), a delivery or a payload")
                .option("to", Kind.URL, "where to send (default: where forwarding goes)")
                .example("inbox.replay(3, to: 'http://127.0.0.1:5678/automation')")
                .does(InboxWords::replay);
    }

    static List<Delivery> replay(Call c) {
        Inbox box = c.dsl().inbox("inbox.replay");
        Object which = c.value("which");
        long from, to;
        if (which instanceof IntRange r) {
            from = Math.min(r.getFromInt(), r.getToInt());
            to = Math.max(r.getFromInt(), r.getToInt());
        } else if (which instanceof CharSequence s && s.toString().strip().matches("\\d+\\s*-\\s*\\d+")) {
            String[] ends = s.toString().split("-");
            from = Long.parseLong(ends[0].strip());
            to = Long.parseLong(ends[1].strip());
        } else {
            from = to = seqOf(c, which);
        }
        try {
            return box.replay(from, to, c.text("to") == null ? null : InboxOptions.target(c.text("to")));
        } catch (IllegalArgumentException e) {
            throw new DslException("inbox.replay: " + e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            throw new DslException("inbox.replay: cannot read the journal: " + e.getMessage());
        }
    }

    /** A delivery's number from what a user has at hand: the number, a delivery, or a payload from waitForPayload. */
    private static long seqOf(Call c, Object v) {
        if (v instanceof PayloadMap p && p.delivery() != null) return p.delivery().seq();
        if (v instanceof Delivery d) return d.seq();
        if (v instanceof Number n && n.doubleValue() >= 1 && n.doubleValue() == Math.floor(n.doubleValue())) return n.longValue();
        if (v instanceof CharSequence s && s.toString().strip().matches("#?\\d{1,18}")) {
            return Long.parseLong(s.toString().strip().replace("#", ""));
        }
        throw c.mistake("needs a delivery: its number (3), a delivery, or a payload from waitForPayload; not " + v);
    }
}
