package io.tabhook.support;

import io.tabhook.OneLine;
import io.tabhook.api.ApiVersion;
import io.tabhook.api.Credentials;
import io.tabhook.api.Secrets;
import io.tabhook.api.ServerInfo;
import io.tabhook.api.SiteUser;
import io.tabhook.api.TableauError;
import io.tabhook.api.Webhook;
import io.tabhook.api.WebhookSpec;
import io.tabhook.client.Tls;
import io.tabhook.events.EventType;
import io.tabhook.session.Session;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.stream.Collectors;

/**
 * Checks, in order, what stands between a site's webhooks and their destinations, and says for each finding what was
 * seen and what to do: the server (answers, is Tableau, TLS, REST API version, the events it offers), the sign-in
 * (works; may manage webhooks), the site's webhooks together (duplicates, clashing names) and each webhook (enabled
 * or why not, destination, host, certificate, event, owner; with {@code test} its test call). Nothing on the site
 * changes unless {@code fix} is asked for and approved: then webhooks disabled after failed deliveries are
 * re-enabled, and only those.
 */
public final class Doctor {
    /** How long one look at an address may take: a DNS lookup, a connect, a handshake. */
    public static final Duration LOOK_TIMEOUT = Duration.ofSeconds(5);
    /** A certificate that ends sooner than this is a warning. */
    static final Duration EXPIRES_SOON = Duration.ofDays(30);
    /** The reason Tableau stores when a user disables a webhook without giving one. */
    static final String DISABLED_BY_USER = "Webhook disabled by user";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    /**
     * What to do besides looking.
     *
     * @param test   make each webhook's test call
     * @param fix    re-enable webhooks disabled after failed deliveries, once the plan is approved
     * @param within the longest one look at an address may take
     */
    public record Options(boolean test, boolean fix, Duration within) {
        public Options(boolean test, boolean fix) {
            this(test, fix, LOOK_TIMEOUT);
        }
    }

    /** Signs the session in for the doctor: null when it is signed in, else why not, in one line. */
    @FunctionalInterface
    public interface SignIn {
        String signIn();
    }

    /** Shown the plan of a fix; answers whether to carry it out. */
    @FunctionalInterface
    public interface Approval {
        boolean approve(String plan);
    }

    private final Session session;
    private final Options options;
    private final List<Finding> findings = new ArrayList<>();
    private final Map<String, Destination> destinations = new HashMap<>();
    private final Map<String, Optional<SiteUser>> owners = new HashMap<>();
    /** How each webhook is named in what to do: its name, or its id when its name is not unique. */
    private final Map<String, String> refs = new HashMap<>();
    private SSLContext trust;

    private Doctor(Session session, Options options) {
        this.session = session;
        this.options = options;
    }

    /** Runs every check on {@code session}; signs in with {@code signIn} and asks {@code approval} before a fix. */
    public static DoctorReport examine(Session session, Options options, SignIn signIn, Approval approval) {
        Doctor d = new Doctor(session, options);
        d.run(signIn, approval);
        return new DoctorReport(d.where(), d.findings);
    }

    private void run(SignIn signIn, Approval approval) {
        ApiVersion version = server();
        if (version == null || !signIn(signIn)) return;
        List<Webhook> hooks = webhooks();
        if (hooks == null) return;
        for (Webhook w : hooks) refs.put(w.id(), reference(w, hooks));
        for (Webhook w : hooks) webhook(w, version);
        if (options.fix()) fix(hooks, approval);
    }

    /** {@code http://…, site Default, as admin}. */
    private String where() {
        URI server = session.settings().server();
        List<String> parts = new ArrayList<>();
        if (server != null) parts.add(server.toString());
        if (session.signedIn()) {
            parts.add("site " + siteName());
            parts.add("as " + session.userName());
        }
        return String.join(", ", parts);
    }

    private String siteName() {
        String site = session.settings().site();
        return site == null || site.isEmpty() ? "Default" : "'" + site + "'";
    }

    // ---- the server ----

    /** The server's checks; the REST API version in use, or null when there is no point going on. */
    private ApiVersion server() {
        String s = "server";
        URI server = session.settings().server();
        if (server == null) {
            add(Finding.fail(s, "answers", "no server to check", "give --server URL (signIn server: '…' in the shell)"));
            return null;
        }
        ServerInfo info;
        ApiVersion version;
        try {
            info = session.client().serverInfo();
            version = session.apiVersion();
        } catch (RuntimeException e) {
            String[] seenAndTodo = split(describe(e), "check the address; the server must be Tableau Server or Tableau Cloud");
            add(Finding.fail(s, "answers", seenAndTodo[0], seenAndTodo[1]));
            return null;
        }
        add(Finding.ok(s, "answers", "Tableau " + (info.productVersion() == null ? "" : info.productVersion())
                + (info.build() == null ? "" : " (build " + info.build() + ")") + " at " + server));
        connection(s, server);
        restApi(s, info, version);
        events(s, version);
        return version.before(ApiVersion.V3_6) ? null : version;
    }

    private void connection(String s, URI server) {
        String host = server.getHost();
        int port = server.getPort() > 0 ? server.getPort() : "https".equalsIgnoreCase(server.getScheme()) ? 443 : 80;
        Destination d = destination(server.getScheme(), host, port);
        if ("https".equalsIgnoreCase(server.getScheme())) {
            add(certificate(s, host, d));
        } else if (d.resolved().loopback()) {
            add(Finding.ok(s, "connection", "http to this machine (" + host + "): no TLS to check"));
        } else {
            add(Finding.warn(s, "connection", "plain http to " + host + ": the sign-in and its token cross the network "
                    + "unencrypted", "use the server's https address"));
        }
    }

    private void restApi(String s, ServerInfo info, ApiVersion version) {
        String seen = version.equals(info.restApiVersion()) ? version.toString()
                : version + ", pinned (the server offers " + info.restApiVersion() + ")";
        if (version.before(ApiVersion.V3_6)) {
            add(Finding.fail(s, "REST API", seen + ": webhooks begin at 3.6 (Tableau 2019.4)",
                    info.restApiVersion().atLeast(ApiVersion.V3_6) ? "pin 3.6 or later (--api-version)"
                            : "upgrade Tableau Server to 2019.4 or later"));
        } else if (version.before(ApiVersion.V3_8)) {
            add(Finding.warn(s, "REST API", seen + ": webhooks cannot be enabled, disabled or changed before 3.8 "
                    + "(Tableau 2020.2), so a disabled one cannot be re-enabled",
                    info.restApiVersion().atLeast(ApiVersion.V3_8) ? "pin 3.8 or later (--api-version)"
                            : "upgrade Tableau Server to 2020.2 or later"));
        } else {
            add(Finding.ok(s, "REST API", seen));
        }
    }

    private void events(String s, ApiVersion version) {
        long offered = 0;
        long uncertain = 0;
        for (EventType e : EventType.values()) {
            if (offered(e, version)) {
                offered++;
                if (e.firstVersion().isEmpty()) uncertain++;
            }
        }
        if (offered == 0) return; // before 3.6: said by REST API
        add(Finding.ok(s, "events", (offered == EventType.values().length ? "all " : "") + offered + " events offered at "
                + version + (uncertain == 0 ? "" : " (" + uncertain + " of them from a version no source gives: UNCERTAIN)")));
    }

    /** An event is offered from its sourced first version; one without a source from 3.6, when webhooks began. */
    static boolean offered(EventType e, ApiVersion version) {
        return version.atLeast(ApiVersion.parse(e.firstVersion().orElse(EventType.WEBHOOKS_SINCE)));
    }

    // ---- the sign-in ----

    private boolean signIn(SignIn signIn) {
        String s = "sign-in";
        String problem = signIn.signIn();
        if (problem != null) {
            String[] seenAndTodo = split(problem, "check the user name and password (or the PAT's name and secret) "
                    + "and the site");
            add(Finding.fail(s, "sign-in", seenAndTodo[0], seenAndTodo[1]));
            return false;
        }
        add(Finding.ok(s, "sign-in", session.userName() + " on site " + siteName()));
        Credentials creds = session.credentials().orElseThrow();
        SiteUser me;
        try {
            me = session.call(() -> session.client().getUser(creds.userId()));
        } catch (RuntimeException e) {
            add(Finding.warn(s, "site role", "cannot read the signed-in user's site role: " + describe(e),
                    "check that the user may query itself; the webhook checks below say whether it may manage them"));
            return true;
        }
        if (me.isAdministrator()) {
            add(Finding.ok(s, "site role", me.siteRole() + ": may manage webhooks"));
            return true;
        }
        add(Finding.fail(s, "site role", (me.name() == null ? session.userName() : me.name()) + " is " + me.siteRole()
                        + ": only site and server administrators may list, test or change webhooks",
                "sign in as a site administrator (or have this user made one) to check the webhooks"));
        return false;
    }

    // ---- the site's webhooks together ----

    private List<Webhook> webhooks() {
        String s = "webhooks";
        List<Webhook> hooks;
        try {
            hooks = session.call(() -> session.client().listWebhooks());
        } catch (RuntimeException e) {
            String[] seenAndTodo = split("cannot list them: " + describe(e), "check the site and the user's role");
            add(Finding.fail(s, "list", seenAndTodo[0], seenAndTodo[1]));
            return null;
        }
        session.cacheWebhooks(hooks);
        add(Finding.ok(s, "list", hooks.isEmpty() ? "no webhooks on this site"
                : hooks.size() + (hooks.size() == 1 ? " webhook" : " webhooks") + " on this site"));
        Map<String, List<Webhook>> sameTarget = group(hooks, w -> w.event() + " " + w.url());
        for (List<Webhook> twins : sameTarget.values()) {
            if (twins.size() < 2) continue;
            Webhook first = twins.get(0);
            add(Finding.warn(s, "duplicates", names(twins) + " all send " + first.event() + " to "
                            + Secrets.redactUrl(first.url()),
                    "the destination gets each event " + twins.size() + " times: delete all but one (deleteWebhook '"
                            + reference(twins.get(1), hooks) + "')").about(first.id()));
        }
        Map<String, List<Webhook>> sameName = group(hooks, Webhook::name);
        for (List<Webhook> clash : sameName.values()) {
            if (clash.size() < 2) continue;
            add(Finding.warn(s, "names", clash.size() + " webhooks are named '" + clash.get(0).name() + "' ("
                            + String.join(", ", clash.stream().map(Webhook::id).toList()) + ")",
                    "a name then picks none of them: rename all but one (updateWebhook 'ID', name: '…')")
                    .about(clash.get(0).id()));
        }
        return hooks;
    }

    private static Map<String, List<Webhook>> group(List<Webhook> hooks, java.util.function.Function<Webhook, String> key) {
        return hooks.stream().collect(Collectors.groupingBy(w -> String.valueOf(key.apply(w)), LinkedHashMap::new,
                Collectors.toList()));
    }

    /** How to name a webhook in a command: its name, or its id when another webhook has the name too. */
    private static String reference(Webhook w, List<Webhook> hooks) {
        return hooks.stream().filter(h -> String.valueOf(h.name()).equals(w.name())).count() == 1 ? w.name() : w.id();
    }

    private static String names(List<Webhook> hooks) {
        return String.join(" and ", hooks.stream().map(w -> "'" + w.name() + "'").toList());
    }

    // ---- each webhook ----

    /** {@code webhook 'orders'}, with the id when another webhook has the same name. */
    private String section(Webhook w) {
        String ref = ref(w);
        return "webhook '" + w.name() + "'" + (ref.equals(w.name()) ? "" : " (" + ref + ")");
    }

    private String ref(Webhook w) {
        return refs.getOrDefault(w.id(), w.id());
    }

    private void webhook(Webhook w, ApiVersion version) {
        String s = section(w);
        add(enabled(s, w).about(w.id()));
        destinationChecks(s, w);
        event(s, w, version);
        owner(s, w);
        if (options.test()) {
            TestedWebhook t = TestedWebhook.of(session, w);
            add((t.ok() ? Finding.ok(s, "test", t.line())
                    : Finding.fail(s, "test", t.line(), "the destination must answer 2xx: check that it runs, that "
                    + "Tableau can reach it, and that it takes a POST")).about(w.id()));
        }
    }

    private Finding enabled(String s, Webhook w) {
        String ref = ref(w);
        if (w.enabled() == null) return Finding.ok(s, "enabled", "enabled (REST API before 3.8 has no such flag)");
        if (w.isEnabled()) return Finding.ok(s, "enabled", "enabled");
        String since = w.disabledSinceShown().map(t -> " since " + t).orElse("");
        String reason = w.statusChangeReason() == null ? "" : w.statusChangeReason().strip();
        if (disabledAfterFailures(w)) {
            return Finding.fail(s, "enabled", "disabled" + since + " after failed deliveries: " + reason,
                    "make the destination answer 2xx (doctor --test shows what it answers now), then re-enable it: "
                            + "doctor --fix, or updateWebhook '" + ref + "', enabled: true");
        }
        return Finding.warn(s, "enabled", "disabled by a user" + since
                        + (reason.isEmpty() || reason.equals(DISABLED_BY_USER) ? "" : ": " + reason),
                "if it should fire, re-enable it: updateWebhook '" + ref + "', enabled: true");
    }

    /**
     * Whether Tableau (or the sandbox) disabled the webhook after its deliveries failed, by its reason. Tableau's own
     * wording is not documented (UNCERTAIN): any reason that speaks of failing counts, and the reason Tableau stores
     * for a user's disable does not.
     */
    static boolean disabledAfterFailures(Webhook w) {
        if (w.isEnabled() || w.statusChangeReason() == null) return false;
        String reason = w.statusChangeReason().strip().toLowerCase(Locale.ROOT);
        return !reason.equals(DISABLED_BY_USER.toLowerCase(Locale.ROOT)) && reason.contains("fail");
    }

    /** The destination's scheme, host and certificate. */
    private void destinationChecks(String s, Webhook w) {
        String shown = Secrets.redactUrl(w.url());
        URI url;
        try {
            url = w.url() == null ? null : new URI(w.url().strip());
        } catch (URISyntaxException e) {
            url = null;
        }
        String scheme = url == null || url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (url == null || url.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            add(Finding.fail(s, "destination", w.url() == null ? "no destination url" : "'" + shown
                    + "' is not an http(s) URL", "give it an https URL: updateWebhook '" + ref(w)
                    + "', url: 'https://…'").about(w.id()));
            return;
        }
        String host = url.getHost();
        int port = url.getPort() > 0 ? url.getPort() : scheme.equals("https") ? 443 : 80;
        Destination d = destination(scheme, host, port);
        if (scheme.equals("https")) {
            add(Finding.ok(s, "destination", shown).about(w.id()));
        } else if (d.resolved().loopback()) {
            add(Finding.ok(s, "destination", shown + ": http, allowed on this machine (loopback)").about(w.id()));
        } else {
            add(Finding.fail(s, "destination", shown + ": plain http to " + host + ", which is not this machine",
                    "Tableau delivers only to https: updateWebhook '" + ref(w) + "', url: 'https://…'").about(w.id()));
        }
        if (!d.resolved().ok()) {
            add(Finding.fail(s, "host", host + " " + d.resolved().problem() + ", looked up from this machine",
                    "check the host name; Tableau must resolve it too (for Tableau Cloud, a public name)").about(w.id()));
            return;
        }
        add(Finding.ok(s, "host", io.tabhook.Loopback.literal(host).isPresent() ? host + " is an IP address"
                : host + " resolves to " + d.resolved().shown() + " (from this machine)").about(w.id()));
        if (scheme.equals("https")) add(certificate(s, host, d).about(w.id()));
    }

    private Finding certificate(String s, String host, Destination d) {
        DestinationCheck.Handshake h = d.handshake();
        if (h == null) {
            return Finding.fail(s, "certificate", "not checked: " + host + " " + d.resolved().problem(),
                    "check the host name");
        }
        if (!h.ok()) return Finding.fail(s, "certificate", h.problem(), h.todo());
        Instant expires = h.expires();
        String seen = "valid for " + host + " until " + DAY.format(expires) + ", issued by " + h.issuer();
        if (expires.isBefore(Instant.now().plus(EXPIRES_SOON))) {
            return Finding.warn(s, "certificate", seen + ": ends within " + EXPIRES_SOON.toDays() + " days",
                    "renew the certificate before " + DAY.format(expires));
        }
        return Finding.ok(s, "certificate", seen);
    }

    private void event(String s, Webhook w, ApiVersion version) {
        Optional<EventType> type = w.eventType();
        if (type.isEmpty()) {
            add(Finding.warn(s, "event", "'" + w.event() + "' is none of the 22 events tabhook knows",
                    "check the event (`events` lists them); a newer Tableau may have added it").about(w.id()));
        } else if (!offered(type.get(), version)) {
            add(Finding.fail(s, "event", type.get().apiName() + " needs REST API " + type.get().since()
                    + "; this server speaks " + version, "upgrade the server, or choose another event").about(w.id()));
        } else {
            add(Finding.ok(s, "event", type.get().apiName() + ", offered at " + version
                    + (type.get().firstVersion().isEmpty() ? " (from which version is UNCERTAIN)" : "")).about(w.id()));
        }
    }

    private void owner(String s, Webhook w) {
        if (w.ownerId() == null) return; // the server named no owner: nothing to check
        String name = w.ownerName() == null ? w.ownerId() : w.ownerName();
        Optional<SiteUser> owner;
        try {
            owner = owners.computeIfAbsent(w.ownerId(), this::user);
        } catch (RuntimeException e) {
            add(Finding.warn(s, "owner", "cannot read owner " + name + ": " + describe(e),
                    "check the owner by hand: users() lists the site's users").about(w.id()));
            return;
        }
        if (owner.isEmpty()) {
            add(Finding.fail(s, "owner", name + " (" + w.ownerId() + ") no longer exists on this site",
                    "have a site administrator own it: signed in as one, exportWebhooks, deleteWebhook '" + ref(w)
                            + "', importWebhooks (how Tableau treats a webhook whose owner is gone is UNCERTAIN)")
                    .about(w.id()));
        } else if (!owner.get().isAdministrator()) {
            add(Finding.warn(s, "owner", name + " is " + owner.get().siteRole() + " now, no longer a site administrator",
                    "make " + name + " a site administrator again, or have one own it: signed in as one, exportWebhooks, "
                            + "deleteWebhook '" + ref(w) + "', importWebhooks").about(w.id()));
        } else {
            add(Finding.ok(s, "owner", name + " (" + owner.get().siteRole() + ")").about(w.id()));
        }
    }

    /** A user of the site, or empty when the server says there is none (404002). */
    private Optional<SiteUser> user(String id) {
        try {
            return Optional.of(session.call(() -> session.client().getUser(id)));
        } catch (TableauError e) {
            if (e.httpStatus() == 404) return Optional.empty();
            throw e;
        }
    }

    // ---- the fix ----

    private void fix(List<Webhook> hooks, Approval approval) {
        List<Webhook> plan = hooks.stream().filter(Doctor::disabledAfterFailures).toList();
        if (plan.isEmpty()) {
            add(Finding.ok("fix", "re-enable", "no webhook is disabled after failed deliveries: nothing to change"));
            return;
        }
        StringBuilder text = new StringBuilder("Re-enable " + plan.size() + (plan.size() == 1 ? " webhook" : " webhooks")
                + " disabled after failed deliveries:");
        for (Webhook w : plan) {
            text.append("\n  '").append(w.name()).append("' (").append(w.event()).append(" → ")
                    .append(Secrets.redactUrl(w.url())).append(")")
                    .append(w.disabledSinceShown().map(t -> ", disabled since " + t).orElse(""));
        }
        if (!approval.approve(text.toString())) {
            add(Finding.ok("fix", "re-enable", "declined: nothing was changed"));
            return;
        }
        for (Webhook w : plan) {
            String s = section(w);
            Finding was = findings.stream().filter(f -> w.id().equals(f.webhookId()) && f.check().equals("enabled"))
                    .findFirst().orElseThrow();
            Finding now;
            try {
                session.call(() -> session.client().updateWebhook(w.id(), new WebhookSpec(null, null, null, true, null)));
                now = Finding.warn(s, "enabled", "re-enabled now; it was " + was.seen(), "if its destination still "
                        + "fails, Tableau disables it again: doctor --test shows what it answers").about(w.id());
            } catch (RuntimeException e) {
                now = Finding.fail(s, "enabled", was.seen() + "; re-enabling failed: " + describe(e), was.todo())
                        .about(w.id());
            }
            findings.set(findings.indexOf(was), now);
        }
    }

    // ---- helpers ----

    private void add(Finding f) {
        if (Thread.currentThread().isInterrupted()) throw new CancellationException("doctor stopped");
        findings.add(f);
    }

    /** What a look at an address found, made once per scheme, host and port however many webhooks share it. */
    private record Destination(DestinationCheck.Resolved resolved, DestinationCheck.Handshake handshake) {}

    private Destination destination(String scheme, String host, int port) {
        String key = scheme.toLowerCase(Locale.ROOT) + "://" + host.toLowerCase(Locale.ROOT) + ":" + port;
        Destination known = destinations.get(key);
        if (known != null) return known;
        DestinationCheck.Resolved resolved;
        try {
            resolved = DestinationCheck.resolve(host, options.within());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("doctor stopped");
        }
        DestinationCheck.Handshake handshake = null;
        if (resolved.ok() && scheme.equalsIgnoreCase("https")) {
            handshake = DestinationCheck.tls(host, resolved.addresses().get(0), port, trust(), options.within());
        }
        Destination d = new Destination(resolved, handshake);
        destinations.put(key, d);
        return d;
    }

    /** What the session trusts: Java's CAs, and those of --cacert when given. */
    private SSLContext trust() {
        if (trust == null) {
            trust = session.settings().caCert() == null ? Tls.javaDefault() : Tls.trustingAlso(session.settings().caCert());
        }
        return trust;
    }

    /** A failure in one line: Tableau's errors with their code, anything else by its message. */
    static String describe(Throwable e) {
        if (e instanceof TableauError te) return "Tableau " + OneLine.of(te);
        return OneLine.of(e);
    }

    /** "what happened — what to do" as the client words its failures, split; {@code todo} when there is no "—". */
    private static String[] split(String line, String todo) {
        int dash = line.indexOf(" — ");
        return dash < 0 ? new String[] {line, todo} : new String[] {line.substring(0, dash), line.substring(dash + 3)};
    }
}
