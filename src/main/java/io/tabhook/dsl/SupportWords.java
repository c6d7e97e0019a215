package io.tabhook.dsl;

import io.tabhook.api.Webhook;
import io.tabhook.dsl.Word.Kind;
import io.tabhook.events.EventType;
import io.tabhook.session.Session;
import io.tabhook.support.Doctor;
import io.tabhook.support.DoctorReport;
import io.tabhook.support.ImportedWebhook;
import io.tabhook.support.TestedWebhook;
import io.tabhook.support.WebhookFile;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.regex.Pattern;

/** Support words: {@code doctor}, {@code testWebhooks}, and moving webhooks with {@code exportWebhooks}/{@code importWebhooks}. */
final class SupportWords {
    private SupportWords() {}

    static final WordTable TABLE = new WordTable();

    static {
        TABLE.word("doctor", "Check the server, the sign-in and each webhook; says what to do about every problem.")
                .details("""
                        In order: the server answers and is Tableau (TLS, REST API version, the events it offers); the
                        sign-in works and may manage webhooks (a site administrator); then each webhook: enabled, or
                        disabled and why; its destination (https; http only on this machine), host and certificate; its
                        event; its owner; and duplicates and clashing names among them. Each finding is ok, warn or fail
                        with what was seen and what to do; the report's exitCode is 0, 1 (warnings) or 3 (failures).
                        Signs in as signIn would when the session is not signed in. Changes nothing on the site, except
                        with fix: true, which re-enables the webhooks disabled after failed deliveries once you say yes
                        to the plan (yes: true in a script, where nobody can answer).""")
                .option("test", Kind.BOOLEAN, "also make each webhook's test call (status, time, first words)")
                .option("fix", Kind.BOOLEAN, "re-enable webhooks disabled after failed deliveries, after showing the plan")
                .option("yes", Kind.BOOLEAN, "with fix: carry the plan out without asking")
                .example("doctor test: true")
                .does(SupportWords::doctor);
    }

    static DoctorReport doctor(Call c) {
        boolean fix = c.flag("fix");
        boolean yes = c.flag("yes");
        Console console = c.dsl().console();
        if (fix && !yes && !console.canConfirm()) {
            throw c.mistake("fix: true asks before re-enabling webhooks, and nobody can answer here: add yes: true "
                    + "(nothing was checked or changed)");
        }
        Session session = c.session();
        return Doctor.examine(session, new Doctor.Options(c.flag("test"), fix),
                () -> signIn(c.dsl(), session),
                plan -> approve(console, plan, yes));
    }

    /** Null when the session is signed in (now, or already), else why not. */
    private static String signIn(Dsl dsl, Session session) {
        if (session.signedIn()) return null;
        try {
            dsl.call("signIn");
            return null;
        } catch (RuntimeException e) {
            return Failures.describe(e);
        }
    }

    /** Shows the plan; with yes it goes ahead, else the console asks. */
    private static boolean approve(Console console, String plan, boolean yes) {
        console.log(plan);
        if (yes) return true;
        return Boolean.TRUE.equals(console.confirm("Re-enable them? [y/N] "));
    }

    static {
        TABLE.word("testWebhooks", "Test every webhook (or the ones named, of an event, enabled or not) and tabulate "
                        + "the answers.")
                .details("""
                        Makes each webhook's test call in turn (the server POSTs a test to the destination) and shows a
                        row per webhook: name, event, the status the destination answered (408: it could not be
                        reached), how long the call took, and the first words of the answer. A name may hold * for any
                        text ('orders-*').""")
                .optionalPositional("name", Kind.WEBHOOK, "a webhook, its id or its name (* for any text)")
                .option("event", Kind.EVENT, "only the webhooks of this event")
                .option("enabled", Kind.BOOLEAN, "only the enabled (true) or the disabled (false) ones")
                .example("testWebhooks().findAll { !it.ok() }")
                .does(SupportWords::testWebhooks);
    }

    static List<TestedWebhook> testWebhooks(Call c) {
        Session session = c.session();
        List<Webhook> hooks = WebhookWords.list(session);
        Object name = c.value("name");
        EventType event = c.event("event");
        Boolean enabled = c.bool("enabled");
        List<Webhook> chosen = hooks.stream()
                .filter(w -> name == null || matches(w, name))
                .filter(w -> event == null || w.eventType().map(event::equals).orElse(false))
                .filter(w -> enabled == null || w.isEnabled() == enabled)
                .toList();
        return TestedWebhook.all(session, chosen);
    }

    /** The webhook given, its id, or its name with * for any text. */
    private static boolean matches(Webhook w, Object name) {
        if (name instanceof Webhook h) return h.id().equals(w.id());
        String text = name.toString().strip();
        String glob = Arrays.stream(text.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining(".*"));
        return text.equals(w.id()) || (w.name() != null && w.name().matches(glob));
    }

    static {
        TABLE.word("exportWebhooks", "Write the site's webhooks (name, event, url, enabled) to a JSON file, to "
                        + "import on another site.")
                .details("""
                        The file is owner-only (0600) and holds no secret: a url with one (a token in its query) is
                        written masked and not imported. docs/support.md describes the format.""")
                .positional("file", Kind.FILE, "where to write it, e.g. 'webhooks.json'")
                .example("exportWebhooks 'webhooks.json'")
                .does(SupportWords::exportWebhooks);
    }

    static String exportWebhooks(Call c) {
        Session session = c.session();
        List<Webhook> hooks = WebhookWords.list(session);
        WebhookFile file = WebhookFile.of(hooks, session.settings().server().toString(), session.settings().site());
        Path out = Path.of(c.text("file"));
        try {
            file.write(out);
        } catch (IllegalArgumentException e) {
            throw new DslException(e.getMessage());
        }
        long secrets = file.secretsLeftOut();
        return "wrote " + hooks.size() + (hooks.size() == 1 ? " webhook" : " webhooks") + " to " + out
                + (secrets == 0 ? "" : " (" + secrets + " url" + (secrets == 1 ? "'s" : "s'")
                + " secret left out: create " + (secrets == 1 ? "it" : "those") + " by hand)");
    }

    static {
        TABLE.word("importWebhooks", "Create the webhooks of an exported file on this site; skips those already "
                        + "here.")
                .details("""
                        A webhook with the same name, event and url as one on the site is skipped, so importing twice
                        changes nothing. Says per webhook what it did: created (with its id), skipped or failed (and
                        why); dryRun: true shows the plan and creates nothing.""")
                .positional("file", Kind.FILE, "a file exportWebhooks wrote")
                .option("dryRun", Kind.BOOLEAN, "show what it would do, create nothing")
                .example("importWebhooks 'webhooks.json', dryRun: true")
                .does(SupportWords::importWebhooks);
    }

    static List<ImportedWebhook> importWebhooks(Call c) {
        WebhookFile file;
        try {
            file = WebhookFile.read(Path.of(c.text("file")));
        } catch (IllegalArgumentException e) {
            throw new DslException(e.getMessage());
        }
        boolean dryRun = c.flag("dryRun");
        List<ImportedWebhook> steps = ImportedWebhook.importFile(c.session(), file, dryRun);
        c.dsl().console().log(ImportedWebhook.summary(steps, dryRun));
        return steps;
    }
}
