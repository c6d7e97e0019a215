package io.tabhook.client;

import io.tabhook.HumanDuration;
import io.tabhook.OneLine;
import io.tabhook.api.ApiVersion;
import io.tabhook.api.Content;
import io.tabhook.api.Credentials;
import io.tabhook.api.DataSource;
import io.tabhook.api.Element;
import io.tabhook.api.FileUpload;
import io.tabhook.api.ExtractRefreshTask;
import io.tabhook.api.Job;
import io.tabhook.api.QualityWarning;
import io.tabhook.api.SiteUser;
import io.tabhook.api.TableauSite;
import io.tabhook.api.View;
import io.tabhook.api.MalformedBodyException;
import io.tabhook.api.Project;
import io.tabhook.api.PublishSpec;
import io.tabhook.api.Secrets;
import io.tabhook.api.ServerInfo;
import io.tabhook.api.SignInRequest;
import io.tabhook.api.TableauError;
import io.tabhook.api.Webhook;
import io.tabhook.api.WebhookSpec;
import io.tabhook.api.WebhookTestResult;
import io.tabhook.api.WireCodec;
import io.tabhook.api.WireFormat;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The Tableau webhooks REST API, one typed method per call, over {@code java.net.http}. Speaks XML or JSON (chosen
 * per client, changeable at any time), uses the pinned REST API version or the one the server reports, refuses calls
 * that version lacks before sending them, and turns every error answer into a {@link TableauError}. Each exchange is
 * offered to the trace consumer and kept as {@link #lastExchange()}, with secrets redacted.
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
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 307, 308);
    private static final int MAX_REDIRECTS = 5;
    /** Tableau takes a file of up to 64 MB in one request (as TSC counts it, 64 × 2^20 bytes); larger go in blocks. */
    static final long SINGLE_REQUEST_LIMIT = 64L * 1024 * 1024;
    /** Blocks of an upload session: well under the single-request limit, and streamed from disk, never held. */
    static final long CHUNK_BYTES = 32L * 1024 * 1024;
    static final String USER_AGENT = "tabhook/" + Optional.ofNullable(
            TableauClient.class.getPackage().getImplementationVersion()).orElse("dev");

    private final HttpClient http;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Consumer<Exchange> trace;
    private final long singleRequestLimit;
    private final long chunkBytes;

    private volatile URI server;
    private volatile WireFormat format;
    private volatile ApiVersion pinned;
    private volatile ServerInfo serverInfo;
    private volatile Credentials credentials;
    private volatile Exchange lastExchange;

    private TableauClient(Builder b) {
        this.server = b.server;
        this.format = b.format;
        this.pinned = b.version;
        this.connectTimeout = b.connectTimeout;
        this.requestTimeout = b.requestTimeout;
        this.trace = b.trace;
        this.singleRequestLimit = b.singleRequestLimit;
        this.chunkBytes = b.chunkBytes;
        // Redirects stay ours: HttpClient would turn the sign-in POST into a GET and drop its body.
        HttpClient.Builder http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1);
        http.sslContext(b.sslContext != null ? b.sslContext : Tls.javaDefault());
        this.http = http.build();
    }

    /** A client for a server such as {@code https://tableau.example.com} (or {@code https://10ay.online.tableau.com}). */
    public static Builder builder(URI server) {
        return new Builder(server);
    }

    /** Settings of a new client; the defaults are XML, discovered version, 10 s to connect, 30 s per request. */
    public static final class Builder {
        private final URI server;
        private WireFormat format = WireFormat.XML;
        private ApiVersion version;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Consumer<Exchange> trace;
        private javax.net.ssl.SSLContext sslContext;
        private long singleRequestLimit = SINGLE_REQUEST_LIMIT;
        private long chunkBytes = CHUNK_BYTES;

        private Builder(URI server) {
            this.server = serverBase(server);
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

    /** The server in use; after a sign-in that was redirected (Tableau Cloud's pod), the host it was sent to. */
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
    public Optional<Exchange> lastExchange() { return Optional.ofNullable(lastExchange); }

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
                Answer a = send("GET", endpoint(v, "serverinfo"), format, null, null);
                ServerInfo info = ServerInfo.fromElement(expect(success(a), "serverInfo", a));
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
     * {@code POST /api/{v}/auth/signin}. A 301/302/307/308 (Tableau Cloud sending a sign-in to its pod) is followed by
     * posting the same body to {@code Location}, and that host is the server from then on. Signing in again replaces
     * the session without signing the old one out.
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
        byte[] body = WireCodec.writeRequest(f, request.toElement());
        Answer a = send("POST", endpoint(v, "auth/signin"), f, body, null);
        URI movedTo = null;
        for (int hops = 0; REDIRECTS.contains(a.status()); hops++) {
            if (hops == MAX_REDIRECTS) {
                throw new TableauConnectionException("sign-in was redirected " + MAX_REDIRECTS
                        + " times, last to " + a.uri() + "; give the final server instead", false, null);
            }
            URI next = redirectTarget(a, v);
            a = send("POST", next, f, body, null);
            movedTo = next;
        }
        Credentials c = Credentials.fromElement(expect(success(a), "credentials", a));
        if (movedTo != null) {
            server = serverBase(movedTo);
        }
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
            Answer a = send("POST", endpoint(version(), "auth/signout"), format, new byte[0], c.token());
            success(a);
        } finally {
            credentials = null;
        }
    }

    /** {@code GET /api/{v}/sites/{site-id}/webhooks}. */
    public List<Webhook> listWebhooks() {
        Site s = site("listWebhooks", ApiVersion.V3_6);
        Answer a = send("GET", s.webhooks(""), s.format, null, s.token);
        List<Element> body = success(a);
        Optional<Element> list = first(body, "webhooks");
        // An empty list may come as no element at all in JSON ({}); anything else without <webhooks> is not ours.
        if (list.isEmpty() && body.isEmpty()) return List.of();
        return Webhook.fromListElement(list.orElseThrow(() -> missing("webhooks", a)));
    }

    /** {@code GET /api/{v}/sites/{site-id}/webhooks/{id}}. */
    public Webhook getWebhook(String id) {
        Site s = site("getWebhook", ApiVersion.V3_6);
        Answer a = send("GET", s.webhooks(segment(id)), s.format, null, s.token);
        return Webhook.fromElement(expect(success(a), "webhook", a));
    }

    /**
     * {@code POST /api/{v}/sites/{site-id}/webhooks} (201). The event goes in the {@code event} attribute from 3.9,
     * in the {@code webhook-source} element before.
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
        byte[] body = WireCodec.writeRequest(s.format, spec.toElement(s.version));
        Answer a = send("POST", s.webhooks(""), s.format, body, s.token);
        return Webhook.fromElement(expect(success(a), "webhook", a));
    }

    /** {@code PUT /api/{v}/sites/{site-id}/webhooks/{id}}, REST API 3.8+. Sends only the fields the spec names. */
    public Webhook updateWebhook(String id, WebhookSpec spec) {
        Objects.requireNonNull(spec, "updateWebhook needs the fields to change");
        String path = segment(id);
        Site s = site("updateWebhook", ApiVersion.V3_8);
        byte[] body = WireCodec.writeRequest(s.format, spec.toElement(s.version));
        Answer a = send("PUT", s.webhooks(path), s.format, body, s.token);
        return Webhook.fromElement(expect(success(a), "webhook", a));
    }

    /** {@code GET /api/{v}/sites/{site-id}/webhooks/{id}/test}: what the destination answered to a test POST. */
    public WebhookTestResult testWebhook(String id) {
        Site s = site("testWebhook", ApiVersion.V3_6);
        Answer a = send("GET", s.webhooks(segment(id) + "/test"), s.format, null, s.token);
        return WebhookTestResult.fromElement(expect(success(a), "webhookTestResult", a));
    }

    /** {@code DELETE /api/{v}/sites/{site-id}/webhooks/{id}} (204). */
    public void deleteWebhook(String id) {
        Site s = site("deleteWebhook", ApiVersion.V3_6);
        success(send("DELETE", s.webhooks(segment(id)), s.format, null, s.token));
    }

    // ---- projects and publishing ----

    /** {@code GET /api/{v}/sites/{site-id}/projects}, every page. */
    public List<Project> listProjects() {
        Site s = site("listProjects", ApiVersion.V2_0);
        return pages(s, "projects", "projects", Project::fromListElement);
    }

    /** {@code POST /api/{v}/sites/{site-id}/projects} (201). */
    public Project createProject(Project spec) {
        Objects.requireNonNull(spec, "createProject needs a project");
        if (spec.name() == null || spec.name().isBlank()) throw new IllegalArgumentException("createProject needs a name");
        Site s = site("createProject", ApiVersion.V2_0);
        Answer a = send("POST", s.path("projects"), s.format, WireCodec.writeRequest(s.format, spec.toElement()), s.token);
        return Project.fromElement(expect(success(a), "project", a));
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
        Answer a = send("POST", s.path("fileUploads"), s.format, new byte[0], s.token);
        return FileUpload.fromElement(expect(success(a), "fileUpload", a));
    }

    /** {@code PUT /api/{v}/sites/{site-id}/fileUploads/{id}}: {@code length} bytes of the file from {@code offset}. */
    public FileUpload appendToFileUpload(String uploadSessionId, Path file, long offset, long length) {
        Site s = site("appendToFileUpload", ApiVersion.V2_0);
        Multipart body = new Multipart(s.format, new byte[0], "tableau_file", "file", file, offset, length);
        Answer a = sendMultipart("PUT", s.path("fileUploads/" + encode(uploadSessionId)), s.format, body, s.token);
        return FileUpload.fromElement(expect(success(a), "fileUpload", a));
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
        Answer a = sendMultipart("POST", s.path(kind + "s?" + query), s.format, body, s.token);
        return Content.fromElement(expect(success(a), kind, a));
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
        return pages(s, "users", "users", SiteUser::fromListElement);
    }

    /** {@code GET /api/{v}/sites/{site-id}/users/{id}} (Query User On Site). */
    public SiteUser getUser(String id) {
        Site s = site("getUser", SITE_USERS);
        return SiteUser.fromElement(call("GET", s.path("users/" + segment(id)), s.format, null,
                s.token, "user"));
    }

    /** {@code PUT /api/{v}/sites/{site-id}/users/{id}}: the site role, full name or email, whichever is given. */
    public SiteUser updateUser(String id, String siteRole, String fullName, String email) {
        Site s = site("updateUser", SITE_USERS);
        Element user = new Element("user").attr("fullName", fullName).attr("email", email).attr("siteRole", siteRole);
        if (user.attrs().isEmpty()) throw new IllegalArgumentException("updateUser needs a site role, full name or email");
        byte[] body = WireCodec.writeRequest(s.format, user);
        return SiteUser.fromElement(call("PUT", s.path("users/" + segment(id)), s.format, body,
                s.token, "user"));
    }

    /** {@code DELETE /api/{v}/sites/{site-id}/users/{id}} (204); {@code mapAssetsTo} (a user id) or null. */
    public void removeUser(String id, String mapAssetsTo) {
        Site s = site("removeUser", SITE_USERS);
        String query = mapAssetsTo == null ? "" : "?mapAssetsTo=" + segment(mapAssetsTo);
        success(send("DELETE", s.path("users/" + segment(id) + query), s.format, null, s.token));
    }

    /** {@code GET /api/{v}/sites}, every page: all sites for a server administrator, else one's own. */
    public List<TableauSite> listSites() {
        Site s = site("listSites", SITE_USERS);
        return pages(s, null, "sites", e -> e.all("site").stream().map(TableauSite::fromElement).toList());
    }

    /** {@code POST /api/{v}/sites} (201): a server administrator's. */
    public TableauSite createSite(String name, String contentUrl) {
        Site s = site("createSite", SITE_USERS);
        byte[] body = WireCodec.writeRequest(s.format, new Element("site").attr("name", name)
                .attr("contentUrl", contentUrl));
        return TableauSite.fromElement(call("POST", s.sites(""), s.format, body, s.token, "site"));
    }

    /** {@code PUT /api/{v}/sites/{id}}: the name or state (Active, Suspended), whichever is given. */
    public TableauSite updateSite(String id, String name, String state) {
        Site s = site("updateSite", SITE_USERS);
        byte[] body = WireCodec.writeRequest(s.format, new Element("site").attr("name", name).attr("state", state));
        return TableauSite.fromElement(expect(success(send("PUT", s.sites(segment(id)), s.format, body, s.token)),
                "site", null));
    }

    /**
     * {@code DELETE /api/{v}/sites/{id}} (204). Tableau deletes the site one is signed in to, which ends the
     * session: the client forgets it, as after sign-out.
     */
    public void deleteSite(String id) {
        Site s = site("deleteSite", SITE_USERS);
        success(send("DELETE", s.sites(segment(id)), s.format, null, s.token));
        if (id.equalsIgnoreCase(s.siteId)) credentials = null;
    }

    /** {@code POST /api/{v}/auth/switchSite}, REST API 2.6+: signs in to another site; the old token ends. */
    public Credentials switchSite(String contentUrl) {
        Site s = site("switchSite", SWITCH_SITE);
        byte[] body = WireCodec.writeRequest(s.format, new Element("site").attr("contentUrl",
                contentUrl == null ? "" : contentUrl));
        Credentials c = Credentials.fromElement(call("POST", endpoint(s.version, "auth/switchSite"),
                s.format, body, s.token, "credentials"));
        credentials = c;
        return c;
    }

    /** {@code GET /api/{v}/sites/{site-id}/jobs/{id}} (Query Job), REST API 2.6+. */
    public Job getJob(String id) {
        Site s = site("getJob", JOBS);
        return Job.fromElement(expect(success(send("GET", s.path("jobs/" + segment(id)), s.format, null, s.token)),
                "job", null));
    }

    /** {@code GET /api/{v}/sites/{site-id}/tasks/extractRefreshes}, REST API 2.6+. */
    public List<ExtractRefreshTask> listExtractRefreshTasks() {
        Site s = site("listExtractRefreshTasks", JOBS);
        List<Element> body = success(send("GET", s.path("tasks/extractRefreshes"), s.format, null, s.token));
        return first(body, "tasks").map(ExtractRefreshTask::fromListElement).orElse(List.of());
    }

    /** {@code POST /api/{v}/sites/{site-id}/tasks/extractRefreshes/{id}/runNow}: the job it started. */
    public Job runExtractRefreshTask(String id) {
        Site s = site("runExtractRefreshTask", JOBS);
        byte[] body = WireCodec.writeRequest(s.format);
        return Job.fromElement(call("POST", s.path("tasks/extractRefreshes/" + segment(id)
                + "/runNow"), s.format, body, s.token, "job"));
    }

    /** {@code GET /api/{v}/sites/{site-id}/dataQualityWarnings/datasource/{id}}, REST API 3.5+. */
    public List<QualityWarning> qualityWarnings(String datasourceId) {
        Site s = site("qualityWarnings", QUALITY_WARNINGS);
        List<Element> body = success(send("GET", s.path("dataQualityWarnings/datasource/" + segment(datasourceId)),
                s.format, null, s.token));
        return first(body, "dataQualityWarningList")
                .map(l -> l.all("dataQualityWarning").stream().map(QualityWarning::fromElement).toList())
                .orElse(List.of());
    }

    /** {@code POST /api/{v}/sites/{site-id}/dataQualityWarnings/datasource/{id}}: Tableau fires LabelCreated. */
    public QualityWarning addQualityWarning(String datasourceId, String type, String message, Boolean severe) {
        Site s = site("addQualityWarning", QUALITY_WARNINGS);
        byte[] body = WireCodec.writeRequest(s.format, QualityWarning.request(type, message, true, severe));
        return QualityWarning.fromElement(call("POST", s.path("dataQualityWarnings/datasource/"
                + segment(datasourceId)), s.format, body, s.token, "dataQualityWarning"));
    }

    /** {@code PUT /api/{v}/sites/{site-id}/dataQualityWarnings/{id}}: Tableau fires LabelUpdated. */
    public QualityWarning updateQualityWarning(String id, String type, String message, Boolean severe) {
        Site s = site("updateQualityWarning", QUALITY_WARNINGS);
        byte[] body = WireCodec.writeRequest(s.format, QualityWarning.request(type, message, null, severe));
        return QualityWarning.fromElement(call("PUT", s.path("dataQualityWarnings/" + segment(id)),
                s.format, body, s.token, "dataQualityWarning"));
    }

    /** {@code DELETE /api/{v}/sites/{site-id}/dataQualityWarnings/datasource/{id}}: Tableau fires LabelDeleted. */
    public void deleteQualityWarnings(String datasourceId) {
        Site s = site("deleteQualityWarnings", QUALITY_WARNINGS);
        success(send("DELETE", s.path("dataQualityWarnings/datasource/" + segment(datasourceId)), s.format, null,
                s.token));
    }

    /** {@code GET /api/{v}/sites/{site-id}/datasources}, every page. */
    public List<DataSource> listDatasources() {
        Site s = site("listDatasources", SITE_USERS);
        return pages(s, "datasources", "datasources", e -> e.all("datasource").stream().map(DataSource::fromElement)
                .toList());
    }

    /** {@code GET /api/{v}/sites/{site-id}/views}, every page. */
    public List<View> listViews() {
        Site s = site("listViews", SITE_USERS);
        return pages(s, "views", "views", e -> e.all("view").stream().map(View::fromElement).toList());
    }

    /** {@code DELETE /api/{v}/sites/{site-id}/views/{id}} (Delete View, REST API 3.27+): Tableau fires ViewDeleted. */
    public void deleteView(String id) {
        Site s = site("deleteView", ApiVersion.V3_27);
        success(send("DELETE", s.path("views/" + segment(id)), s.format, null, s.token));
    }

    /** Sends a call and answers the one element its answer must hold. */
    private Element call(String method, URI uri, WireFormat f, byte[] body, String token, String element) {
        Answer a = send(method, uri, f, body, token);
        return expect(success(a), element, a);
    }

    /** The items of every page of a list ({@code pageSize} 1000), until {@code totalAvailable} have come. */
    private <T> List<T> pages(Site s, String path, String listName, java.util.function.Function<Element, List<T>> read) {
        List<T> all = new ArrayList<>();
        for (int page = 1; ; page++) {
            String rest = "?pageSize=1000&pageNumber=" + page;
            URI uri = path == null ? s.sites(rest) : s.path(path + rest);
            List<Element> body = success(send("GET", uri, s.format, null, s.token));
            List<T> items = first(body, listName).map(read).orElse(List.of());
            all.addAll(items);
            int total = first(body, "pagination").map(p -> p.value("totalAvailable"))
                    .map(t -> Integer.parseInt(t.trim())).orElse(all.size());
            if (items.isEmpty() || all.size() >= total) return all;
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

    // ---- the signed-in context of a webhook call ----

    /** What one webhook call works with, read once so a concurrent format or version change cannot mix. */
    private record Site(URI base, ApiVersion version, WireFormat format, String siteId, String token) {
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
        return new Site(server, v, format, c.siteId(), c.token());
    }

    private void require(String operation, ApiVersion needed, ApiVersion actual) {
        if (actual.before(needed)) throw new VersionTooOldException(operation, needed, actual, pinned != null);
    }

    // ---- HTTP ----

    private record Answer(String method, URI uri, int status, String contentType, String location, byte[] body) {
        boolean ok() { return status >= 200 && status < 300; }
    }

    private URI endpoint(ApiVersion v, String path) {
        return URI.create(server + "/api/" + v + "/" + path);
    }

    private Answer send(String method, URI uri, WireFormat f, byte[] body, String token) {
        return send(method, uri, f, body == null ? null : f.mediaType(),
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body),
                body == null ? "" : new String(body, StandardCharsets.UTF_8), token);
    }

    private Answer sendMultipart(String method, URI uri, WireFormat f, Multipart body, String token) {
        return send(method, uri, f, body.contentType(), body.publisher(), body.describe(), token);
    }

    /** Sends a request; {@code traceBody} is what the trace shows of the body (redacted on the way). */
    private Answer send(String method, URI uri, WireFormat f, String contentType, HttpRequest.BodyPublisher body,
                        String traceBody, String token) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", f.mediaType());
        if (contentType != null) headers.put("Content-Type", contentType);
        headers.put("User-Agent", USER_AGENT);
        if (token != null) headers.put("X-Tableau-Auth", token);

        HttpRequest.Builder rb = HttpRequest.newBuilder(uri).timeout(requestTimeout).method(method, body);
        headers.forEach(rb::header);

        long start = System.nanoTime();
        HttpResponse<byte[]> r = exchange(rb.build());
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        byte[] answer = r.body() == null ? new byte[0] : r.body();
        Map<String, String> responseHeaders = new LinkedHashMap<>();
        r.headers().map().forEach((k, v) -> {
            if (!k.startsWith(":")) responseHeaders.put(k, String.join(", ", v));
        });
        Exchange ex = new Exchange(method, uri, r.statusCode(), millis, redacted(headers),
                Secrets.redactBody(traceBody),
                redacted(responseHeaders), Secrets.redactBody(new String(answer, StandardCharsets.UTF_8)));
        lastExchange = ex;
        if (trace != null) {
            try {
                trace.accept(ex);
            } catch (RuntimeException ignored) {
                // A failing trace must not fail the user's call; the exchange itself went through.
            }
        }
        return new Answer(method, uri, r.statusCode(), r.headers().firstValue("Content-Type").orElse(null),
                r.headers().firstValue("Location").orElse(null), answer);
    }

    /** Headers as the trace shows them: secrets masked, names looked up in any case. */
    private static Map<String, String> redacted(Map<String, String> headers) {
        Map<String, String> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> out.put(k, Secrets.redactHeader(k, v)));
        return out;
    }

    /** Sends and waits at most the request timeout for the whole answer, body included. */
    private HttpResponse<byte[]> exchange(HttpRequest request) {
        CompletableFuture<HttpResponse<byte[]>> pending =
                http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            return pending.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw timedOut(request, e);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new TableauConnectionException("interrupted while waiting for " + request.method() + " "
                    + request.uri(), false, e);
        } catch (ExecutionException e) {
            throw unreachable(request, e.getCause() == null ? e : e.getCause());
        }
    }

    private TableauConnectionException timedOut(HttpRequest request, Throwable cause) {
        return new TableauConnectionException("timed out after " + HumanDuration.of(requestTimeout) + " waiting for "
                + request.method() + " " + request.uri() + " — is the server overloaded or the timeout too short?",
                true, cause);
    }

    /** One line that says which server could not be reached and what to check. */
    private TableauConnectionException unreachable(HttpRequest request, Throwable failure) {
        String where = "cannot reach " + origin(request.uri()) + ": ";
        if (find(failure, HttpConnectTimeoutException.class) != null) {
            return new TableauConnectionException(where + "no connection within " + HumanDuration.of(connectTimeout)
                    + " — is the host right and reachable?", true, failure);
        }
        if (find(failure, HttpTimeoutException.class) != null) return timedOut(request, failure);
        if (find(failure, ConnectException.class) != null) {
            return new TableauConnectionException(where + "connection refused — is the server running?", false, failure);
        }
        if (find(failure, UnknownHostException.class) != null || find(failure, UnresolvedAddressException.class) != null) {
            return new TableauConnectionException(where + "unknown host " + request.uri().getHost()
                    + " — is the name spelled right?", false, failure);
        }
        SSLException tls = find(failure, SSLException.class);
        if (tls != null) {
            java.security.cert.CertificateException cert = find(failure, java.security.cert.CertificateException.class);
            if (find(failure, java.security.cert.CertPathBuilderException.class) != null
                    || find(failure, java.security.cert.CertPathValidatorException.class) != null) {
                return new TableauConnectionException(where + "its certificate is not trusted (self-signed, or "
                        + "your organisation's own CA?) — start tabhook with --cacert CA.pem", false, failure);
            }
            if (cert != null && cert.getMessage() != null && cert.getMessage().matches("(?s)No (subject alternative|name matching).*")) {
                return new TableauConnectionException(where + "its certificate is for another host name ("
                        + OneLine.of(cert.getMessage()) + ") — use the server's name as the certificate gives it", false, failure);
            }
            return new TableauConnectionException(where + "TLS failed (" + OneLine.of(tls.getMessage())
                    + ") — does the server speak https with a trusted certificate?", false, failure);
        }
        IOException io = find(failure, IOException.class);
        String why = io != null && io.getMessage() != null ? OneLine.of(io.getMessage())
                : OneLine.of(failure);
        return new TableauConnectionException(where + why, false, failure);
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) return type.cast(c);
        }
        return null;
    }

    // ---- answers ----

    /**
     * The body of a 2xx answer; any other status becomes a {@link TableauError}. A body that is neither Tableau's XML
     * nor its JSON (an HTML page, plain text) is a {@link NotTableauAnswer}.
     */
    private List<Element> success(Answer a) {
        if (!a.ok()) throw error(a);
        if (a.body().length > 0 && isPage(a)) throw notTableau(a);
        try {
            return read(a);
        } catch (MalformedBodyException e) {
            throw notTableau(a);
        }
    }

    /** An HTML page: what a web server, a proxy or a login form sends; never a Tableau REST answer. */
    private static boolean isPage(Answer a) {
        return a.contentType() != null && a.contentType().toLowerCase(Locale.ROOT).contains("html");
    }

    private NotTableauAnswer notTableau(Answer a) {
        return new NotTableauAnswer(a.method(), a.uri(), a.status(), reasonOrNull(a.status()), a.contentType(),
                a.body());
    }

    /**
     * Reads a body in the format its Content-Type names; when that is missing, unknown or wrong (a JSON body sent as
     * text/plain or even as XML), in the format the body's first character suggests.
     */
    private static List<Element> read(Answer a) {
        if (a.body().length == 0) return List.of();
        WireFormat sniffed = WireCodec.sniff(a.body());
        WireFormat declared = WireFormat.ofMediaType(a.contentType()).orElse(null);
        WireFormat first = declared != null ? declared : sniffed;
        try {
            return WireCodec.read(first, a.body());
        } catch (MalformedBodyException e) {
            if (first == sniffed) throw e;
            return WireCodec.read(sniffed, a.body());
        }
    }

    /**
     * The {@code <error>} of an answer as a {@link TableauError}; without one (a proxy's page, an empty body), a
     * {@link NotTableauAnswer} that says what came back instead.
     */
    private RuntimeException error(Answer a) {
        try {
            if (!isPage(a)) {
                Optional<Element> e = first(read(a), "error");
                if (e.isPresent()) return TableauError.fromElement(e.get(), a.status());
            }
        } catch (MalformedBodyException notTableau) {
            // said below
        }
        return notTableau(a);
    }

    private static Optional<Element> first(List<Element> body, String name) {
        return body.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    private static Element expect(List<Element> body, String name, Answer a) {
        return first(body, name).orElseThrow(() -> missing(name, a));
    }

    private static MalformedBodyException missing(String name, Answer a) {
        return new MalformedBodyException("the answer from " + a.uri() + " (HTTP " + a.status() + ") has no <"
                + name + ">" + (a.body().length == 0 ? "; it was empty" : ""));
    }

    // ---- redirects and addresses ----

    /** Where a sign-in redirect points: its Location, or the sign-in path on the host it names. */
    private URI redirectTarget(Answer a, ApiVersion v) {
        if (a.location() == null || a.location().isBlank()) throw error(a);
        URI next;
        try {
            next = a.uri().resolve(new URI(a.location().strip()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new TableauConnectionException("sign-in was redirected to an unusable Location ("
                    + OneLine.of(Secrets.redactUrl(a.location())) + "); give the final server instead", false, e);
        }
        if ("https".equalsIgnoreCase(a.uri().getScheme()) && !"https".equalsIgnoreCase(next.getScheme())) {
            throw new TableauConnectionException("refusing to follow the sign-in from " + origin(a.uri()) + " to "
                    + origin(next) + ": it would send the credentials unencrypted", false, null);
        }
        String path = next.getRawPath() == null ? "" : next.getRawPath();
        if (!path.contains("/api/")) {
            // A Location naming only the host (the pod): sign in there the same way.
            return URI.create(serverBase(next) + "/api/" + v + "/auth/signin");
        }
        return next;
    }

    /**
     * The base a server URI stands for: scheme, host, port and any path before {@code /api/}, without a trailing
     * slash. Fails with a one-line hint for anything that is not an http(s) URL.
     */
    static URI serverBase(URI uri) {
        if (uri == null || uri.getScheme() == null || uri.getHost() == null
                || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))) {
            throw new IllegalArgumentException("'" + uri + "' is not a server address; write it like "
                    + "https://tableau.example.com or http://localhost:8080");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        int api = path.indexOf("/api/");
        if (api >= 0) path = path.substring(0, api);
        while (path.endsWith("/")) path = path.substring(0, path.length() - 1);
        return URI.create(uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority() + path);
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

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

    // ---- words ----

    /** The reason phrase of a status, or null for one without a common phrase. */
    private static String reasonOrNull(int status) {
        return switch (status) {
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 307 -> "Temporary Redirect";
            case 308 -> "Permanent Redirect";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 415 -> "Unsupported Media Type";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> null;
        };
    }
}
