package io.tabhook.dsl;

import io.tabhook.api.Content;
import io.tabhook.api.Credentials;
import io.tabhook.api.DataSource;
import io.tabhook.api.ExtractRefreshTask;
import io.tabhook.api.Job;
import io.tabhook.api.QualityWarning;
import io.tabhook.api.SiteUser;
import io.tabhook.api.TableauSite;
import io.tabhook.api.View;
import io.tabhook.dsl.Word.Kind;
import io.tabhook.session.Session;

import java.util.List;
import java.util.function.Function;

/**
 * Words for what lives around webhooks, each one Tableau REST call: the site's users, the server's sites (and moving
 * between them), data quality warnings on data sources, and deleting a view. Several make events happen on Tableau
 * as on the sandbox: a role change into or out of site administration (AdminPromoted, AdminDemoted), removing a user
 * (UserDeleted), creating, updating and deleting a site (Site…), setting and clearing a warning (Label…), deleting a
 * view (ViewDeleted), running an extract refresh task (…RefreshStarted, …RefreshSucceeded). A word that removes
 * something answers it as it was, for a script to compare with the event's payload.
 */
final class SiteWords {
    private SiteWords() {}

    static final WordTable TABLE = new WordTable();

    private static final String USER = "the user, its id or its name";

    static {
        TABLE.word("users", "The users of the signed-in site (Get Users on Site, every page).")
                .example("users().findAll { it.siteRole.startsWith('SiteAdministrator') }*.name")
                .does(SiteWords::users);
    }

    static List<SiteUser> users(Call c) {
        Session s = c.session();
        return s.call(() -> s.client().listUsers());
    }

    static {
        TABLE.word("user", "One user of the signed-in site, by id or by name (Query User On Site).")
                .details("A webhook's owner is a user id: user(hook.ownerId) says who it is, or fails when the owner "
                        + "is no longer a user of the site.")
                .positional("user", Kind.TEXT, USER)
                .example("user(webhook('my-webhook').ownerId).name")
                .does(SiteWords::user);
    }

    static SiteUser user(Call c) {
        Session s = c.session();
        String id = userId(c, "user");
        return s.call(() -> s.client().getUser(id));
    }

    static {
        TABLE.word("updateUser", "Change a user's site role, full name or email (Update User).")
                .details("""
                        A site role that moves into or out of SiteAdministratorCreator/Explorer makes Tableau fire
                        AdminPromoted or AdminDemoted; any other change fires nothing.""")
                .positional("user", Kind.TEXT, USER)
                .option("role", Kind.TEXT, "the site role: Creator, Explorer, Viewer, SiteAdministratorCreator, …")
                .option("fullName", Kind.TEXT, "the display name")
                .option("email", Kind.TEXT, "the email address")
                .example("updateUser 'analyst', role: 'SiteAdministratorExplorer'")
                .does(SiteWords::updateUser);
    }

    static SiteUser updateUser(Call c) {
        if (!c.has("role") && !c.has("fullName") && !c.has("email")) {
            throw c.mistake("needs something to change: role:, fullName: or email:");
        }
        Session s = c.session();
        String id = userId(c, "user");
        return s.call(() -> s.client().updateUser(id, c.text("role"), c.text("fullName"), c.text("email")));
    }

    static {
        TABLE.word("removeUser", "Remove a user from the signed-in site (Remove User from Site; UserDeleted).")
                .details("""
                        A user who owns workbooks or data sources is not removed but made Unlicensed, unless mapAssetsTo:
                        names the user who takes them over.""")
                .positional("user", Kind.TEXT, USER)
                .option("mapAssetsTo", Kind.TEXT, "the user who takes over what they own (id or name)")
                .example("removeUser 'analyst'")
                .does(SiteWords::removeUser);
    }

    /** Answers the user as they were, for the script to compare with UserDeleted's payload. */
    static SiteUser removeUser(Call c) {
        Session s = c.session();
        String id = userId(c, "user");
        String heir = c.has("mapAssetsTo") ? userId(c, "mapAssetsTo") : null;
        return s.call(() -> {
            SiteUser gone = s.client().getUser(id);
            s.client().removeUser(id, heir);
            return gone;
        });
    }

    static {
        TABLE.word("sites", "The sites of the server you may see (Query Sites): all of them for a server administrator.")
                .example("sites()*.contentUrl")
                .does(SiteWords::sites);
    }

    static List<TableauSite> sites(Call c) {
        Session s = c.session();
        return s.call(() -> s.client().listSites());
    }

    static {
        TABLE.word("switchSite", "Move the session to another site of the server (Switch Site, REST API 2.6+).")
                .details("The old token stops working; webhooks, users and the rest then are the new site's.")
                .positional("site", Kind.SITE, "the site's contentUrl ('' for the Default site)")
                .example("switchSite 'workshop'")
                .does(SiteWords::switchSite);
    }

    static Credentials switchSite(Call c) {
        String site = c.text("site");
        if (site == null) throw c.mistake("needs the site's contentUrl, e.g. switchSite 'workshop' ('' for Default)");
        return c.session().switchSite(site);
    }

    static {
        TABLE.word("createSite", "Create a site (Create Site; SiteCreated, heard by the signed-in site's webhooks).")
                .details("Tableau Server only, and only for a server administrator.")
                .required("name", Kind.TEXT, "the site's name")
                .option("contentUrl", Kind.TEXT, "its contentUrl (default: the name without spaces, in lower case)")
                .example("createSite name: 'Marketing'")
                .does(SiteWords::createSite);
    }

    static TableauSite createSite(Call c) {
        String name = c.text("name");
        if (name == null || name.isBlank()) throw c.mistake("needs a name, e.g. name: 'Marketing'");
        String contentUrl = c.has("contentUrl") ? c.text("contentUrl")
                : name.replaceAll("[^A-Za-z0-9_-]", "").toLowerCase(java.util.Locale.ROOT);
        Session s = c.session();
        return s.call(() -> s.client().createSite(name, contentUrl));
    }

    static {
        TABLE.word("updateSite", "Rename or suspend the signed-in site (Update Site; SiteUpdated).")
                .option("name", Kind.TEXT, "the new name")
                .option("state", Kind.TEXT, "Active or Suspended")
                .example("updateSite name: 'Workshop 2026'")
                .does(SiteWords::updateSite);
    }

    static TableauSite updateSite(Call c) {
        if (!c.has("name") && !c.has("state")) throw c.mistake("needs something to change: name: or state:");
        Session s = c.session();
        String id = s.credentials().orElseThrow().siteId();
        return s.call(() -> s.client().updateSite(id, c.text("name"), c.text("state")));
    }

    static {
        TABLE.word("deleteSite", "Delete the signed-in site, named to be sure (Delete Site; SiteDeleted). Signs out.")
                .details("""
                        Tableau deletes a site from inside it: switch to it first. SiteDeleted is then heard by the
                        Default site's webhooks, and the session ends with the site.""")
                .positional("site", Kind.SITE, "the signed-in site's contentUrl, as a check")
                .example("switchSite 'marketing'; deleteSite 'marketing'")
                .does(SiteWords::deleteSite);
    }

    /** Answers the site as it was; the session has then signed out. */
    static TableauSite deleteSite(Call c) {
        Session s = c.session();
        String named = c.text("site");
        String here = s.settings().site() == null ? "" : s.settings().site();
        if (named == null || !named.equalsIgnoreCase(here)) {
            throw c.mistake("names '" + named + "', but the session is on '" + here + "': switchSite '" + named
                    + "' first, then deleteSite '" + named + "'");
        }
        String id = s.credentials().orElseThrow().siteId();
        TableauSite gone = s.call(() -> {
            TableauSite site = s.client().listSites().stream().filter(x -> x.id().equalsIgnoreCase(id)).findFirst()
                    .orElse(null);
            s.client().deleteSite(id);
            return site;
        });
        s.signOut();
        return gone;
    }

    static {
        TABLE.word("setQualityWarning", "Put a data quality warning on a data source, or change the one it has.")
                .details("""
                        Add Data Quality Warning (Tableau fires LabelCreated) when the data source has none, Update
                        Data Quality Warning (LabelUpdated) when it has one.""")
                .positional("datasource", Kind.TEXT, "the data source's name or id")
                .option("type", Kind.TEXT, "WARNING, DEPRECATED, STALE, SENSITIVE_DATA or MAINTENANCE")
                .option("message", Kind.TEXT, "what users read")
                .option("severe", Kind.BOOLEAN, "shown as severe")
                .example("setQualityWarning 'Sample - Superstore', type: 'STALE', message: 'Load failed'")
                .does(SiteWords::setQualityWarning);
    }

    static QualityWarning setQualityWarning(Call c) {
        Session s = c.session();
        String ds = datasourceId(c);
        return s.call(() -> {
            List<QualityWarning> existing = s.client().qualityWarnings(ds);
            if (existing.isEmpty()) {
                return s.client().addQualityWarning(ds, c.has("type") ? c.text("type") : "WARNING", c.text("message"),
                        c.bool("severe"));
            }
            return s.client().updateQualityWarning(existing.get(0).id(), c.text("type"), c.text("message"),
                    c.bool("severe"));
        });
    }

    static {
        TABLE.word("clearQualityWarning", "Remove a data source's data quality warning (LabelDeleted).")
                .positional("datasource", Kind.TEXT, "the data source's name or id")
                .example("clearQualityWarning 'Sample - Superstore'")
                .does(SiteWords::clearQualityWarning);
    }

    /** Answers the warning that was cleared, or null when there was none (and no event). */
    static QualityWarning clearQualityWarning(Call c) {
        Session s = c.session();
        String ds = datasourceId(c);
        return s.call(() -> {
            QualityWarning gone = s.client().qualityWarnings(ds).stream().findFirst().orElse(null);
            s.client().deleteQualityWarnings(ds);
            return gone;
        });
    }

    static {
        TABLE.word("deleteView", "Delete a view from its workbook (Delete View, REST API 3.27+; ViewDeleted).")
                .positional("view", Kind.TEXT, "the view's name or id")
                .example("deleteView 'Overview'")
                .does(SiteWords::deleteView);
    }

    /** Answers the view as it was. */
    static View deleteView(Call c) {
        Session s = c.session();
        View view = find(c, "view", "view", () -> s.client().listViews(), View::id, View::name);
        s.call(() -> {
            s.client().deleteView(view.id());
            return null;
        });
        return view;
    }

    static {
        TABLE.word("workbooks", "The workbooks of the signed-in site (Query Workbooks for Site, every page).")
                .example("workbooks().collect { it.name }")
                .does(SiteWords::workbooks);
        TABLE.word("deleteWorkbook", "Delete a workbook (Delete Workbook; WorkbookDeleted).")
                .positional("workbook", Kind.TEXT, "the workbook's name or id")
                .example("deleteWorkbook 'Sales'")
                .does(SiteWords::deleteWorkbook);
        TABLE.word("deleteDatasource", "Delete a published data source (Delete Data Source; DatasourceDeleted).")
                .positional("datasource", Kind.TEXT, "the data source's name or id")
                .example("deleteDatasource 'Orders'")
                .does(SiteWords::deleteDatasource);
    }

    static List<Content> workbooks(Call c) {
        Session s = c.session();
        return s.call(() -> s.client().listWorkbooks());
    }

    /** Answers the workbook as it was. */
    static Content deleteWorkbook(Call c) {
        Session s = c.session();
        Content workbook = find(c, "workbook", "workbook", () -> s.client().listWorkbooks(), Content::id,
                Content::name);
        s.call(() -> {
            s.client().deleteWorkbook(workbook.id());
            return null;
        });
        return workbook;
    }

    /** Answers the data source as it was. */
    static DataSource deleteDatasource(Call c) {
        Session s = c.session();
        DataSource ds = find(c, "datasource", "data source", () -> s.client().listDatasources(), DataSource::id,
                DataSource::name);
        s.call(() -> {
            s.client().deleteDatasource(ds.id());
            return null;
        });
        return ds;
    }

    static {
        TABLE.word("tasks", "The extract refresh tasks of the signed-in site (List Extract Refresh Tasks).")
                .example("tasks().find { it.contentKind == 'datasource' }")
                .does(SiteWords::tasks);
    }

    static List<ExtractRefreshTask> tasks(Call c) {
        Session s = c.session();
        return s.call(() -> s.client().listExtractRefreshTasks());
    }

    static {
        TABLE.word("runTask", "Run an extract refresh task now (Run Now); answers the refresh's job.")
                .details("""
                        Tableau fires WorkbookRefreshStarted or DatasourceRefreshStarted, then …Succeeded or …Failed
                        as the refresh ends; the job (Query Job) says how it went.""")
                .positional("task", Kind.ANY, "the task, or its id")
                .example("job = runTask(tasks()[0])")
                .does(SiteWords::runTask);
    }

    static Job runTask(Call c) {
        Object ref = c.value("task");
        String id = ref instanceof ExtractRefreshTask t ? t.id() : ref == null ? null : ref.toString().trim();
        if (id == null || id.isEmpty()) throw c.mistake("needs a task or its id; tasks() lists them");
        Session s = c.session();
        return s.call(() -> s.client().runExtractRefreshTask(id));
    }

    // ---- names to ids ----

    private static final String LUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    private static String userId(Call c, String arg) {
        Object ref = c.value(arg);
        if (ref instanceof SiteUser u && u.id() != null) return u.id();
        Session s = c.session();
        return idOf(c, arg, "user", () -> s.client().listUsers(), SiteUser::id, SiteUser::name);
    }

    private static String datasourceId(Call c) {
        Session s = c.session();
        return idOf(c, "datasource", "data source", () -> s.client().listDatasources(), DataSource::id,
                DataSource::name);
    }

    /** The argument as an id: a LUID as it is, a name looked up (case aside) in what {@code list} answers. */
    private static <T> String idOf(Call c, String arg, String what, java.util.function.Supplier<List<T>> list,
                                   Function<T, String> id, Function<T, String> name) {
        Object ref = c.value(arg);
        if (ref != null && ref.toString().trim().matches(LUID)) return ref.toString().trim();
        return id.apply(find(c, arg, what, list, id, name));
    }

    /** The item the argument names, by id or by name (case aside), from what {@code list} answers. */
    private static <T> T find(Call c, String arg, String what, java.util.function.Supplier<List<T>> list,
                              Function<T, String> id, Function<T, String> name) {
        Object ref = c.value(arg);
        if (ref == null) throw c.mistake("which " + what + "? give its name or id");
        String text = ref.toString().trim();
        List<T> all = c.session().call(list::get);
        List<T> named = all.stream().filter(x -> text.equalsIgnoreCase(id.apply(x))).toList();
        if (named.isEmpty()) named = all.stream().filter(x -> text.equalsIgnoreCase(name.apply(x))).toList();
        if (named.size() == 1) return named.get(0);
        if (named.isEmpty()) {
            throw new DslException("no " + what + " named '" + text + "'; there are: "
                    + String.join(", ", all.stream().map(name).toList()));
        }
        throw new DslException(named.size() + " " + what + "s are named '" + text + "'; use an id: "
                + String.join(", ", named.stream().map(id).toList()));
    }
}
