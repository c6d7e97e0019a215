package io.tabhook.dsl;

import io.tabhook.events.EventType;
import io.tabhook.sandbox.Activity;
import io.tabhook.sandbox.ActivityResult;

import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code sandbox} in the DSL: one word per kind of site activity, each acting on the signed-in site and firing
 * the webhooks subscribed to its event.
 */
public final class SandboxWords {
    private final Activity activity;
    private final Supplier<String> site;

    SandboxWords(Activity activity, Supplier<String> site) {
        this.activity = activity;
        this.site = site;
    }

    private String site() { return site.get(); }

    public ActivityResult fire(String event, String name) {
        return activity.fire(site(), EventType.parse(event), name, null);
    }

    public ActivityResult fire(String event) { return fire(event, null); }

    public ActivityResult fire(Map<String, ?> opts, String event, String name) {
        Object outcome = opts.get("outcome");
        return activity.fire(site(), EventType.parse(event), name, outcome == null ? null : outcome.toString());
    }

    public ActivityResult createWorkbook(String name) { return activity.createWorkbook(site(), name); }
    public ActivityResult updateWorkbook(String name) { return activity.updateWorkbook(site(), name); }
    public ActivityResult deleteWorkbook(String name) { return activity.deleteWorkbook(site(), name); }
    public ActivityResult createDatasource(String name) { return activity.createDatasource(site(), name); }
    public ActivityResult updateDatasource(String name) { return activity.updateDatasource(site(), name); }
    public ActivityResult deleteDatasource(String name) { return activity.deleteDatasource(site(), name); }

    public ActivityResult refreshWorkbook(String name) { return activity.refreshWorkbook(site(), name, false); }

    public ActivityResult refreshWorkbook(Map<String, ?> opts, String name) {
        return activity.refreshWorkbook(site(), name, failed(opts));
    }

    public ActivityResult refreshDatasource(String name) { return activity.refreshDatasource(site(), name, false); }

    public ActivityResult refreshDatasource(Map<String, ?> opts, String name) {
        return activity.refreshDatasource(site(), name, failed(opts));
    }

    private static boolean failed(Map<String, ?> opts) {
        Object f = opts.get("failed");
        return f != null && Dsl.groovyTruth(f);
    }

    public ActivityResult deleteView(String name) { return activity.deleteView(site(), name); }
    public ActivityResult promoteUser(String name) { return activity.promoteUser(site(), name); }
    public ActivityResult demoteUser(String name) { return activity.demoteUser(site(), name); }
    public ActivityResult deleteUser(String name) { return activity.deleteUser(site(), name); }
    public ActivityResult createSite(String name) { return activity.createSite(site(), name); }
    public ActivityResult updateSite(String name) { return activity.updateSite(site(), name); }
    public ActivityResult deleteSite(String name) { return activity.deleteSite(site(), name); }
    public ActivityResult createLabel(String name) { return activity.createLabel(site(), name); }
    public ActivityResult updateLabel(String name) { return activity.updateLabel(site(), name); }
    public ActivityResult deleteLabel(String name) { return activity.deleteLabel(site(), name); }

    @Override
    public String toString() {
        return "sandbox activity on site '" + site() + "': createWorkbook, refreshDatasource, … (help sandbox)";
    }
}
