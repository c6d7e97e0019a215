package io.tabhook.dsl;

import io.tabhook.dsl.Word.Arg;
import io.tabhook.dsl.Word.Kind;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The table of DSL words: the one place each word's usage, arguments and help text are written. */
public final class Words {
    private Words() {}

    private static final Map<String, Word> WORDS = new LinkedHashMap<>();

    private static void word(String name, String usage, String summary, String details, Kind positional,
                             boolean bare, String example, Arg... args) {
        WORDS.put(name, new Word(name, usage, summary, details, List.of(args), positional, bare, example));
    }

    private static Arg arg(String name, Kind kind, String description) {
        return new Arg(name, kind, description);
    }

    static {
        word("signIn", "signIn(server: URL, site: NAME, user: U, password: P | pat: NAME, secret: S, version: V, format: F)",
                "Sign in and keep the token, site id and user id in the session.",
                """
                With no arguments at all, signs in to the embedded sandbox as its demo admin. Without `server`, signs
                in to the server the shell was started for (or the sandbox). A missing password or PAT secret is
                taken from TABLEAU_PASSWORD / TABLEAU_PAT_SECRET, or asked for with a masked prompt.""",
                null, true, "signIn site: 'workshop', pat: 'workshop-pat', secret: env('TABLEAU_PAT_SECRET')",
                arg("server", Kind.URL, "server base URL, e.g. https://10ay.online.tableau.com"),
                arg("site", Kind.SITE, "site contentUrl ('' or omitted: the Default site)"),
                arg("user", Kind.TEXT, "user name, for password sign-in"),
                arg("password", Kind.SECRET, "password (better: TABLEAU_PASSWORD or the masked prompt)"),
                arg("pat", Kind.TEXT, "personal access token name"),
                arg("secret", Kind.SECRET, "personal access token secret (better: TABLEAU_PAT_SECRET)"),
                arg("jwt", Kind.SECRET, "a connected-app JWT (REST API 3.17+)"),
                arg("version", Kind.VERSION, "pin the REST API version, e.g. 3.9 (default: the server's)"),
                arg("format", Kind.FORMAT, "wire format for this session: xml or json"));
        word("signOut", "signOut()", "Sign out; the token is dead afterwards.", "", null, true, "signOut()");
        word("serverInfo", "serverInfo()", "The server's product version and REST API version (no sign-in needed).",
                "", null, true, "serverInfo().restApiVersion");
        word("webhooks", "webhooks()", "List the webhooks of the signed-in site.", "", null, true,
                "webhooks().findAll { !it.enabled }");
        word("webhook", "webhook(idOrName)", "One webhook, by id or by name.", "", Kind.WEBHOOK, false,
                "hook = webhook('my-webhook')");
        word("createWebhook", "createWebhook(name: N, event: E, url: U, enabled: true)",
                "Create a webhook; the event in any spelling, the url defaulting to the inbox.",
                """
                From REST API 3.9 the event goes in the `event` attribute, before in `webhook-source`; tabhook picks
                the form your server's version understands.""",
                null, false, "hook = createWebhook name: 'my-webhook', event: 'WorkbookCreated'",
                arg("name", Kind.TEXT, "the webhook's name"),
                arg("event", Kind.EVENT, "the event: WorkbookCreated, workbook-created, webhook-source-event-…"),
                arg("url", Kind.URL, "destination (https; default: the inbox)"),
                arg("enabled", Kind.BOOLEAN, "create it disabled with false"));
        word("updateWebhook", "updateWebhook(hook, enabled: B, reason: R, name: N, event: E, url: U)",
                "Change a webhook (REST API 3.8+); only what you name changes.",
                """
                `hook` is a webhook, its id or its name. Disabling takes an optional reason; re-enabling clears it
                (Tableau refuses a reason with enabled: true, error 400127).""",
                Kind.WEBHOOK, false, "updateWebhook 'my-webhook', enabled: false, reason: 'maintenance'",
                arg("enabled", Kind.BOOLEAN, "true or false"),
                arg("reason", Kind.TEXT, "statusChangeReason, when disabling"),
                arg("name", Kind.TEXT, "new name"),
                arg("event", Kind.EVENT, "new event"),
                arg("url", Kind.URL, "new destination"));
        word("testWebhook", "testWebhook(hook)",
                "Ask the server to POST a test to the webhook's destination; shows what the destination answered.",
                "", Kind.WEBHOOK, false, "testWebhook('my-webhook').status");
        word("deleteWebhook", "deleteWebhook(hook)", "Delete a webhook, given as object, id or name.", "",
                Kind.WEBHOOK, false, "deleteWebhook 'my-webhook'");
        word("waitForPayload", "waitForPayload(event: E, name: N, resource: R, timeout: SECONDS, fresh: false) { where }",
                "Wait for the next delivery to the inbox that matches; returns its payload.",
                """
                Matches deliveries not yet returned by an earlier waitForPayload, including ones that arrived just
                before the wait began (fresh: true waits only for new ones). Ctrl-C stops waiting. The closure, if
                given, receives the payload and says whether it matches. The payload is a map of its six fields
                (p.resource_name); p.pretty() is the indented JSON, as the shell prints it.""",
                null, true, "p = waitForPayload event: 'WorkbookCreated', timeout: 30; p.resource_name",
                arg("event", Kind.EVENT, "the event_type to wait for, in any spelling"),
                arg("name", Kind.TEXT, "the resource_name to wait for"),
                arg("resource", Kind.TEXT, "WORKBOOK, DATASOURCE, EXTRACTS, VIEW, USER, SITE"),
                arg("timeout", Kind.NUMBER, "seconds to wait (default 30)"),
                arg("fresh", Kind.BOOLEAN, "true: ignore deliveries that arrived before the wait"),
                arg("where", Kind.CLOSURE, "a closure taking the payload, true when it matches"));
        word("inbox", "inbox", "The built-in receiver: inbox.url, inbox.deliveries, inbox.last, inbox.clear().",
                "", null, true, "inbox.deliveries.size()");
        word("sandbox", "sandbox", "Site activity in the embedded sandbox, one word per event.",
                """
                sandbox.createWorkbook('Sales'), updateWorkbook, deleteWorkbook, createDatasource, updateDatasource,
                deleteDatasource, refreshWorkbook('Sales', failed: true), refreshDatasource, deleteView, promoteUser,
                demoteUser, deleteUser, createSite, updateSite, deleteSite, createLabel, updateLabel, deleteLabel;
                sandbox.fire('WorkbookCreated', 'Sales') for any event. Each acts on the signed-in site.""",
                null, true, "sandbox.createWorkbook('Sales')");
        word("events", "events(filter)", "The 22 webhook events: friendly name, source element, resource, version.",
                "", Kind.TEXT, true, "events('refresh')");
        word("session", "session", "Where you are: server, API version, site, site id, user, token (masked), format.",
                "", null, true, "session.siteId");
        word("help", "help(word)", "Help on a word; with none, the list of words.", "", Kind.TEXT, true,
                "help createWebhook");
        word("expect", "expect(condition, message)", "A check: fails the script (exit 1, FILE:LINE) when false.",
                "", null, false, "expect hook.enabled, 'webhook should be enabled'");
        word("env", "env(name, default)", "An environment variable, e.g. a secret kept out of the script.", "",
                Kind.TEXT, false, "env('TABLEAU_PAT_SECRET')");
        word("log", "log(message)", "Print a progress line (to stderr in scripts).", "", Kind.TEXT, false,
                "log \"created ${hook.name}\"");
        word("usePostmanEnvironment", "usePostmanEnvironment(file)",
                "Read a Postman environment (\"Tableau Webhooks\") into the session's settings.", "", Kind.FILE,
                false, "usePostmanEnvironment 'Tableau Webhooks.postman_environment.json'");
        word("exportPostmanEnvironment", "exportPostmanEnvironment(file, secrets: false)",
                "Write the session out as a Postman environment; secrets only with secrets: true.", "", Kind.FILE,
                false, "exportPostmanEnvironment 'tabhook.postman_environment.json'",
                arg("secrets", Kind.BOOLEAN, "include password, PAT secret and token"));
    }

    public static Map<String, Word> all() { return WORDS; }

    public static Optional<Word> find(String name) { return Optional.ofNullable(WORDS.get(name)); }
}
