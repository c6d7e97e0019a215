package io.tabhook.dsl;

import io.tabhook.HumanDuration;
import groovy.lang.Closure;
import io.tabhook.dsl.Word.Kind;
import io.tabhook.events.EventType;
import io.tabhook.inbox.Delivery;
import io.tabhook.inbox.DeliveryFilter;
import io.tabhook.inbox.Inbox;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/** Inbox words: {@code waitForPayload}, and {@code inbox} with its sub-words ({@code inbox.url}, …). */
final class InboxWords {
    private InboxWords() {}

    static final WordTable TABLE = new WordTable();

    static {
        TABLE.word("waitForPayload", "Wait for the next delivery to the inbox that matches; returns its payload.")
                .details("""
                        Matches deliveries not yet returned by an earlier waitForPayload, including ones that arrived just
                        before the wait began (fresh: true waits only for new ones). Ctrl-C stops waiting. The closure, if
                        given, receives the payload and says whether it matches. The payload is a map of its six fields
                        (p.resource_name); p.pretty() is the indented JSON, as the shell prints it.""")
                .option("event", Kind.EVENT, "the event_type to wait for, in any spelling")
                .option("name", Kind.TEXT, "the resource_name to wait for")
                .option("resource", Kind.TEXT, "WORKBOOK, DATASOURCE, EXTRACTS, VIEW, USER, SITE")
                .option("timeout", Kind.NUMBER, "seconds to wait (default 30)")
                .option("fresh", Kind.BOOLEAN, "true: ignore deliveries that arrived before the wait")
                .option("where", Kind.CLOSURE, "a closure taking the payload, true when it matches")
                .example("p = waitForPayload event: 'WorkbookCreated', timeout: 30; p.resource_name")
                .does(InboxWords::waitForPayload);
    }

    static PayloadMap waitForPayload(Call c) {
        Dsl dsl = c.dsl();
        Inbox box = dsl.inbox("waitForPayload");
        Predicate<Delivery> match = d -> d.payload() != null;
        StringBuilder what = new StringBuilder("a payload");
        EventType event = c.event("event");
        if (event != null) {
            match = match.and(d -> event.apiName().equals(d.payload().eventType()));
            what = new StringBuilder(event.apiName());
        }
        String name = c.text("name");
        if (name != null) {
            match = match.and(d -> name.equals(d.payload().resourceName()));
            what.append(" '").append(name).append('\'');
        }
        String resource = c.text("resource");
        if (resource != null) {
            match = match.and(d -> resource.equalsIgnoreCase(d.payload().resource()));
            what.append(" on ").append(resource.toUpperCase(Locale.ROOT));
        }
        Closure<?> where = c.closure("where");
        if (where != null) {
            match = match.and(d -> Dsl.groovyTruth(where.call(PayloadMap.of(d))));
            what.append(" (where …)");
        }
        long cursor = dsl.payloadCursor();
        Predicate<Delivery> unseen = d -> d.seq() > cursor;
        double seconds = c.number("timeout", 30);
        Duration timeout = Duration.ofMillis((long) (seconds * 1000));
        CompletableFuture<Delivery> next = box.next(DeliveryFilter.any().where(unseen.and(match)), !c.flag("fresh"));
        long deadline = System.nanoTime() + timeout.toNanos();
        Console console = dsl.console();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    String none = what.toString().startsWith("a ") ? what.substring(2) : what.toString();
                    throw new DslException("no " + none + " arrived within " + HumanDuration.ofSeconds(seconds)
                            + " (inbox has " + box.deliveries().size() + " deliveries; is a webhook subscribed? "
                            + "try timeout: 60)");
                }
                console.waiting("waiting for " + what, Duration.ofNanos(left));
                try {
                    Delivery d = next.get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS);
                    dsl.payloadReturned(d.seq());
                    return PayloadMap.of(d);
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
            throw new CancellationException("wait for " + what + " cancelled");
        } finally {
            next.cancel(true);
            console.doneWaiting();
        }
    }

    // ---- inbox and its sub-words ----

    static {
        TABLE.word("inbox", "The built-in receiver: inbox.url, inbox.deliveries, inbox.last, inbox.forwardTo(url), …")
                .details("Webhooks created without url: deliver here. `help inbox` lists its words.")
                .example("inbox.url")
                .does(InboxWords::inbox);
    }

    static WordGroup inbox(Call c) {
        Inbox box = c.dsl().inbox("inbox");
        return new WordGroup("inbox", c.dsl(), () -> "inbox at " + box.url() + " (" + box.deliveries().size()
                + " deliveries)");
    }

    static {
        TABLE.word("inbox.url", "The inbox's address: the destination of webhooks created without url:.")
                .details("With a relay (--relay, inbox.relay) it is the relay's public address.")
                .example("createWebhook name: 'hook', event: 'WorkbookCreated', url: inbox.url")
                .does(c -> c.dsl().relay("inbox.url").address().toString());
        TABLE.word("inbox.deliveries", "Every delivery the inbox holds, oldest first.")
                .example("inbox.deliveries.each { println it }")
                .does(c -> c.dsl().inbox("inbox.deliveries").deliveries());
        TABLE.word("inbox.last", "The payload of the latest delivery (null when there is none).")
                .example("inbox.last.resource_name")
                .does(InboxWords::last);
        TABLE.word("inbox.size", "How many deliveries the inbox holds.")
                .example("inbox.size()")
                .does(c -> c.dsl().inbox("inbox.size").deliveries().size());
        TABLE.word("inbox.clear", "Forget every delivery the inbox holds.")
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
        return "cleared " + n + " deliveries";
    }

    static {
        TABLE.word("inbox.forwardTo", "Pass every later delivery on to a URL as well, like stripe listen --forward-to.")
                .details("The inbox still journals and acknowledges each delivery itself; null stops forwarding.")
                .positional("url", Kind.URL, "where to forward (http or https), or null to stop")
                .example("inbox.forwardTo('http://127.0.0.1:5678/automation')")
                .does(InboxWords::forwardTo);
    }

    static String forwardTo(Call c) {
        String url = c.text("url");
        c.dsl().inbox("inbox.forwardTo").forwardTo(url == null ? null : URI.create(url));
        return url == null ? "forwarding off" : "forwarding to " + url;
    }
}
