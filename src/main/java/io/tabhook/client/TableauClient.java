package io.tabhook.client;

import io.tabhook.HumanDuration;
import io.tabhook.OneLine;
import io.tabhook.api.ApiVersion;
import io.tabhook.api.Content;
import io.tabhook.api.Credentials;
import io.tabhook.api.DataSource;
import io.tabhook.api.Element;
import io.tabhook.api.ExtractRefreshTask;
import io.tabhook.api.FileUpload;
import io.tabhook.api.Job;
import io.tabhook.api.Project;
import io.tabhook.api.PublishSpec;
import io.tabhook.api.QualityWarning;
import io.tabhook.api.ServerInfo;
import io.tabhook.api.SignInRequest;
import io.tabhook.api.SiteUser;
import io.tabhook.api.TableauError;
import io.tabhook.api.TableauSite;
import io.tabhook.api.View;
import io.tabhook.api.Webhook;
import io.tabhook.api.WebhookSpec;
import io.tabhook.api.WebhookTestResult;
import io.tabhook.api.WireCodec;
import io.tabhook.api.WireFormat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The Tableau webhooks REST API, one typed method per call, over {@code java.net.http}. Speaks XML or JSON (chosen
 * per client, changeable at any time), uses the pinned REST API version or the one the server reports, refuses calls
 * that version lacks before sending them, and turns every error answer into a {@link TableauError}. Each exchange is
 * offered to the trace consumer and kept as {@link #lastExchange()}, with secrets redacted.
 *
 * <p>What Tableau Cloud does every day is handled below the calls, the same for each: redirects are followed
 * ({@link Redirect}); a 429, 500, 502, 503, 504 or a dropped connection is tried again for sign-in, GET, PUT and
 * DELETE within the {@link Retries} (a 429 for any call: it was refused, not done), while a create of a webhook
 * first looks for what the failed try may have made; a token that expired (401002) is renewed once through
 * {@link SignInAgain} and the call repeated; lists are read page by page whenever the answer brings
 * {@code <pagination>}.
 */
public final class TableauClient {
    static final ApiVersion JWT_SIGN_IN = new ApiVersion(3, 17);
    /** Users, sites and views of a site: in every version. */
    static final ApiVersion SITE_USERS = new ApiVersion(2, 0);
    static final ApiVersion SWITCH_SITE = new ApiVersion(2, 6);
    /** Query Job and the extract refresh tasks. */
    static final ApiVersion JOBS = new ApiVersion(2, 6);
    /** Data quality warnings, since Tableau 2019.3. */
    static final ApiVersion QUALITY_WARNINGS = new ApiVersion(3, 5);
    /** Old versions every server with serverinfo understands; tried in order to discover the server's own. */
    private static final List<ApiVersion> PROBES = List.of(new ApiVersion(3, 4), ApiVersion.V2_4);
    /** What a server says when it cannot answer now (too many requests, its own or a gateway's trouble). */
    private static final Set<Integer> NOT_NOW = Set.of(429, 500, 502, 503, 504);
    /** Tableau takes a file of up to 64 MB in one request (as TSC counts it, 64 × 2^20 bytes); larger go in blocks. */
    static final long SINGLE_REQUEST_LIMIT = 64L * 1024 * 1024;
    /** Blocks of an upload session: well under the single-request limit, and streamed from disk, never held. */
    static final long CHUNK_BYTES = 32L * 1024 * 1024;
    static final String USER_AGENT = "tabhook/" + Optional.ofNullable(
            TableauClient.class.getPackage().getImplementationVersion()).orElse("dev");

    private final Exchanges exchanges;
    private final Retries retries;
    private final SignInAgain signInAgain;
    private final Consumer<String> notices;
    private final long singleRequestLimit;
    private final long chunkBytes;

    private volatile URI server;
    private volatile WireFormat format;
    private volatile ApiVersion pinned;
    private volatile ServerInfo serverInfo;
    private volatile Credentials credentials;
    /** While {@link SignInAgain} runs: its sign-in says in the trace why it happens. */
    private volatile boolean renewing;

    /** Signs in anew when Tableau says the session's token expired; see {@link Builder#signInAgain}. */
    @FunctionalInterface
    public interface SignInAgain {
        /**
         * Signs this client in again (through {@link #signIn}) with what the caller holds in memory; answers null when
         * it holds nothing to sign in with (a JWT works only once).
         */
        Credentials signInAgain();
    }

    private TableauClient(Builder b) {
        this.server = b.server;
        this.format = b.format;
        this.pinned = b.version;
        this.retries = b.retries;
        this.signInAgain = b.signInAgain;
        this.notices = b.notices;
        this.singleRequestLimit = b.singleRequestLimit;
        this.chunkBytes = b.chunkBytes;
        this.exchanges = new Exchanges(b.connectTimeout, b.requestTimeout,
                b.sslContext != null ? b.sslContext : Tls.javaDefault(), b.trace);
    }

    /** A client for a server such as {@code https://tableau.example.com} (or {@code https://10ay.online.tableau.com}). */
    public static Builder builder(URI server) {
        return new Builder(server);
    }

    /**
     * Settings of a new client; the defaults are XML, discovered version, 10 s to connect, 30 s per request, a minute
     * of tries ({@link Retries#DEFAULT}), no new sign-in when a token expires.
     */
    public static final class Builder {
        private final URI server;
        private WireFormat format = WireFormat.XML;
        private ApiVersion version;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Consumer<Exchange> trace;
        private javax.net.ssl.SSLContext sslContext;
        private Retries retries = Retries.DEFAULT;
        private SignInAgain signInAgain;
        private Consumer<String> notices = line -> { };
        private long singleRequestLimit = SINGLE_REQUEST_LIMIT;
        private long chunkBytes = CHUNK_BYTES;

        private Builder(URI server) {
            this.server = ServerAddress.base(server);
        }

        public Builder format(WireFormat format) {
            this.format = Objects.requireNonNull(format, "format must be XML or JSON");
            return this;
        }

        /** Pins the REST API version; null (the default) asks the server. */
        public Builder version(ApiVersion version) {
            this.version = version;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connect timeout");
            return this;
        }

        /** The longest a whole exchange may take, connect included. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "request timeout");
            return this;
        }

        /** Called after every exchange with its redacted record; null for none. */
        public Builder trace(Consumer<Exchange> trace) {
            this.trace = trace;
            return this;
        }

        /** TLS settings for https servers, such as {@link Tls#trustingAlso}; null (the default) is Java's own. */
        public Builder sslContext(javax.net.ssl.SSLContext context) {
            this.sslContext = context;
            return this;
        }

        /** How long a call the server cannot answer now is tried again; {@link Retries#NONE} for once only. */
        public Builder retries(Retries retries) {
            this.retries = Objects.requireNonNull(retries, "retries");
            return this;
        }

        /** Who signs in again when a call's token expired (401002); null (the default): the call fails. */
        public Builder signInAgain(SignInAgain signInAgain) {
            this.signInAgain = signInAgain;
            return this;
        }

        /** Where the client says, in one line, what it did unasked (signed in again, found a lost create). */
        public Builder notices(Consumer<String> notices) {
            this.notices = notices == null ? line -> { } : notices;
            return this;
        }

        /** Files from {@code singleRequestLimit} bytes on go through an upload session in blocks of {@code chunkBytes}. */
        Builder chunking(long singleRequestLimit, long chunkBytes) {
            if (singleRequestLimit < 1 || chunkBytes < 1) throw new IllegalArgumentException("limits must be positive");
            this.singleRequestLimit = singleRequestLimit;
            this.chunkBytes = chunkBytes;
            return this;
        }

        public TableauClient build() {
            return new TableauClient(this);
        }

        private static Duration positive(Duration d, String what) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be more than zero, not " + d);
            }
            return d;
        }
    }

    // ---- settings ----

    /** The server in use; after a permanent redirect (a site moved to another pod), the address it was sent to. */
    public URI server() { return server; }

    public WireFormat format() { return format; }

    /** Switches the wire format of the following calls. */
    public void format(WireFormat f) {
        this.format = Objects.requireNonNull(f, "format must be XML or JSON");
    }

    /** The pinned version, else the one the server reports (asked once, then remembered). */
    public ApiVersion version() {
        ApiVersion p = pinned;
        return p != null ? p : serverInfo().restApiVersion();
    }

    /** Pins the REST API version of the following calls; null goes back to the server's version. */
    public void pinVersion(ApiVersion v) {
        this.pinned = v;
    }

    public Optional<Credentials> credentials() { return Optional.ofNullable(credentials); }

    /** The last HTTP exchange, redacted. */
    public Optional<Exchange> lastExchange() { return Optional.ofNullable(exchanges.last()); }

    // ---- calls ----

    /**
     * {@code GET /api/{v}/serverinfo}, no sign-in needed. Tries the pinned version, then 3.4, then 2.4 (the first to
     * have it), so a server of any age answers with its own newest version. Remembered once known.
     */
    public ServerInfo serverInfo() {
        ServerInfo known = serverInfo;
        if (known != null) return known;
        List<ApiVersion> probes = new ArrayList<>();
        ApiVersion p = pinned;
        if (p != null && p.atLeast(ApiVersion.V2_4)) probes.add(p);
        for (ApiVersion v : PROBES) if (!probes.contains(v)) probes.add(v);
        RuntimeException last = null;
        for (ApiVersion v : probes) {
            try {
                ServerInfo info = ServerInfo.fromElement(perform(Request.of("GET", endpoint(v, "serverinfo"), format,
                        null)).expect("serverInfo"));
                serverInfo = info;
                return info;
            } catch (TableauError e) {
                // A 4xx means this version is unknown here; a 5xx is the server's trouble, not ours to work around.
                if (e.httpStatus() < 400 || e.httpStatus() >= 500) throw e;
                last = e;
            } catch (NotTableauAnswer e) {
                if (e.status() < 400 || e.status() >= 500) throw e;
                last = e;
            }
        }
        throw last;
    }

    /**
     * {@code POST /api/{v}/auth/signin}. A redirect (Tableau Cloud sending a sign-in to its pod) posts the same body
     * to the new address, within the same domain only; after a permanent one (301, 308) that address is the server
     * from then on. Tried again like a GET: signing in twice does no harm. Signing in again replaces the session
     * without signing the old one out.
     */
    public Credentials signIn(SignInRequest request) {
        Objects.requireNonNull(request, "signIn needs credentials");
        ApiVersion v = version();
        switch (request.kind()) {
            case PERSONAL_ACCESS_TOKEN -> require("signIn with a personal access token", ApiVersion.V3_6, v);
            case JWT -> require("signIn with a JWT", JWT_SIGN_IN, v);
            case PASSWORD -> { /* every version */ }
        }
        WireFormat f = format;
        Request signIn = Request.of("POST", endpoint(v, "auth/signin"), f, WireCodec.writeRequest(f, request.toElement()))
                .with(Auth.CREDENTIALS).with(Repeat.IDEMPOTENT);
        Credentials c = Credentials.fromElement(perform(signIn, renewing
                ? "signing in again: the token had expired (401002)" : "").expect("credentials"));
        credentials = c;
        return c;
    }

    /**
     * {@code POST /api/{v}/auth/signout} (204). The token is forgotten whatever the server answers; without a
     * session this does nothing.
     */
    public void signOut() {
        Credentials c = credentials;
        if (c == null) return;
        try {
            perform(Request.of("POST", endpoint(version(), "auth/signout"), format, new byte[0]).with(Auth.TOKEN_AS_IS))
                    .success();
        } finally {
            credentials = null;
        }
    }

    /**
     * {@code GET /api/{v}/sites/{site-id}/webhooks}. Documented without paging; should a server send
     * {@code <pagination>}, the other pages are read too.
     */
    public List<Webhook> listWebhooks() {
        return listWebhooks("");
    }

    private List<Webhook> listWebhooks(String note) {
        Site s = site("listWebhooks", ApiVersion.V3_6);
        return pages(s, "webhooks", "", "webhooks", Webhook::fromListElement, note);
    }

    /** {@code GET /api/{v}/sites/{site-id}/webhooks/{id}}. */
    public Webhook getWebhook(String id) {
        Site s = site("getWebhook", ApiVersion.V3_6);
        return Webhook.fromElement(signed("GET", s.webhooks(segment(id)), s.format, null).expect("webhook"));
    }

    /**
     * {@code POST /api/{v}/sites/{site-id}/webhooks} (201). The event goes in the {@code event} attribute from 3.9,
     * in the {@code webhook-source} element before.
     *
     * <p>A create is never repeated blindly: when a try fails in a way that may have made the webhook all the same
     * (429, 5xx, a dropped connection), the webhooks are listed, and one with the same name, event and destination
     * that was not there before the first try is the result. Names need not be unique, so the webhooks are listed
     * once before the first try too.
     */
    public Webhook createWebhook(WebhookSpec spec) {
        Objects.requireNonNull(spec, "createWebhook needs a webhook");
        List<String> lacking = new ArrayList<>();
        if (spec.name() == null || spec.name().isBlank()) lacking.add("a name");
        if (spec.event() == null) lacking.add("an event");
        if (spec.url() == null || spec.url().isBlank()) lacking.add("a destination url");
        if (!lacking.isEmpty()) {
            throw new IllegalArgumentException("createWebhook needs " + String.join(", ", lacking));
        }
        Site s = site("createWebhook", ApiVersion.V3_6);
        Request post = Request.of("POST", s.webhooks(""), s.format, WireCodec.writeRequest(s.format,
                spec.toElement(s.version))).with(Auth.TOKEN).with(Repeat.NEVER);
        Set<String> before = alike(listWebhooks("before creating " + spec.name() + ": what is there already, so "
                + "that a failed try can be looked for"), spec);
        Tries tries = retries.start();
        String note = "";
        while (true) {
            RuntimeException failure;
            Duration asked = null;
            String what;
            try {
                Answer a = perform(post, note);
                if (a.ok() || !NOT_NOW.contains(a.status())) return Webhook.fromElement(a.expect("webhook"));
                failure = a.error();
                asked = retryAfter(a);
                what = "HTTP " + a.status();
            } catch (TableauConnectionException e) {
                if (!e.dropped()) throw e;
                failure = e;
                what = "a dropped connection";
            }
            List<Webhook> now = listWebhooks("after " + what + " on creating " + spec.name()
                    + ": did the try make it?");
            Optional<Webhook> made = now.stream().filter(w -> alike(w, spec) && !before.contains(w.id())).findFirst();
            if (made.isPresent()) {
                notices.accept("the create of " + spec.name() + " got " + what + ", yet made the webhook: "
                        + made.get().id() + " (found by its name, event and url; not created twice)");
                return made.get();
            }
            note = waitToTryAgain(post, tries, failure, asked, what);
        }
    }

    private static Set<String> alike(List<Webhook> hooks, WebhookSpec spec) {
        return hooks.stream().filter(w -> alike(w, spec)).map(Webhook::id).collect(Collectors.toSet());
    }

    private static boolean alike(Webhook w, WebhookSpec spec) {
        return spec.name().equals(w.name()) && w.eventType().equals(Optional.of(spec.event()))
                && spec.url().equals(w.url());
    }

    /** {@code PUT /api/{v}/sites/{site-id}/webhooks/{id}}, REST API 3.8+. Sends only the fields the spec names. */
    public Webhook updateWebhook(String id, WebhookSpec spec) {
        Objects.requireNonNull(spec, "updateWebhook needs the fields to change");
        String path = segment(id);
        Site s = site("updateWebhook", ApiVersion.V3_8);
        byte[] body = WireCodec.writeRequest(s.format, spec.toElement(s.version));
        return Webhook.fromElement(signed("PUT", s.webhooks(path), s.format, body).expect("webhook"));
    }

    /** {@code GET /api/{v}/sites/{site-id}/webhooks/{id}/test}: what the destination answered to a test POST. */
    public WebhookTestResult testWebhook(String id) {
        Site s = site("testWebhook", ApiVersion.V3_6);
        return WebhookTestResult.fromElement(signed("GET", s.webhooks(segment(id) + "/test"), s.format, null)
                .expect("webhookTestResult"));
    }

    /**
     * {@code DELETE /api/{v}/sites/{site-id}/webhooks/{id}} (204). A 404 on a later try, after one whose answer was
     * lost, is the delete done.
     */
    public void deleteWebhook(String id) {
        Site s = site("deleteWebhook", ApiVersion.V3_6);
        signed("DELETE", s.webhooks(segment(id)), s.format, null).success();
    }

    // ---- projects and publishing ----

    /** {@code GET /api/{v}/sites/{site-id}/projects}, every page. */
    public List<Project> listProjects() {
        Site s = site("listProjects", ApiVersion.V2_0);
        return pages(s, "projects", PAGED, "projects", Project::fromListElement, "");
    }

    /** {@code POST /api/{v}/sites/{site-id}/projects} (201). */
    public Project createProject(Project spec) {
        Objects.requireNonNull(spec, "createProject needs a project");
        if (spec.name() == null || spec.name().isBlank()) throw new IllegalArgumentException("createProject needs a name");
        Site s = site("createProject", ApiVersion.V2_0);
        return Project.fromElement(signed("POST", s.path("projects"), s.format,
                WireCodec.writeRequest(s.format, spec.toElement())).expect("project"));
    }

    /**
     * {@code POST /api/{v}/sites/{site-id}/workbooks}: a .twb or .twbx streamed from disk, in the same request up to
     * 64 MB, through an upload session beyond.
     */
    public Content publishWorkbook(Path file, PublishSpec spec) {
        return publish("workbook", file, spec);
    }

    /** {@code POST /api/{v}/sites/{site-id}/datasources}: a .tds, .tdsx, .hyper or .tde, as {@link #publishWorkbook}. */
    public Content publishDatasource(Path file, PublishSpec spec) {
        return publish("datasource", file, spec);
    }

    /** {@code POST /api/{v}/sites/{site-id}/fileUploads} (201): a new upload session. */
    public FileUpload initiateFileUpload() {
        Site s = site("initiateFileUpload", ApiVersion.V2_0);
        return FileUpload.fromElement(signed("POST", s.path("fileUploads"), s.format, new byte[0]).expect("fileUpload"));
    }

    /** {@code PUT /api/{v}/sites/{site-id}/fileUploads/{id}}: {@code length} bytes of the file from {@code offset}. */
    public FileUpload appendToFileUpload(String uploadSessionId, Path file, long offset, long length) {
        Site s = site("appendToFileUpload", ApiVersion.V2_0);
        Multipart body = new Multipart(s.format, new byte[0], "tableau_file", "file", file, offset, length);
        return FileUpload.fromElement(perform(Request.multipart("PUT", s.path("fileUploads/" + encode(uploadSessionId)),
                s.format, body)).expect("fileUpload"));
    }

    private Content publish(String kind, Path file, PublishSpec spec) {
        Objects.requireNonNull(spec, "publishing needs a name");
        if (spec.name() == null || spec.name().isBlank()) throw new IllegalArgumentException("publishing needs a name");
        long size;
        try {
            size = java.nio.file.Files.size(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + OneLine.of(e.getMessage()));
        }
        String type = extension(file);
        Site s = site(kind.equals("workbook") ? "publishWorkbook" : "publishDatasource", ApiVersion.V2_0);
        byte[] payload = WireCodec.writeRequest(s.format, spec.toElement(kind));
        String query = (kind.equals("workbook") ? "workbookType=" : "datasourceType=") + type
                + (spec.overwrite() ? "&overwrite=true" : "");
        Multipart body;
        if (size < singleRequestLimit) {
            body = new Multipart(s.format, payload, "tableau_" + kind, file.getFileName().toString(), file, 0, size);
        } else {
            String session = initiateFileUpload().uploadSessionId();
            for (long at = 0; at < size; at += chunkBytes) appendToFileUpload(session, file, at, Math.min(chunkBytes, size - at));
            query += "&uploadSessionId=" + URLEncoder.encode(session, StandardCharsets.UTF_8);
            body = new Multipart(s.format, payload, null, null, null, 0, 0);
        }
        return Content.fromElement(perform(Request.multipart("POST", s.path(kind + "s?" + query), s.format, body))
                .expect(kind));
    }

    private static String extension(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    // ---- users, sites, jobs and data quality warnings: the calls around webhooks ----

    /** {@code GET /api/{v}/sites/{site-id}/users}, every page. */
    public List<SiteUser> listUsers() {
        Site s = site("listUsers", SITE_USERS);
        return pages(s, "users", PAGED, "users", SiteUser::fromListElement, "");
    }

    /** {@code GET /api/{v}/sites/{site-id}/users/{id}} (Query User On Site). */
    public SiteUser getUser(String id) {
        Site s = site("getUser", SITE_USERS);
        return SiteUser.fromElement(signed("GET", s.path("users/" + segment(id)), s.format, null).expect("user"));
    }

    /** {@code PUT /api/{v}/sites/{site-id}/users/{id}}: the site role, full name or email, whichever is given. */
    public SiteUser updateUser(String id, String siteRole, String fullName, String email) {
        Site s = site("updateUser", SITE_USERS);
        Element user = new Element("user").attr("fullName", fullName).attr("email", email).attr("siteRole", siteRole);
        if (user.attrs().isEmpty()) throw new IllegalArgumentException("updateUser needs a site role, full name or email");
        byte[] body = WireCodec.writeRequest(s.format, user);
        return SiteUser.fromElement(signed("PUT", s.path("users/" + segment(id)), s.format, body).expect("user"));
    }

    /** {@code DELETE /api/{v}/sites/{site-id}/users/{id}} (204); {@code mapAssetsTo} (a user id) or null. */
    public void removeUser(String id, String mapAssetsTo) {
        Site s = site("removeUser", SITE_USERS);
        String query = mapAssetsTo == null ? "" : "?mapAssetsTo=" + segment(mapAssetsTo);
        signed("DELETE", s.path("users/" + segment(id) + query), s.format, null).success();
    }

    /** {@code GET /api/{v}/sites}, every page: all sites for a server administrator, else one's own. */
    public List<TableauSite> listSites() {
        Site s = site("listSites", SITE_USERS);
        return pages(s, null, PAGED, "sites", e -> e.all("site").stream().map(TableauSite::fromElement).toList(), "");
    }

    /** {@code POST /api/{v}/sites} (201): a server administrator's. */
    public TableauSite createSite(String name, String contentUrl) {
        Site s = site("createSite", SITE_USERS);
        byte[] body = WireCodec.writeRequest(s.format, new Element("site").attr("name", name)
                .attr("contentUrl", contentUrl));
        return TableauSite.fromElement(signed("POST", s.sites(""), s.format, body).expect("site"));
    }

    /** {@code PUT /api/{v}/sites/{id}}: the name or state (Active, Suspended), whichever is given. */
    public TableauSite updateSite(String id, String name, String state) {
        Site s = site("updateSite", SITE_USERS);
        byte[] body = WireCodec.writeRequest(s.format, new Element("site").attr("name", name).attr("state", state));
        return TableauSite.fromElement(signed("PUT", s.sites(segment(id)), s.format, body).expect("site"));
    }

    /**
     * {@code DELETE /api/{v}/sites/{id}} (204). Tableau deletes the site one is signed in to, which ends the
     * session: the client forgets it, as after sign-out.
     */
    public void deleteSite(String id) {
        Site s = site("deleteSite", SITE_USERS);
        signed("DELETE", s.sites(segment(id)), s.format, null).success();
        if (id.equalsIgnoreCase(s.siteId)) credentials = null;
    }

    /** {@code POST /api/{v}/auth/switchSite}, REST API 2.6+: signs in to another site; the old token ends. */
    public Credentials switchSite(String contentUrl) {
        Site s = site("switchSite", SWITCH_SITE);
        byte[] body = WireCodec.writeRequest(s.format, new Element("site").attr("contentUrl",
                contentUrl == null ? "" : contentUrl));
        Credentials c = Credentials.fromElement(signed("POST", endpoint(s.version, "auth/switchSite"), s.format, body)
                .expect("credentials"));
        credentials = c;
        return c;
    }

    /** {@code GET /api/{v}/sites/{site-id}/jobs/{id}} (Query Job), REST API 2.6+. */
    public Job getJob(String id) {
        Site s = site("getJob", JOBS);
        return Job.fromElement(signed("GET", s.path("jobs/" + segment(id)), s.format, null).expect("job"));
    }

    /** {@code GET /api/{v}/sites/{site-id}/tasks/extractRefreshes}, REST API 2.6+. */
    public List<ExtractRefreshTask> listExtractRefreshTasks() {
        Site s = site("listExtractRefreshTasks", JOBS);
        return pages(s, "tasks/extractRefreshes", "", "tasks", ExtractRefreshTask::fromListElement, "");
    }

    /** {@code POST /api/{v}/sites/{site-id}/tasks/extractRefreshes/{id}/runNow}: the job it started. */
    public Job runExtractRefreshTask(String id) {
        Site s = site("runExtractRefreshTask", JOBS);
        byte[] body = WireCodec.writeRequest(s.format);
        return Job.fromElement(signed("POST", s.path("tasks/extractRefreshes/" + segment(id)
                + "/runNow"), s.format, body).expect("job"));
    }

    /** {@code GET /api/{v}/sites/{site-id}/dataQualityWarnings/datasource/{id}}, REST API 3.5+. */
    public List<QualityWarning> qualityWarnings(String datasourceId) {
        Site s = site("qualityWarnings", QUALITY_WARNINGS);
        return pages(s, "dataQualityWarnings/datasource/" + segment(datasourceId), "", "dataQualityWarningList",
                l -> l.all("dataQualityWarning").stream().map(QualityWarning::fromElement).toList(), "");
    }

    /** {@code POST /api/{v}/sites/{site-id}/dataQualityWarnings/datasource/{id}}: Tableau fires LabelCreated. */
    public QualityWarning addQualityWarning(String datasourceId, String type, String message, Boolean severe) {
        Site s = site("addQualityWarning", QUALITY_WARNINGS);
        byte[] body = WireCodec.writeRequest(s.format, QualityWarning.request(type, message, true, severe));
        return QualityWarning.fromElement(signed("POST", s.path("dataQualityWarnings/datasource/"
                + segment(datasourceId)), s.format, body).expect("dataQualityWarning"));
    }

    /** {@code PUT /api/{v}/sites/{site-id}/dataQualityWarnings/{id}}: Tableau fires LabelUpdated. */
    public QualityWarning updateQualityWarning(String id, String type, String message, Boolean severe) {
        Site s = site("updateQualityWarning", QUALITY_WARNINGS);
        byte[] body = WireCodec.writeRequest(s.format, QualityWarning.request(type, message, null, severe));
        return QualityWarning.fromElement(signed("PUT", s.path("dataQualityWarnings/" + segment(id)), s.format, body)
                .expect("dataQualityWarning"));
    }

    /** {@code DELETE /api/{v}/sites/{site-id}/dataQualityWarnings/datasource/{id}}: Tableau fires LabelDeleted. */
    public void deleteQualityWarnings(String datasourceId) {
        Site s = site("deleteQualityWarnings", QUALITY_WARNINGS);
        signed("DELETE", s.path("dataQualityWarnings/datasource/" + segment(datasourceId)), s.format, null).success();
    }

    /** {@code GET /api/{v}/sites/{site-id}/datasources}, every page. */
    public List<DataSource> listDatasources() {
        Site s = site("listDatasources", SITE_USERS);
        return pages(s, "datasources", PAGED, "datasources", e -> e.all("datasource").stream().map(DataSource::fromElement)
                .toList(), "");
    }

    /** {@code GET /api/{v}/sites/{site-id}/views}, every page. */
    public List<View> listViews() {
        Site s = site("listViews", SITE_USERS);
        return pages(s, "views", PAGED, "views", e -> e.all("view").stream().map(View::fromElement).toList(), "");
    }

    /** {@code DELETE /api/{v}/sites/{site-id}/views/{id}} (Delete View, REST API 3.27+): Tableau fires ViewDeleted. */
    public void deleteView(String id) {
        Site s = site("deleteView", ApiVersion.V3_27);
        signed("DELETE", s.path("views/" + segment(id)), s.format, null).success();
    }

    /** The first page of a list Tableau documents as paged: as many items as it gives at once. */
    private static final String PAGED = "?pageSize=1000&pageNumber=1";

    /**
     * The items of every page of a list: the first page as {@code firstQuery} asks ({@link #PAGED}, or "" for a list
     * documented without paging), then, while {@code <pagination>} says more are available, the next pages in the
     * page size it reports (a server may give fewer than asked).
     */
    private <T> List<T> pages(Site s, String path, String firstQuery, String listName, Function<Element, List<T>> read,
                              String note) {
        List<T> all = new ArrayList<>();
        String query = firstQuery;
        for (int page = 1; ; page++) {
            URI uri = path == null ? s.sites(query) : s.path(path + query);
            Answer a = perform(Request.of("GET", uri, s.format, null).with(Auth.TOKEN), page == 1 ? note : "");
            List<Element> body = a.success();
            Optional<Element> list = Answer.first(body, listName);
            Optional<Element> pagination = Answer.first(body, "pagination");
            // An empty list may come as no element at all in JSON ({}); anything else without it is not a list.
            if (list.isEmpty() && pagination.isEmpty() && !body.isEmpty()) throw a.missing(listName);
            List<T> items = list.map(read).orElse(List.of());
            all.addAll(items);
            if (pagination.isEmpty() || items.isEmpty()) return all;
            int total = number(pagination.get(), "totalAvailable", all.size());
            int size = Math.max(1, number(pagination.get(), "pageSize", items.size()));
            if (all.size() >= total || page >= (total + size - 1) / size) return all;
            query = "?pageSize=" + size + "&pageNumber=" + (page + 1);
        }
    }

    private static int number(Element e, String name, int otherwise) {
        String v = e.value(name);
        try {
            return v == null ? otherwise : Integer.parseInt(v.strip());
        } catch (NumberFormatException notANumber) {
            return otherwise;
        }
    }

    @Override
    public String toString() {
        Credentials c = credentials;
        ApiVersion p = pinned;
        ServerInfo info = serverInfo;
        String version = p != null ? p + " (pinned)" : info != null ? info.restApiVersion().toString() : "not yet known";
        return "TableauClient[" + server + ", " + format + ", REST API " + version
                + (c == null ? ", not signed in" : ", signed in to site " + c.siteId() + " as user " + c.userId()) + "]";
    }

    // ---- the signed-in context of a call ----

    /**
     * What one call works with, read once so a concurrent format or version change cannot mix. The token is not in
     * it: each try reads the session's, which a new sign-in may have renewed.
     */
    private record Site(URI base, ApiVersion version, WireFormat format, String siteId) {
        URI webhooks(String rest) {
            return path("webhooks" + (rest.isEmpty() ? "" : "/" + rest));
        }

        /** {@code /api/{v}/sites/{site-id}/} and the rest of the path. */
        URI path(String rest) {
            return sites(encode(siteId) + "/" + rest);
        }

        /** {@code /api/{v}/sites}, then {@code rest} ("?…" follows directly, anything else after a slash). */
        URI sites(String rest) {
            return URI.create(base + "/api/" + version + "/sites"
                    + (rest.isEmpty() || rest.startsWith("?") ? rest : "/" + rest));
        }
    }

    private Site site(String operation, ApiVersion needed) {
        Credentials c = credentials;
        if (c == null) throw new IllegalStateException("not signed in; run signIn first");
        if (c.siteId() == null || c.siteId().isBlank()) throw new IllegalStateException("the sign-in answer named no site; sign in again");
        ApiVersion v = version();
        require(operation, needed, v);
        return new Site(server, v, format, c.siteId());
    }

    private void require(String operation, ApiVersion needed, ApiVersion actual) {
        if (actual.before(needed)) throw new VersionTooOldException(operation, needed, actual, pinned != null);
    }

    private URI endpoint(ApiVersion v, String path) {
        return URI.create(server + "/api/" + v + "/" + path);
    }

    // ---- sending: redirects, tries, a new sign-in ----

    /** What a request carries that is the user's: nothing, the sign-in's credentials, or the session's token. */
    private enum Auth {
        NONE,
        /** A sign-in's body: never sent to another domain. */
        CREDENTIALS,
        /** The session's token, renewed once by a new sign-in when it expired. */
        TOKEN,
        /** The token as it is (a sign-out: signing in to sign out would make no sense). */
        TOKEN_AS_IS
    }

    /** Whether a request may be sent again after the server could not answer it now. */
    private enum Repeat {
        /** GET, PUT, DELETE and sign-in: sending it twice does what sending it once does. */
        IDEMPOTENT,
        /** Any other POST: only after a 429, which refused it undone. */
        WHEN_REFUSED,
        /** Creating a webhook: {@link #createWebhook} looks for what a failed try made before it tries again. */
        NEVER
    }

    /** A request as a call means it: sent once or more, as redirects, tries and a new sign-in need. */
    private record Request(String method, URI uri, WireFormat format, String contentType,
                           Supplier<HttpRequest.BodyPublisher> body, String traceBody, Auth auth, Repeat repeat) {

        static Request of(String method, URI uri, WireFormat f, byte[] body) {
            return new Request(method, uri, f, body == null ? null : f.mediaType(),
                    body == null ? HttpRequest.BodyPublishers::noBody : () -> HttpRequest.BodyPublishers.ofByteArray(body),
                    body == null ? "" : new String(body, StandardCharsets.UTF_8), Auth.NONE,
                    method.equals("POST") ? Repeat.WHEN_REFUSED : Repeat.IDEMPOTENT);
        }

        /** A publish's body, streamed from disk again for each try; the trace shows the file's name and size. */
        static Request multipart(String method, URI uri, WireFormat f, Multipart body) {
            return new Request(method, uri, f, body.contentType(), body::publisher, body.describe(), Auth.TOKEN,
                    method.equals("POST") ? Repeat.WHEN_REFUSED : Repeat.IDEMPOTENT);
        }

        Request with(Auth a) {
            return new Request(method, uri, format, contentType, body, traceBody, a, repeat);
        }

        Request with(Repeat r) {
            return new Request(method, uri, format, contentType, body, traceBody, auth, r);
        }

        boolean carriesToken() {
            return auth == Auth.TOKEN || auth == Auth.TOKEN_AS_IS;
        }

        String call() {
            return method + " " + uri;
        }
    }

    /** A call with the session's token. */
    private Answer signed(String method, URI uri, WireFormat f, byte[] body) {
        return perform(Request.of(method, uri, f, body).with(Auth.TOKEN));
    }

    private Answer perform(Request r) {
        return perform(r, "");
    }

    /** New sign-ins within one call at most: tries spread over a minute may outlast more than one short-lived token. */
    private static final int MOST_SIGN_INS_PER_CALL = 3;

    /**
     * Sends a request until it has an answer to give: redirects followed; tried again within the {@link Retries}
     * when the server could not answer now and the request may be repeated; once more after a new sign-in when its
     * token expired (401002), but never when the token just renewed is refused at once. The answer may still be an
     * error, for the caller to read; when the tries run out, a {@link GaveUp} says how many there were.
     */
    private Answer perform(Request r, String firstNote) {
        Tries tries = retries.start();
        String note = firstNote;
        int signIns = 0;
        boolean renewedTokenUnanswered = false;
        boolean mayHaveBeenDone = false;
        while (true) {
            Answer a;
            try {
                a = followingRedirects(r, note);
            } catch (TableauConnectionException e) {
                if (!e.dropped() || r.repeat() != Repeat.IDEMPOTENT) throw e;
                mayHaveBeenDone = true;
                note = waitToTryAgain(r, tries, e, null, "a dropped connection");
                continue;
            }
            boolean expired = a.status() == 401 && a.isTableauError("401002");
            boolean renewedTokenRefused = renewedTokenUnanswered && expired;
            renewedTokenUnanswered = false;
            if (a.ok()) return a;
            if (mayHaveBeenDone && r.method().equals("DELETE") && a.status() == 404 && a.error() instanceof TableauError) {
                return a.done(); // an earlier try deleted it, and its answer was lost
            }
            if (NOT_NOW.contains(a.status()) && (r.repeat() == Repeat.IDEMPOTENT
                    || (r.repeat() == Repeat.WHEN_REFUSED && a.status() == 429))) {
                mayHaveBeenDone |= a.status() != 429;
                note = waitToTryAgain(r, tries, a.error(), retryAfter(a), "HTTP " + a.status());
                continue;
            }
            if (r.auth() == Auth.TOKEN && expired && !renewedTokenRefused && signInAgain != null
                    && signIns < MOST_SIGN_INS_PER_CALL) {
                signIns++;
                Credentials renewed;
                renewing = true;
                try {
                    renewed = signInAgain.signInAgain();
                } finally {
                    renewing = false;
                }
                if (renewed != null) {
                    renewedTokenUnanswered = true;
                    notices.accept("the session's token had expired (Tableau 401002): signed in again and repeated "
                            + r.method() + " " + shortPath(r.uri()));
                    note = "repeated after signing in again: the token had expired (401002)";
                    continue;
                }
            }
            return a;
        }
    }

    /**
     * Waits before the next try and answers the note for it; throws {@link GaveUp} when the time for tries does not
     * allow another (or, with tries turned off, the failure itself).
     */
    private String waitToTryAgain(Request r, Tries tries, RuntimeException failure, Duration asked, String what) {
        Duration wait = tries.nextWait(asked);
        if (wait == null) {
            if (retries.within().isZero()) throw failure;
            String why = asked == null ? null : "the server asked to wait " + HumanDuration.of(asked)
                    + ", past the " + HumanDuration.of(retries.within()) + " tries may take";
            throw new GaveUp(r.call(), tries, why, failure);
        }
        tries.waitFor(wait, r.call());
        return "try " + tries.count() + " of " + r.method() + ", " + HumanDuration.of(wait) + " after " + what
                + (asked == null ? "" : " (Retry-After)");
    }

    /** The wait an answer's {@code Retry-After} asks for, or null. */
    private static Duration retryAfter(Answer a) {
        return Retries.retryAfter(a.header("Retry-After"), a.header("Date"), Instant.now()).orElse(null);
    }

    /**
     * Sends a request and follows its redirects, at most {@link Redirect#MOST}: the method and body as
     * {@link Redirect} decides, the token only within the domain signed in to and the credentials of a sign-in not
     * outside it at all; after an unbroken run of permanent redirects within the domain, their target is the server
     * from then on.
     */
    private Answer followingRedirects(Request r, String note) {
        URI uri = r.uri();
        String method = r.method();
        boolean withBody = true;
        boolean withToken = r.carriesToken();
        boolean permanent = true;
        String hopNote = note;
        for (int hops = 0; ; hops++) {
            Credentials c = credentials;
            Answer a = exchanges.send(method, uri, r.format().mediaType(), withBody ? r.contentType() : null,
                    withBody ? r.body().get() : HttpRequest.BodyPublishers.noBody(), withBody ? r.traceBody() : "",
                    withToken && c != null ? c.token() : null, hopNote, server);
            String location = a.location();
            if (!Redirect.STATUSES.contains(a.status()) || location == null || location.isBlank()) return a;
            if (hops == Redirect.MOST) {
                throw new TableauConnectionException(r.call() + " was redirected " + Redirect.MOST
                        + " times, last to " + OneLine.of(io.tabhook.api.Secrets.redactUrl(location))
                        + "; give the final server instead", false, null);
            }
            Redirect next = Redirect.of(method, uri, a.status(), location);
            boolean sameDomain = Redirect.sameDomain(server, next.to());
            if (!sameDomain && r.auth() == Auth.CREDENTIALS) {
                throw new TableauConnectionException("refusing to send the sign-in's credentials to "
                        + Redirect.origin(next.to()) + ", where " + server.getHost() + " redirected it: that is "
                        + "another domain; if it is your server, give it as the server", false, null);
            }
            String dropped = withToken && !sameDomain ? "; without the token: " + next.to().getHost()
                    + " is another domain" : "";
            withToken &= sameDomain;
            permanent &= next.permanent() && sameDomain;
            if (permanent && (next.to().getRawPath() + "/").contains("/api/")) {
                server = ServerAddress.base(next.to()); // moved for good: the session follows
            }
            hopNote = "redirected (" + a.status() + ") from " + uri + dropped;
            uri = next.to();
            method = next.method();
            withBody &= next.keepsBody();
        }
    }

    /** A call's path as the one-line notice names it: from the version on ({@code 3.9/sites/…/webhooks}). */
    private static String shortPath(URI uri) {
        String path = uri.getRawPath();
        int api = path.indexOf("/api/");
        return api < 0 ? path : path.substring(api + 5);
    }

    // ---- paths ----

    /** A webhook id as one path segment; a blank one fails before anything is sent. */
    static String segment(String webhookId) {
        if (webhookId == null || webhookId.isBlank()) throw new IllegalArgumentException("a webhook id is needed");
        return encode(webhookId.strip());
    }

    /** Percent-encodes all but the unreserved characters, so no id can reach another path. */
    static String encode(String id) {
        if (id.equals(".") || id.equals("..")) return id.replace(".", "%2E"); // else a dot-segment, not an id
        StringBuilder out = new StringBuilder();
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
