package io.tabhook.dsl;

import io.tabhook.api.Webhook;
import io.tabhook.api.WebhookSpec;
import io.tabhook.api.WebhookTestResult;
import io.tabhook.Loopback;
import io.tabhook.dsl.Word.Kind;
import io.tabhook.inbox.Inbox;
import io.tabhook.relay.Relay;
import io.tabhook.session.Session;

import java.util.List;

/** Webhook words: list, get, create, update, test and delete the signed-in site's webhooks. */
final class WebhookWords {
    private WebhookWords() {}

    static final WordTable TABLE = new WordTable();

    private static final String HOOK = "the webhook, its id or its name";

    static {
        TABLE.word("webhooks", "List the webhooks of the signed-in site.")
                .example("webhooks().findAll { !it.enabled }")
                .does(WebhookWords::webhooks);
    }

    static List<Webhook> webhooks(Call c) {
        return list(c.session());
    }

    /** The site's webhooks, asked of the server; the cache completion reads is refreshed. */
    static List<Webhook> list(Session session) {
        List<Webhook> hooks = session.call(() -> session.client().listWebhooks());
        session.cacheWebhooks(hooks);
        return hooks;
    }

    static {
        TABLE.word("webhook", "One webhook, by id or by name.")
                .positional("hook", Kind.WEBHOOK, HOOK)
                .example("hook = webhook('my-webhook')")
                .does(WebhookWords::webhook);
    }

    static Webhook webhook(Call c) {
        Session session = c.session();
        String id = id(c);
        Webhook w = session.call(() -> session.client().getWebhook(id));
        session.cacheWebhook(w);
        return w;
    }

    static {
        TABLE.word("createWebhook", "Create a webhook; the event in any spelling, the url defaulting to the inbox.")
                .details("""
                        Without url:, the webhook gets its own address under the inbox, inbox.urlFor(name) (…/?hook=NAME),
                        so its deliveries count apart from another webhook's on the same event and waitForPayload hook: NAME
                        finds them. From REST API 3.9 the event goes in the `event` attribute, before in `webhook-source`;
                        tabhook picks the form your server's version understands.""")
                .required("name", Kind.TEXT, "the webhook's name")
                .required("event", Kind.EVENT, "the event: WorkbookCreated, workbook-created, webhook-source-event-…")
                .option("url", Kind.URL, "destination (https; default: its own address at the inbox)")
                .option("enabled", Kind.BOOLEAN, "create it disabled with false")
                .example("hook = createWebhook name: 'my-webhook', event: 'WorkbookCreated'")
                .does(WebhookWords::createWebhook);
    }

    static Webhook createWebhook(Call c) {
        String name = c.text("name");
        if (name == null || name.isBlank()) throw c.mistake("needs a name, e.g. name: 'my-webhook'");
        if (c.event("event") == null) throw c.mistake("needs event: 'WorkbookCreated' (`events` lists all)");
        String url = c.text("url");
        if (!c.dsl().onLocalServer()) url = reachableFromServer(c, url, name);
        if (url == null) {
            if (c.dsl().inboxServer() == null) throw c.mistake("needs url: 'https://…' (no inbox is running)");
            url = c.dsl().inboxServer().urlFor(name).toString(); // its own address: its deliveries count apart
        }
        WebhookSpec spec = new WebhookSpec(name, c.event("event"), url, c.bool("enabled"), null);
        Session session = c.session();
        Webhook w = session.call(() -> session.client().createWebhook(spec));
        session.cacheWebhook(w);
        return w;
    }

    /**
     * On a server that is not this machine, which cannot deliver to the inbox's loopback address: without url: the
     * relay's public address; a loopback url: (the relay's own excepted) refused in one line that says what to do.
     */
    private static String reachableFromServer(Call c, String url, String name) {
        Relay relay = c.dsl().relay() == null ? null : c.dsl().relay().relay().orElse(null);
        String relayed = relay == null ? null : relay.publicUrl().toString();
        if (url == null && relayed != null) return Inbox.withHook(relay.publicUrl(), name).toString(); // relays keep the query
        if (url != null && (relayed != null && url.startsWith(relayed)
                || !Loopback.urlReachesThisMachineWithoutLookup(url))) return url; // not a URL: the server says why
        String server = c.session().settings().server().getHost();
        throw new DslException("createWebhook: " + server + " cannot deliver to " + (url != null ? url
                : "the inbox on this machine") + "; start tabhook with --relay smee (or --relay webhook.site), "
                + "or call inbox.relay('smee'), and createWebhook delivers through it");
    }

    static {
        TABLE.word("updateWebhook", "Change a webhook (REST API 3.8+); only what you name changes.")
                .details("""
                        Disabling takes an optional reason; re-enabling clears it (Tableau refuses a reason with
                        enabled: true, error 400127).""")
                .positional("hook", Kind.WEBHOOK, HOOK)
                .option("enabled", Kind.BOOLEAN, "true or false")
                .option("reason", Kind.TEXT, "statusChangeReason, when disabling")
                .option("name", Kind.TEXT, "new name")
                .option("event", Kind.EVENT, "new event")
                .option("url", Kind.URL, "new destination")
                .example("updateWebhook 'my-webhook', enabled: false, reason: 'maintenance'")
                .does(WebhookWords::updateWebhook);
    }

    static Webhook updateWebhook(Call c) {
        WebhookSpec spec = new WebhookSpec(c.text("name"), c.event("event"), c.text("url"), c.bool("enabled"),
                c.text("reason"));
        if (spec.equals(new WebhookSpec(null, null, null, null, null))) {
            throw c.mistake("needs something to change: enabled:, reason:, name:, event: or url:");
        }
        Session session = c.session();
        String id = id(c);
        Webhook w = session.call(() -> session.client().updateWebhook(id, spec));
        session.cacheWebhook(w);
        return w;
    }

    static {
        TABLE.word("testWebhook", "Ask the server to POST a test to the webhook's destination; "
                        + "shows what the destination answered.")
                .positional("hook", Kind.WEBHOOK, HOOK)
                .example("testWebhook('my-webhook').status")
                .does(WebhookWords::testWebhook);
    }

    static WebhookTestResult testWebhook(Call c) {
        Session session = c.session();
        String id = id(c);
        return session.call(() -> session.client().testWebhook(id));
    }

    static {
        TABLE.word("deleteWebhook", "Delete a webhook, given as object, id or name.")
                .positional("hook", Kind.WEBHOOK, HOOK)
                .example("deleteWebhook 'my-webhook'")
                .does(WebhookWords::deleteWebhook);
    }

    static String deleteWebhook(Call c) {
        Session session = c.session();
        String id = id(c);
        session.call(() -> {
            session.client().deleteWebhook(id);
            return null;
        });
        session.forgetWebhook(id);
        return "deleted " + id;
    }

    /** The call's {@code hook} (a webhook, its id or its name) as an id; a name is looked up, cache first. */
    private static String id(Call c) {
        Object ref = c.value("hook");
        if (ref == null) throw new DslException("which webhook? give the webhook, its id or its name");
        if (ref instanceof Webhook w) return w.id();
        String text = ref.toString().trim();
        if (text.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) return text;
        List<Webhook> named = byName(c.session().cachedWebhooks(), text);
        if (named.isEmpty()) named = byName(list(c.session()), text);
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
}
