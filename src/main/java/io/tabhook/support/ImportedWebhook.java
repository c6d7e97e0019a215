package io.tabhook.support;

import io.tabhook.api.Fields;
import io.tabhook.api.Shown;
import io.tabhook.api.Webhook;
import io.tabhook.api.WebhookSpec;
import io.tabhook.events.EventType;
import io.tabhook.events.UnknownEventException;
import io.tabhook.session.Session;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What importing a webhook file did with one of its webhooks: created it on the signed-in site, skipped it because one
 * with the same name, event and url is there already, or failed (and why); with a dry run, what it would do.
 *
 * @param outcome {@code created}, {@code skipped} or {@code failed}; {@code would create}, {@code would skip} or
 *                {@code would fail} in a dry run
 * @param detail  the new webhook's id, the id of the one already there, or why it failed
 */
public record ImportedWebhook(String name, String event, String url, String outcome, String detail) implements Shown {

    /**
     * Imports the file's webhooks into the signed-in site, in the file's order; with {@code dryRun} nothing is
     * created. A webhook the file holds twice is created once.
     */
    public static List<ImportedWebhook> importFile(Session session, WebhookFile file, boolean dryRun) {
        List<Webhook> there = new ArrayList<>(session.call(() -> session.client().listWebhooks()));
        List<ImportedWebhook> out = new ArrayList<>();
        String fail = dryRun ? "would fail" : "failed";
        for (WebhookFile.Entry e : file.webhooks()) {
            if (e.secretLeftOut()) {
                out.add(of(e, fail, "its url held a secret, left out of the file: create it with "
                        + "createWebhook and the whole url"));
                continue;
            }
            EventType event;
            try {
                event = EventType.parse(e.event());
            } catch (UnknownEventException ex) {
                out.add(of(e, fail, ex.getMessage()));
                continue;
            }
            Optional<Webhook> same = there.stream().filter(w -> same(w, e.name(), event, e.url())).findFirst();
            if (same.isPresent()) {
                out.add(of(e, dryRun ? "would skip" : "skipped", "already there: " + same.get().id()));
                continue;
            }
            WebhookSpec spec = new WebhookSpec(e.name(), event, e.url(), e.enabled() ? null : Boolean.FALSE, null);
            if (dryRun) {
                out.add(of(e, "would create", e.enabled() ? "" : "disabled"));
                there.add(new Webhook("", e.name(), event.apiName(), e.enabled(), null, e.url(), null, null, null, null));
                continue;
            }
            try {
                Webhook made = session.call(() -> session.client().createWebhook(spec));
                session.cacheWebhook(made);
                there.add(made);
                out.add(of(e, "created", made.id()));
            } catch (RuntimeException ex) {
                out.add(of(e, "failed", Doctor.describe(ex)));
            }
        }
        return out;
    }

    /** Same name, same event (in any spelling) and same url: the webhook is there already. */
    private static boolean same(Webhook w, String name, EventType event, String url) {
        return name.equals(w.name()) && w.eventType().map(event::equals).orElse(false)
                && url.strip().equals(w.url() == null ? null : w.url().strip());
    }

    private static ImportedWebhook of(WebhookFile.Entry e, String outcome, String detail) {
        String event = EventType.find(e.event()).map(EventType::apiName).orElse(e.event());
        return new ImportedWebhook(e.name(), event, e.url(), outcome, detail);
    }

    /** {@code created 2, skipped 1, failed 0}, or {@code would create 2, …} for a dry run. */
    public static String summary(List<ImportedWebhook> steps, boolean dryRun) {
        String[] outcomes = dryRun ? new String[] {"would create", "would skip", "would fail"}
                : new String[] {"created", "skipped", "failed"};
        List<String> parts = new ArrayList<>();
        for (String o : outcomes) parts.add(o + " " + steps.stream().filter(s -> s.outcome().equals(o)).count());
        return String.join(", ", parts);
    }

    /** The import failed for this webhook. */
    public boolean failed() {
        return outcome.equals("failed") || outcome.equals("would fail");
    }

    @Override
    public Fields fields() {
        return new Fields("webhook", "webhooks")
                .add("name", name)
                .add("event", event)
                .add("url", url).url()
                .add("outcome", outcome)
                .add("detail", detail)
                .columns("name", "event", "url", "outcome", "detail");
    }

    @Override
    public String toString() { return fields().toString(); }
}
