package io.tabhook.sandbox;

import io.tabhook.api.Webhook;
import io.tabhook.events.EventType;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The sandbox's server state: sites with their users, content and webhooks, and the personal access tokens. One lock
 * guards it all, so every read sees a consistent picture (a deleted workbook is gone together with its views).
 */
final class SiteModel {

    /** A site; {@code state} is Active or Suspended, {@code adminMode} ContentAndUsers or ContentOnly. */
    record Site(String id, String name, String contentUrl, String adminMode, String state) {
        Site(String id, String name, String contentUrl) {
            this(id, name, contentUrl, "ContentAndUsers", "Active");
        }

        /** This site (its id) with another's name, contentUrl, admin mode and state. */
        Site withSettings(Site settings) {
            return new Site(id, settings.name(), settings.contentUrl(), settings.adminMode(), settings.state());
        }
    }

    /**
     * A user of one site. A server administrator is a user with the site role ServerAdministrator on every site;
     * {@code password} is null for a user added over REST until Update User gives one; {@code lastLogin} is null
     * until the first sign-in.
     */
    record User(String id, String name, String password, String siteRole, String fullName, String email,
                String authSetting, Instant lastLogin) {
        static final String SERVER_ADMINISTRATOR = "ServerAdministrator";

        User(String id, String name, String password, String siteRole) {
            this(id, name, password, siteRole, null, null, "ServerDefault", null);
        }

        /** A site administrator of this site, or a server administrator (who administers every site). */
        boolean isSiteAdmin() {
            return isSiteAdminRole(siteRole) || isServerAdmin();
        }

        boolean isServerAdmin() {
            return siteRole.equals(SERVER_ADMINISTRATOR);
        }

        /** SiteAdministratorCreator or SiteAdministratorExplorer: the roles AdminPromoted and AdminDemoted are about. */
        static boolean isSiteAdminRole(String role) {
            return role.startsWith("SiteAdministrator");
        }

        User withRole(String role) {
            return new User(id, name, password, role, fullName, email, authSetting, lastLogin);
        }
    }

    /** A project; the Default project has no parent and cannot be renamed or deleted. */
    record Project(String id, String name, String description, String parentId, String ownerId,
                   String contentPermissions, Instant createdAt, Instant updatedAt) {
        boolean isDefault() { return parentId == null && name.equals(DEFAULT_PROJECT); }
    }

    static final String DEFAULT_PROJECT = "Default";
    /** What Tableau writes on the Default project it makes with every site. */
    static final String DEFAULT_PROJECT_DESCRIPTION = "The default project that was automatically created by Tableau.";

    /**
     * A workbook or a data source: both have a name, a project, an owner and timestamps; a published one also what
     * its publish said (show tabs) and its file's size in MB, as Tableau reports it.
     */
    record Content(String id, String name, String contentUrl, Kind kind, String projectId, String ownerId,
                   Instant createdAt, Instant updatedAt, boolean showTabs, long sizeMb) {
        enum Kind { WORKBOOK, DATASOURCE }
    }

    record View(String id, String name, String contentUrl, String workbookId, String ownerId, Instant createdAt,
                Instant updatedAt) {}

    /**
     * A data quality warning on a workbook or data source (Tableau's labels): {@code type} WARNING, DEPRECATED,
     * STALE, SENSITIVE_DATA or MAINTENANCE.
     */
    record Label(String id, String assetId, String type, String message, boolean active, boolean severe,
                 String ownerId, Instant createdAt, Instant updatedAt) {}

    /** An extract refresh job; it completes when it is made (finishCode 0 succeeded, 1 failed). */
    record Job(String id, Content.Kind kind, String contentId, String contentName, Instant createdAt,
               Instant completedAt, int finishCode) {}

    /** A scheduled extract refresh of a workbook or data source. */
    record Task(String id, String contentId, Content.Kind kind, Instant createdAt) {}

    record PersonalAccessToken(String name, String secret, String userName) {}

    private static final class SiteState {
        Site site;
        final Map<String, Project> projects = new LinkedHashMap<>();
        final Map<String, User> users = new LinkedHashMap<>();
        final Map<String, Content> content = new LinkedHashMap<>();
        final Map<String, View> views = new LinkedHashMap<>();
        final Map<String, Label> labels = new LinkedHashMap<>();
        final Map<String, Webhook> webhooks = new LinkedHashMap<>();
        final Map<String, Job> jobs = new LinkedHashMap<>();
        final Map<String, Task> tasks = new LinkedHashMap<>();

        SiteState(Site site) { this.site = site; }
    }

    private final Map<String, SiteState> sites = new LinkedHashMap<>();
    private final List<PersonalAccessToken> tokens = new ArrayList<>();
    private final Clock clock;

    SiteModel(Clock clock) {
        this.clock = clock;
    }

    /**
     * A fresh LUID (a version-4 UUID, lower case, as Tableau's). LUIDs are identifiers, not secrets, so a fast
     * random source will do; seeding SecureRandom at start-up would cost the shell's first prompt tens of ms.
     */
    static String luid() {
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        long hi = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(hi, lo).toString();
    }

    /** What {@code byId} holds under a LUID given in any case. */
    private static <T> Optional<T> byLuid(Map<String, T> byId, String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id.toLowerCase(Locale.ROOT)));
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * The demo state: two sites with a server administrator, a site administrator, a viewer and an explorer on each,
     * a token for the server administrator, some content and an extract refresh task for a workbook and a data
     * source.
     */
    static SiteModel demo(Clock clock) {
        SiteModel m = new SiteModel(clock);
        for (String[] s : new String[][] {{Demo.DEFAULT_SITE_NAME, Demo.DEFAULT_SITE},
                {Demo.WORKSHOP_SITE_NAME, Demo.WORKSHOP_SITE}}) {
            Site site = m.addSite(s[0], s[1]);
            m.demoUser(site, Demo.ADMIN_USER, Demo.ADMIN_PASSWORD, User.SERVER_ADMINISTRATOR, "Admin");
            m.demoUser(site, Demo.VIEWER_USER, Demo.VIEWER_PASSWORD, "Viewer", "Viewer");
            m.demoUser(site, Demo.ANALYST_USER, Demo.ANALYST_PASSWORD, "Explorer", "Analyst");
            m.demoUser(site, Demo.SITE_ADMIN_USER, Demo.SITE_ADMIN_PASSWORD, "SiteAdministratorCreator", "Site Admin");
            Content superstore = m.addContent(site.id(), "Superstore", Content.Kind.WORKBOOK);
            m.addView(site.id(), superstore.id(), "Overview");
            m.addView(site.id(), superstore.id(), "Product");
            m.addView(site.id(), superstore.id(), "Customers");
            Content regional = m.addContent(site.id(), "Regional Sales", Content.Kind.WORKBOOK);
            m.addView(site.id(), regional.id(), "Summary");
            m.addView(site.id(), regional.id(), "By Region");
            Content sample = m.addContent(site.id(), "Sample - Superstore", Content.Kind.DATASOURCE);
            m.addTask(site.id(), regional);
            m.addTask(site.id(), sample);
        }
        m.addToken(new PersonalAccessToken(Demo.PAT_NAME, Demo.PAT_SECRET, Demo.ADMIN_USER));
        return m;
    }

    private void demoUser(Site site, String name, String password, String role, String fullName) {
        putUser(site.id(), new User(luid(), name, password, role, fullName, name + "@example.com", "ServerDefault",
                null));
    }

    // ---- sites ----

    synchronized Site addSite(String name, String contentUrl) {
        Site site = new Site(luid(), name, contentUrl);
        SiteState state = new SiteState(site);
        Instant now = now();
        Project p = new Project(luid(), DEFAULT_PROJECT, DEFAULT_PROJECT_DESCRIPTION, null, null, "ManagedByOwner",
                now, now);
        state.projects.put(p.id(), p);
        sites.put(site.id(), state);
        return site;
    }

    synchronized Optional<Site> site(String id) {
        return byLuid(sites, id).map(s -> s.site);
    }

    /** A site by contentUrl (exact, then case-insensitive); the empty string is the Default site. */
    synchronized Optional<Site> siteByContentUrl(String contentUrl) {
        String c = contentUrl == null ? "" : contentUrl;
        for (SiteState s : sites.values()) if (s.site.contentUrl().equals(c)) return Optional.of(s.site);
        for (SiteState s : sites.values()) if (s.site.contentUrl().equalsIgnoreCase(c)) return Optional.of(s.site);
        return Optional.empty();
    }

    synchronized List<Site> sites() {
        return sites.values().stream().map(s -> s.site).toList();
    }

    /** Replaces a site's settings (its id stays). */
    synchronized Site updateSite(Site changed) {
        SiteState s = state(changed.id());
        s.site = changed;
        return s.site;
    }

    synchronized void removeSite(String id) {
        sites.remove(id);
    }

    // ---- users and tokens ----

    synchronized User addUser(String siteId, String name, String password, String role) {
        User u = new User(luid(), name, password, role);
        state(siteId).users.put(u.id(), u);
        return u;
    }

    synchronized Optional<User> user(String siteId, String userId) {
        SiteState s = sites.get(siteId);
        return s == null ? Optional.empty() : byLuid(s.users, userId);
    }

    /** Notes a sign-in as the user's last login. */
    synchronized void recordLogin(String siteId, String userId) {
        SiteState s = state(siteId);
        User u = s.users.get(userId);
        s.users.put(userId, new User(u.id(), u.name(), u.password(), u.siteRole(), u.fullName(), u.email(),
                u.authSetting(), now()));
    }

    synchronized Optional<User> userByName(String siteId, String name) {
        SiteState s = sites.get(siteId);
        if (s == null || name == null) return Optional.empty();
        return s.users.values().stream().filter(u -> u.name().equalsIgnoreCase(name)).findFirst();
    }

    synchronized List<User> users(String siteId) {
        return List.copyOf(state(siteId).users.values());
    }

    synchronized User setRole(String siteId, String userId, String role) {
        return putUser(siteId, state(siteId).users.get(userId).withRole(role));
    }

    /** Adds or replaces a user (by id). */
    synchronized User putUser(String siteId, User user) {
        state(siteId).users.put(user.id(), user);
        return user;
    }

    synchronized void removeUser(String siteId, String userId) {
        state(siteId).users.remove(userId);
    }

    /** The server administrators: the users who are ServerAdministrator on some site, one per name. */
    synchronized List<User> serverAdministrators() {
        Map<String, User> byName = new LinkedHashMap<>();
        for (SiteState s : sites.values()) {
            s.users.values().stream().filter(User::isServerAdmin).forEach(u -> byName.putIfAbsent(u.name(), u));
        }
        return List.copyOf(byName.values());
    }

    /** What a user owns on a site that Tableau counts as content: workbooks and data sources. */
    synchronized List<Content> ownedBy(String siteId, String userId) {
        return state(siteId).content.values().stream().filter(c -> userId.equals(c.ownerId())).toList();
    }

    /** Passes a user's workbooks, data sources, views and webhooks to another user of the site. */
    synchronized void transferOwnership(String siteId, String fromUserId, User to) {
        SiteState s = state(siteId);
        s.content.replaceAll((id, c) -> !fromUserId.equals(c.ownerId()) ? c : new Content(c.id(), c.name(),
                c.contentUrl(), c.kind(), c.projectId(), to.id(), c.createdAt(), c.updatedAt(), c.showTabs(), c.sizeMb()));
        s.views.replaceAll((id, v) -> !fromUserId.equals(v.ownerId()) ? v : new View(v.id(), v.name(),
                v.contentUrl(), v.workbookId(), to.id(), v.createdAt(), v.updatedAt()));
        s.webhooks.replaceAll((id, w) -> !fromUserId.equals(w.ownerId()) ? w : new Webhook(w.id(), w.name(),
                w.event(), w.isEnabled(), w.statusChangeReason(), w.url(), to.id(), to.name(), w.createdAt(),
                w.updatedAt()));
    }

    synchronized void addToken(PersonalAccessToken t) {
        tokens.add(t);
    }

    synchronized Optional<PersonalAccessToken> token(String name) {
        return tokens.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    // ---- content ----

    synchronized Content addContent(String siteId, String name, Content.Kind kind) {
        SiteState s = state(siteId);
        Instant now = now();
        String owner = s.users.values().stream().filter(User::isSiteAdmin).findFirst()
                .or(() -> s.users.values().stream().findFirst()).map(User::id).orElse(null);
        Content c = new Content(luid(), name, contentUrlOf(name), kind, defaultProject(siteId).id(), owner, now, now,
                true, 1);
        s.content.put(c.id(), c);
        return c;
    }

    synchronized List<Content> content(String siteId, Content.Kind kind) {
        return state(siteId).content.values().stream().filter(c -> c.kind() == kind).toList();
    }

    synchronized Optional<Content> content(String siteId, Content.Kind kind, String id) {
        SiteState s = sites.get(siteId);
        return s == null ? Optional.empty() : byLuid(s.content, id).filter(c -> c.kind() == kind);
    }

    synchronized Content touchContent(String siteId, String id, String newName) {
        SiteState s = state(siteId);
        Content c = s.content.get(id);
        String name = newName == null ? c.name() : newName;
        Content changed = new Content(c.id(), name, newName == null ? c.contentUrl() : contentUrlOf(name), c.kind(),
                c.projectId(), c.ownerId(), c.createdAt(), now(), c.showTabs(), c.sizeMb());
        s.content.put(c.id(), changed);
        return changed;
    }

    /** Gives a workbook (with its views) or a data source another owner. */
    synchronized void setOwner(String siteId, String contentId, String ownerId) {
        SiteState s = state(siteId);
        Content c = s.content.get(contentId);
        s.content.put(c.id(), new Content(c.id(), c.name(), c.contentUrl(), c.kind(), c.projectId(), ownerId,
                c.createdAt(), c.updatedAt(), c.showTabs(), c.sizeMb()));
        s.views.replaceAll((id, v) -> !v.workbookId().equals(contentId) ? v : new View(v.id(), v.name(),
                v.contentUrl(), v.workbookId(), ownerId, v.createdAt(), v.updatedAt()));
    }

    /** Removes a workbook or data source with its views and labels; returns the views that went with it. */
    synchronized List<View> removeContent(String siteId, String id) {
        SiteState s = state(siteId);
        s.content.remove(id);
        List<View> gone = s.views.values().stream().filter(v -> v.workbookId().equals(id)).toList();
        gone.forEach(v -> s.views.remove(v.id()));
        s.labels.values().removeIf(l -> l.assetId().equals(id));
        return gone;
    }

    synchronized View addView(String siteId, String workbookId, String name) {
        SiteState s = state(siteId);
        Content wb = s.content.get(workbookId);
        Instant now = now();
        View v = new View(luid(), name, contentUrlOf(wb.name()) + "/sheets/" + contentUrlOf(name), workbookId,
                wb.ownerId(), now, now);
        s.views.put(v.id(), v);
        return v;
    }

    synchronized List<View> views(String siteId) {
        return List.copyOf(state(siteId).views.values());
    }

    synchronized Optional<View> view(String siteId, String id) {
        SiteState s = sites.get(siteId);
        return s == null ? Optional.empty() : byLuid(s.views, id);
    }

    synchronized void removeView(String siteId, String id) {
        state(siteId).views.remove(id);
    }

    synchronized Optional<Label> label(String siteId, String labelId) {
        SiteState s = sites.get(siteId);
        return s == null ? Optional.empty() : byLuid(s.labels, labelId);
    }

    synchronized Optional<Label> labelOn(String siteId, String assetId) {
        return state(siteId).labels.values().stream().filter(l -> l.assetId().equals(assetId)).findFirst();
    }

    synchronized Label putLabel(String siteId, Label label) {
        state(siteId).labels.put(label.id(), label);
        return label;
    }

    synchronized void removeLabel(String siteId, String labelId) {
        state(siteId).labels.remove(labelId);
    }

    // ---- projects and publishing ----

    /** The project every site is made with, where content goes when no project is named. */
    synchronized Project defaultProject(String siteId) {
        return state(siteId).projects.values().stream().filter(Project::isDefault).findFirst().orElseThrow();
    }

    synchronized List<Project> projects(String siteId) {
        return List.copyOf(state(siteId).projects.values());
    }

    synchronized Optional<Project> project(String siteId, String projectId) {
        SiteState s = sites.get(siteId);
        return s == null ? Optional.empty() : byLuid(s.projects, projectId);
    }

    synchronized Project addProject(String siteId, String name, String description, String parentId, String ownerId,
                                    String contentPermissions) {
        Instant now = now();
        Project p = new Project(luid(), name, description, parentId, ownerId, contentPermissions, now, now);
        state(siteId).projects.put(p.id(), p);
        return p;
    }

    /** The workbook or data source of that name in a project (names are unique per project, in any case). */
    synchronized Optional<Content> contentNamed(String siteId, Content.Kind kind, String projectId, String name) {
        return state(siteId).content.values().stream()
                .filter(c -> c.kind() == kind && c.projectId().equals(projectId) && c.name().equalsIgnoreCase(name))
                .findFirst();
    }

    /** Publishes a new workbook or data source; a workbook gets the one view a sandbox workbook has. */
    synchronized Content publish(String siteId, Content.Kind kind, String name, String projectId, String ownerId,
                                 boolean showTabs, long sizeMb) {
        Instant now = now();
        Content c = new Content(luid(), name, contentUrlOf(name), kind, projectId, ownerId, now, now, showTabs, sizeMb);
        state(siteId).content.put(c.id(), c);
        if (kind == Content.Kind.WORKBOOK) addView(siteId, c.id(), "Sheet 1");
        return c;
    }

    /** Publishes over an existing one: same id, name and owner, the new file's settings, a new updatedAt. */
    synchronized Content republish(String siteId, String id, boolean showTabs, long sizeMb) {
        SiteState s = state(siteId);
        Content c = s.content.get(id);
        Content changed = new Content(c.id(), c.name(), c.contentUrl(), c.kind(), c.projectId(), c.ownerId(),
                c.createdAt(), now(), showTabs, sizeMb);
        s.content.put(id, changed);
        return changed;
    }

    // ---- jobs and extract refresh tasks ----

    synchronized Job addJob(String siteId, Job job) {
        state(siteId).jobs.put(job.id(), job);
        return job;
    }

    synchronized Optional<Job> job(String siteId, String id) {
        SiteState s = sites.get(siteId);
        return s == null ? Optional.empty() : byLuid(s.jobs, id);
    }

    synchronized Task addTask(String siteId, Content content) {
        Task t = new Task(luid(), content.id(), content.kind(), now());
        state(siteId).tasks.put(t.id(), t);
        return t;
    }

    /** The extract refresh tasks of content that still exists. */
    synchronized List<Task> tasks(String siteId) {
        SiteState s = state(siteId);
        return s.tasks.values().stream().filter(t -> s.content.containsKey(t.contentId())).toList();
    }

    synchronized Optional<Task> task(String siteId, String id) {
        SiteState s = sites.get(siteId);
        return s == null ? Optional.empty() : byLuid(s.tasks, id).filter(t -> s.content.containsKey(t.contentId()));
    }

    // ---- webhooks ----

    /** Adds a webhook, created and updated now (Tableau's XSD has both as {@code xs:dateTime}). */
    synchronized Webhook addWebhook(String siteId, Webhook hook) {
        String now = now().toString();
        Webhook stamped = new Webhook(hook.id(), hook.name(), hook.event(), hook.enabled(), hook.statusChangeReason(),
                hook.url(), hook.ownerId(), hook.ownerName(), now, now);
        state(siteId).webhooks.put(stamped.id(), stamped);
        return stamped;
    }

    synchronized List<Webhook> webhooks(String siteId) {
        return List.copyOf(state(siteId).webhooks.values());
    }

    synchronized Optional<Webhook> webhook(String siteId, String id) {
        SiteState s = sites.get(siteId);
        return s == null ? Optional.empty() : byLuid(s.webhooks, id);
    }

    /**
     * Applies an update to the webhook as it is now, if it still exists; the answer is the webhook after the change.
     * The change and the auto-disable ({@link #disableAfterFailures}) hold the same lock, so neither undoes the other.
     */
    synchronized Optional<Webhook> changeWebhook(String siteId, String id, WebhookChange change) {
        SiteState s = sites.get(siteId);
        Webhook current = s == null ? null : s.webhooks.get(id);
        if (current == null) return Optional.empty();
        Webhook changed = change.applyTo(current, now());
        s.webhooks.put(id, changed);
        return Optional.of(changed);
    }

    /**
     * Disables a webhook whose deliveries failed, if it is still enabled: one a user disabled meanwhile keeps the
     * user's reason. The answer is the webhook as disabled, or empty when nothing changed.
     */
    synchronized Optional<Webhook> disableAfterFailures(String siteId, String id, String reason) {
        SiteState s = sites.get(siteId);
        Webhook current = s == null ? null : s.webhooks.get(id);
        if (current == null || !current.isEnabled()) return Optional.empty();
        Webhook disabled = new WebhookChange(null, null, null, false, reason).applyTo(current, now());
        s.webhooks.put(id, disabled);
        return Optional.of(disabled);
    }

    synchronized boolean removeWebhook(String siteId, String id) {
        SiteState s = sites.get(siteId);
        return s != null && s.webhooks.remove(id) != null;
    }

    /** The enabled webhooks of a site that listen for an event: the ones a delivery goes to. */
    synchronized List<Webhook> subscribers(String siteId, EventType event) {
        SiteState s = sites.get(siteId);
        if (s == null) return List.of();
        return s.webhooks.values().stream()
                .filter(Webhook::isEnabled)
                .filter(h -> h.eventType().filter(event::equals).isPresent())
                .toList();
    }

    private SiteState state(String siteId) {
        SiteState s = sites.get(siteId);
        if (s == null) throw new IllegalStateException("no site " + siteId);
        return s;
    }

    /** Tableau's contentUrl: the name without spaces and punctuation. */
    static String contentUrlOf(String name) {
        String c = name.replaceAll("[^A-Za-z0-9_-]", "");
        return c.isEmpty() ? "content" : c;
    }
}
