package io.tabhook.dsl;

import io.tabhook.api.Webhook;
import io.tabhook.dsl.Word.Kind;
import io.tabhook.sandbox.Activity;
import io.tabhook.sandbox.ActivityResult;
import io.tabhook.sandbox.DeliveryAttempt;
import io.tabhook.sandbox.Faults;
import io.tabhook.sandbox.Sandbox;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code sandbox} and its sub-words: one word per kind of site activity in the embedded sandbox, each acting on the
 * signed-in site and firing the webhooks subscribed to its event, and {@code sandbox.deliveries}, what came of them.
 */
final class SandboxWords {
    private SandboxWords() {}

    static final WordTable TABLE = new WordTable();

    static {
        TABLE.word("sandbox", "Site activity in the embedded sandbox, one word per event.")
                .details("""
                        Each word acts on the signed-in site and fires the webhooks subscribed to its event. A name left
                        out: a created resource gets a fresh name, an update or refresh takes the oldest, a delete the
                        newest. `help sandbox` lists its words; sandbox.fire('WorkbookCreated') works for any event, and
                        sandbox.deliveries() shows each POST to the webhooks, their retries and auto-disables.""")
                .example("sandbox.createWorkbook('Sales')")
                .does(SandboxWords::sandbox);
    }

    static WordGroup sandbox(Call c) {
        c.dsl().sandbox("sandbox activity");
        return new WordGroup("sandbox", c.dsl(), () -> "sandbox activity on site '" + site(c)
                + "': createWorkbook, refreshDatasource, … (help sandbox)");
    }

    static {
        TABLE.word("sandbox.fire", "Make any of the 22 events happen, to a resource by name or one the sandbox picks.")
                .positional("event", Kind.EVENT, "the event, in any spelling")
                .optionalPositional("name", Kind.TEXT, "the resource's name (left out: the sandbox picks or makes one)")
                .option("outcome", Kind.TEXT, "for refresh events: succeeded or failed")
                .example("sandbox.fire('DatasourceRefreshFailed', 'Sample - Superstore')")
                .does(SandboxWords::fire);
    }

    static ActivityResult fire(Call c) {
        return activity(c).fire(site(c), c.event("event"), c.text("name"), c.text("outcome"));
    }

    static {
        activity("createWorkbook", "'Sales'", "Publish a workbook (WorkbookCreated).", Activity::createWorkbook);
        activity("updateWorkbook", "'Sales'", "Update a workbook (WorkbookUpdated).", Activity::updateWorkbook);
        activity("deleteWorkbook", "'Sales'", "Delete a workbook (WorkbookDeleted).", Activity::deleteWorkbook);
        activity("createDatasource", "'Orders'", "Publish a data source (DatasourceCreated).",
                Activity::createDatasource);
        activity("updateDatasource", "'Sample - Superstore'", "Update a data source (DatasourceUpdated).",
                Activity::updateDatasource);
        activity("deleteDatasource", "'Orders'", "Delete a data source (DatasourceDeleted).",
                Activity::deleteDatasource);
        activity("deleteView", "", "Delete a view (ViewDeleted).", Activity::deleteView);
        activity("promoteUser", "", "Make a user a site administrator (AdminPromoted).", Activity::promoteUser);
        activity("demoteUser", "", "Make a site administrator a user again (AdminDemoted).", Activity::demoteUser);
        activity("deleteUser", "", "Remove a user from the site (UserDeleted).", Activity::deleteUser);
        activity("createSite", "'Marketing'", "Create a site (SiteCreated, seen from the signed-in site).",
                Activity::createSite);
        activity("updateSite", "", "Update a site (SiteUpdated); left out: the signed-in site.", Activity::updateSite);
        activity("deleteSite", "'Marketing'", "Delete another site (SiteDeleted).", Activity::deleteSite);
        activity("createLabel", "'Sales'", "Label a workbook or data source, named by its name (LabelCreated).",
                Activity::createLabel);
        activity("updateLabel", "'Sales'", "Change the label on a workbook or data source (LabelUpdated).",
                Activity::updateLabel);
        activity("deleteLabel", "'Sales'", "Remove the label from a workbook or data source (LabelDeleted).",
                Activity::deleteLabel);
    }

    static {
        TABLE.word("sandbox.deliveries",
                        "The sandbox's delivery timeline: each POST to a webhook, its retries, the auto-disable.")
                .details("""
                        One line per attempt (time, webhook, event, attempt number, HTTP status or why it failed,
                        how long it took, when the retry comes), per auto-disable, and per event dropped because the
                        webhook's queue was full or not sent because the webhook was disabled; oldest first, on the
                        signed-in site. As JSON (:format json) the lines are those of GET /sandbox/deliveries.""")
                .optionalPositional("hook", Kind.WEBHOOK, "only this webhook: the webhook, its id or its name")
                .option("event", Kind.EVENT, "only this event")
                .example("sandbox.deliveries('my-webhook', event: 'WorkbookCreated')")
                .does(SandboxWords::deliveries);
    }

    static List<DeliveryAttempt> deliveries(Call c) {
        Sandbox sandbox = c.dsl().sandbox("sandbox.deliveries");
        String webhook = c.value("hook") instanceof Webhook w ? w.id() : c.text("hook");
        String site = sandbox.siteId(site(c)).orElse(null);
        return sandbox.deliveries().timeline(site, webhook, c.event("event"));
    }

    static {
        TABLE.word("sandbox.faults", "Make the sandbox's REST API misbehave on purpose, as Tableau Cloud sometimes does.")
                .details("""
                        Shares of the calls (0 to 1) answered 500 or 503 (errorRate; a call that changes something, half
                        of those times after the change was made), 429 with Retry-After and not done (rateLimit), a
                        proxy's HTML page (html), or cut off in the middle of the answer after the work (drop); tokens
                        that stop working some time after their sign-in (expireTokens, 401002); time added to every
                        answer (latency), both in seconds. The same seed makes the same calls fail again. The spelling of --faults works too, and 'off' ends them; bare, it
                        says which faults are on. The sandbox's control routes never fail.""")
                .optionalPositional("spec", Kind.TEXT, "as --faults writes them: '" + Faults.EXAMPLE + "', or 'off'")
                .option("errorRate", Kind.NUMBER, "share of calls answered 500 or 503")
                .option("rateLimit", Kind.NUMBER, "share of calls answered 429 with Retry-After, not done")
                .option("expireTokens", Kind.NUMBER, "tokens stop working this many seconds after their sign-in")
                .option("latency", Kind.NUMBER, "seconds added to every answer (0.05 for 50 ms)")
                .option("html", Kind.NUMBER, "share of calls answered with a proxy's HTML page (502)")
                .option("drop", Kind.NUMBER, "share of calls whose connection drops in the middle of the answer")
                .option("seed", Kind.NUMBER, "the same seed makes the same calls fail again")
                .example("sandbox.faults(errorRate: 0.3, rateLimit: 0.1, expireTokens: 3, seed: 7)")
                .does(SandboxWords::faults);
    }

    static String faults(Call c) {
        Sandbox sandbox = c.dsl().sandbox("sandbox.faults");
        Map<String, String> named = new LinkedHashMap<>();
        for (String key : List.of("errorRate", "rateLimit", "expireTokens", "latency", "html", "drop", "seed")) {
            if (c.value(key) == null) continue;
            double n = c.number(key, 0);
            if (key.equals("expireTokens") || key.equals("latency")) {
                named.put(key, Math.round(n * 1000) + "ms");
            } else if (key.equals("seed")) {
                if (n != Math.rint(n)) throw c.mistake("seed must be a whole number, not " + n);
                named.put(key, String.valueOf((long) n));
            } else {
                named.put(key, BigDecimal.valueOf(n).stripTrailingZeros().toPlainString());
            }
        }
        String spec = c.text("spec");
        if (spec != null && !named.isEmpty()) {
            throw c.mistake("takes the faults either as one text or by name, not both");
        }
        if (spec == null && named.isEmpty() && !c.has("spec")) {
            Faults now = sandbox.faults();
            return now.off() ? "sandbox faults: off" : "sandbox faults: " + now;
        }
        Faults faults;
        try {
            faults = spec != null || named.isEmpty() ? Faults.parse(spec) : Faults.of(named);
        } catch (IllegalArgumentException e) {
            throw c.mistake(e.getMessage());
        }
        Faults running = sandbox.faults(faults);
        return running.off() ? "sandbox faults: off" : "sandbox faults: " + running;
    }

    static {
        TABLE.word("sandbox.refreshWorkbook",
                        "Refresh a workbook's extract: WorkbookRefreshStarted, then Succeeded (or Failed).")
                .optionalPositional("name", Kind.TEXT, "the workbook's name (left out: the oldest)")
                .option("failed", Kind.BOOLEAN, "true: the refresh fails")
                .example("sandbox.refreshWorkbook('Sales', failed: true)")
                .does(c -> activity(c).refreshWorkbook(site(c), c.text("name"), c.flag("failed")));
        TABLE.word("sandbox.refreshDatasource",
                        "Refresh a data source's extract: DatasourceRefreshStarted, then Succeeded (or Failed).")
                .optionalPositional("name", Kind.TEXT, "the data source's name (left out: the oldest)")
                .option("failed", Kind.BOOLEAN, "true: the refresh fails")
                .example("sandbox.refreshDatasource('Sample - Superstore', failed: true)")
                .does(c -> activity(c).refreshDatasource(site(c), c.text("name"), c.flag("failed")));
    }

    /** One of {@link Activity}'s methods, acting on a site and a resource named or picked. */
    @FunctionalInterface
    private interface Act {
        ActivityResult on(Activity activity, String site, String name);
    }

    /** A sub-word that does one kind of activity: {@code sandbox.createWorkbook('Sales')}; the example's argument. */
    private static void activity(String name, String exampleName, String summary, Act act) {
        TABLE.word("sandbox." + name, summary)
                .optionalPositional("name", Kind.TEXT, "the resource's name (left out: the sandbox picks or makes one)")
                .example("sandbox." + name + "(" + exampleName + ")")
                .does(c -> act.on(activity(c), site(c), c.text("name")));
    }

    private static Activity activity(Call c) {
        return c.dsl().sandbox("sandbox activity").activity();
    }

    private static String site(Call c) {
        return c.session().settings().site();
    }
}
