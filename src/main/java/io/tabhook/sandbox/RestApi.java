package io.tabhook.sandbox;

import io.tabhook.BoundedServer;
import io.tabhook.OneLine;
import io.tabhook.api.ApiVersion;
import io.tabhook.api.Credentials;
import io.tabhook.api.Element;
import io.tabhook.api.MalformedBodyException;
import io.tabhook.api.ServerInfo;
import io.tabhook.api.SignInRequest;
import io.tabhook.api.TableauError;
import io.tabhook.api.WireCodec;
import io.tabhook.api.WireFormat;
import io.tabhook.sandbox.Faults.Fault;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Semaphore;

/**
 * {@code /api/{version}/…}: finds the route, checks version, method, token, site and role in Tableau's order, runs
 * the endpoint and writes its answer (or the error) in the format the caller asked for. With {@link RestCall}, the
 * only REST class that knows the HTTP server (Jetty): a body is read in full before the endpoint runs, without a
 * thread while it arrives, except on a {@link #streamingRoute} (publishing), which reads it as it comes; at most
 * {@link #STREAMING_AT_ONCE} of those run at a time, so slow uploads never take every thread.
 */
final class RestApi extends Handler.Abstract {
    /** Requests on streaming routes at once; more are answered 503 at once. */
    static final int STREAMING_AT_ONCE = 16;

    /** Who may call a route. SITE_* routes carry a {@code {site}} parameter that must be the token's site. */
    enum Access { PUBLIC, SIGNED_IN, SITE_MEMBER, SITE_ADMIN }

    interface Endpoint {
        Reply handle(RestCall call) throws IOException;
    }

    private record Route(String method, List<String> pattern, ApiVersion since, Access access, Endpoint endpoint,
                         boolean streams) {}

    static final ApiVersion OLDEST = new ApiVersion(2, 0);

    private final List<Route> routes = new ArrayList<>();
    private final SiteModel model;
    private final Sessions sessions;
    private final long maxBodyBytes;
    private final Semaphore streaming = new Semaphore(STREAMING_AT_ONCE);
    /** The faults' rolls, or null when nothing goes wrong on purpose. */
    private volatile Faults.Dice dice;

    RestApi(SiteModel model, Sessions sessions, long maxBodyBytes) {
        this.model = model;
        this.sessions = sessions;
        this.maxBodyBytes = maxBodyBytes;
        route("GET", "serverinfo", ApiVersion.V2_4, Access.PUBLIC, this::serverInfo); // introduced in 2.4 (Tableau 10.1)
        route("POST", "auth/signin", OLDEST, Access.PUBLIC, this::signIn);
        route("POST", "auth/signout", OLDEST, Access.SIGNED_IN, this::signOut);
    }

    /** Registers an endpoint; {@code pattern} is the path after the version, with {@code {name}} parameters. */
    void route(String method, String pattern, ApiVersion since, Access access, Endpoint endpoint) {
        routes.add(new Route(method, List.of(pattern.split("/")), since, access, endpoint, false));
    }

    /** Registers an endpoint that reads its body as it arrives ({@link RestCall#bodyStream()}), not in full first. */
    void streamingRoute(String method, String pattern, ApiVersion since, Access access, Endpoint endpoint) {
        routes.add(new Route(method, List.of(pattern.split("/")), since, access, endpoint, true));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String rawPath = request.getHttpURI().getPath();
        String resourcePath = rawPath.length() > 4 ? rawPath.substring(4) : "/";
        RestCall call = new RestCall(request, resourcePath, segments(resourcePath), maxBodyBytes);
        if (!streams(call)) {
            BoundedServer.readBody(request, maxBodyBytes, (body, failure) -> {
                int status = failure == null ? 200 : BoundedServer.statusOf(failure);
                if (status == 200 || status == 413) {
                    call.bodyRead(body, status == 413);
                    answer(call, request, response, callback);
                } else if (status == 0) {
                    callback.failed(failure); // the client went away; there is no one to answer
                } else {
                    TableauError e = status == 400 ? Refusals.badRequest(BoundedServer.reasonOf(failure))
                            : new TableauError(status, status + "000", "Request Timeout", BoundedServer.reasonOf(failure));
                    Reply reply = Reply.of(status, e.toElement());
                    reply.header("Connection", "close");
                    write(response, callback, reply, call.responseFormat(), ApiVersion.LATEST);
                }
            });
        } else if (streaming.tryAcquire()) {
            try {
                answer(call, request, response, callback);
            } finally {
                streaming.release();
            }
        } else {
            Reply reply = Reply.of(503, Refusals.unavailable(STREAMING_AT_ONCE
                    + " uploads are arriving already; retry this one in a moment.").toElement());
            reply.header("Connection", "close");
            write(response, callback, reply, call.responseFormat(), ApiVersion.LATEST);
        }
        return true;
    }

    /** True when the call names a streaming route at a version that has it. */
    private boolean streams(RestCall call) {
        List<String> segs = call.segments;
        if (segs.isEmpty() || !ApiVersion.looksLikeVersion(segs.get(0))) return false;
        List<String> rest = segs.subList(1, segs.size());
        return routes.stream().anyMatch(r -> r.streams() && r.method().equals(call.method) && matches(r.pattern(), rest));
    }

    private void answer(RestCall call, Request request, Response response, Callback callback) {
        Faults.Dice dice = this.dice;
        Fault fault = dice == null ? Fault.NONE : dice.roll(!List.of("GET", "HEAD", "OPTIONS").contains(call.method));
        Reply reply = fault.doesTheWork() ? work(call, callback) : instead(fault);
        if (reply == null) return; // no one to answer
        if (fault == Fault.SERVER_ERROR_AFTER || fault == Fault.UNAVAILABLE_AFTER) reply = instead(fault);
        WireFormat format = call.responseFormat();
        ApiVersion version = call.version == null ? ApiVersion.LATEST : call.version;
        Reply answer = reply;
        Runnable send = fault == Fault.DROPPED ? () -> dropMidAnswer(request, response, callback, answer, format, version)
                : () -> write(response, callback, answer, format, version);
        Duration latency = dice == null ? Duration.ZERO : dice.faults().latency();
        if (latency.isZero()) {
            send.run();
        } else {
            // Only the answer waits, on the JDK's one delay thread: no request thread is held for the latency.
            CompletableFuture.delayedExecutor(latency.toMillis(), TimeUnit.MILLISECONDS, Runnable::run).execute(send);
        }
    }

    /** What a fault answers instead of the call's own answer. */
    private static Reply instead(Fault fault) {
        return switch (fault) {
            case SERVER_ERROR, SERVER_ERROR_AFTER -> Reply.of(500, Refusals.internal().toElement());
            case UNAVAILABLE, UNAVAILABLE_AFTER -> Reply.of(503, Refusals.unavailable(
                    "The server is temporarily unable to handle the request; try again in a moment.").toElement());
            case RATE_LIMITED -> Reply.of(429, Refusals.tooManyRequests().toElement())
                    .header("Retry-After", String.valueOf(Faults.RETRY_AFTER_SECONDS));
            case HTML_PAGE -> Reply.htmlPage(502, PROXY_PAGE);
            case NONE, DROPPED -> throw new IllegalArgumentException(fault + " answers the call itself");
        };
    }

    /** What a proxy in front of a server says when the server behind it did not answer (nginx's page). */
    static final String PROXY_PAGE = """
            <html>
            <head><title>502 Bad Gateway</title></head>
            <body>
            <center><h1>502 Bad Gateway</h1></center>
            <hr><center>nginx</center>
            </body>
            </html>
            """;

    /** The call's own answer, or null when there is no one left to give it to. */
    private Reply work(RestCall call, Callback callback) {
        Reply reply;
        try {
            reply = dispatch(call);
        } catch (TableauError e) {
            reply = Reply.of(e.httpStatus(), e.toElement());
            if (e.httpStatus() == 413) reply.header("Connection", "close");
        } catch (MalformedBodyException e) {
            reply = Reply.of(400, Refusals.badRequest(OneLine.of(e.getMessage())).toElement());
        } catch (BoundedServer.TooSlow e) {
            reply = Reply.of(408, new TableauError(408, "408000", "Request Timeout", OneLine.of(e)).toElement());
            reply.header("Connection", "close");
        } catch (IOException e) {
            callback.failed(e); // the client went away or was too slow; there is no one to answer
            return null;
        } catch (RuntimeException e) {
            System.getLogger("io.tabhook.sandbox").log(System.Logger.Level.WARNING,
                    "sandbox: " + call.method + " " + call.resourcePath + " failed: " + OneLine.of(String.valueOf(e)));
            reply = Reply.of(500, Refusals.internal().toElement());
        }
        // an upload refused before its body was read leaves the rest of that body on the connection: close it, or a
        // client that sends its next request on the same connection reads no answer ("header parser received no bytes")
        if (reply.status() >= 400 && streams(call)) reply.header("Connection", "close");
        return reply;
    }

    private Reply dispatch(RestCall call) throws IOException {
        List<String> segs = call.segments;
        if (segs.isEmpty() || !ApiVersion.looksLikeVersion(segs.get(0))) {
            throw Refusals.unknownResource(call.resourcePath);
        }
        ApiVersion v = ApiVersion.parse(segs.get(0));
        if (v.before(OLDEST) || v.compareTo(ApiVersion.LATEST) > 0) throw Refusals.unknownResource(call.resourcePath);
        call.version = v;
        List<String> rest = segs.subList(1, segs.size());

        List<Route> matching = routes.stream().filter(r -> matches(r.pattern(), rest)).toList();
        List<Route> atVersion = matching.stream().filter(r -> v.atLeast(r.since())).toList();
        if (atVersion.isEmpty()) throw Refusals.unknownResource(call.resourcePath);
        Route route = atVersion.stream().filter(r -> r.method().equals(call.method)).findFirst().orElse(null);
        if (route == null) {
            Set<String> allowed = new LinkedHashSet<>();
            atVersion.forEach(r -> allowed.add(r.method()));
            String detail = matching.stream().filter(r -> r.method().equals(call.method)).findFirst()
                    .map(r -> call.method + " on this resource needs API " + r.since() + " or later; this call used "
                            + v + ".")
                    .orElse(null);
            TableauError e = Refusals.wrongMethod(call.method, detail);
            Reply reply = Reply.of(405, e.toElement());
            reply.header("Allow", String.join(", ", allowed));
            return reply;
        }
        for (int i = 0; i < route.pattern().size(); i++) {
            String p = route.pattern().get(i);
            if (p.startsWith("{")) call.params.put(p.substring(1, p.length() - 1), rest.get(i).toLowerCase(Locale.ROOT));
        }
        authorize(call, route.access());
        return route.endpoint().handle(call);
    }

    private void authorize(RestCall call, Access access) {
        if (access == Access.PUBLIC) return;
        String token = call.header("X-Tableau-Auth");
        if (token == null || token.isBlank()) throw Refusals.noCredentials();
        Faults.Dice d = dice;
        Sessions.SignIn session = sessions.find(token, d == null ? null : d.faults().expireTokens())
                .orElseThrow(Refusals::invalidCredentials);
        SiteModel.Site tokenSite = model.site(session.siteId()).orElseThrow(Refusals::invalidCredentials);
        SiteModel.User user = model.user(session.siteId(), session.userId()).orElseThrow(Refusals::invalidCredentials);
        call.session = session;
        call.user = user;
        call.site = tokenSite;
        if (access == Access.SIGNED_IN) return;
        String siteId = call.param("site");
        SiteModel.Site site = model.site(siteId).orElseThrow(() -> Refusals.siteNotFound(siteId));
        if (!site.id().equals(tokenSite.id())) {
            throw new TableauError(401, "401002", "Unauthorized Access",
                    "The authentication token was issued for another site; sign in to the site in the URI.");
        }
        if (access == Access.SITE_ADMIN && !user.isSiteAdmin()) {
            throw Refusals.forbidden("This method needs a site administrator; user '" + user.name() + "' is "
                    + user.siteRole() + ".");
        }
    }

    // ---- endpoints that belong to no resource ----

    private Reply serverInfo(RestCall call) {
        return Reply.of(200, new ServerInfo(Demo.PRODUCT_VERSION, Demo.BUILD, ApiVersion.LATEST).toElement());
    }

    private Reply signIn(RestCall call) throws IOException {
        Element credentials = call.element("credentials");
        SignInRequest req = SignInRequest.fromElement(credentials);
        if (credentials.first("site").isEmpty()) {
            throw Refusals.badRequest("A sign-in names its site: <site contentUrl=\"\"/> inside <credentials> "
                    + "(\"\" is the Default site), in JSON \"site\":{\"contentUrl\":\"\"}.");
        }
        if (req.kind() == SignInRequest.Kind.PERSONAL_ACCESS_TOKEN && call.version.before(ApiVersion.V3_6)) {
            throw Refusals.badRequest("Sign-in with a personal access token needs API 3.6 or later; this call used "
                    + call.version + ". Call /api/3.6/auth/signin or later.");
        }
        String contentUrl = req.siteContentUrl() == null ? "" : req.siteContentUrl();
        String failed = "Error signing in to Tableau Server";
        SiteModel.Site site = model.siteByContentUrl(contentUrl).orElseThrow(() -> Refusals.signInError(failed));
        SiteModel.User user = switch (req.kind()) {
            case PASSWORD -> model.userByName(site.id(), req.name())
                    .filter(u -> u.password() != null && u.password().equals(req.secret()))
                    .orElseThrow(() -> Refusals.signInError(failed));
            case PERSONAL_ACCESS_TOKEN -> model.token(req.name())
                    .filter(t -> t.secret().equals(req.secret()))
                    .flatMap(t -> model.userByName(site.id(), t.userName()))
                    .orElseThrow(() -> Refusals.signInError(failed));
            case JWT -> throw Refusals.signInError("The sandbox does not accept JWT (connected app) sign-in; "
                    + "use a password or a personal access token.");
        };
        if (req.impersonateUserId() != null) {
            SiteModel.User signer = user;
            user = model.user(site.id(), req.impersonateUserId().toLowerCase(Locale.ROOT))
                    .filter(u -> signer.isSiteAdmin())
                    .orElseThrow(() -> Refusals.signInError(failed));
        }
        Sessions.SignIn s = sessions.open(site.id(), user.id());
        model.recordLogin(site.id(), user.id());
        return Reply.of(200, new Credentials(s.token(), site.id(), site.contentUrl(), user.id(), null).toElement());
    }

    private Reply signOut(RestCall call) {
        sessions.close(call.session.token());
        return Reply.empty(204);
    }

    // ---- plumbing ----

    private static boolean matches(List<String> pattern, List<String> path) {
        if (pattern.size() != path.size()) return false;
        for (int i = 0; i < pattern.size(); i++) {
            String p = pattern.get(i);
            String s = path.get(i);
            if (s.isEmpty()) return false;
            if (!p.startsWith("{") && !p.equalsIgnoreCase(s)) return false;
        }
        return true;
    }

    /** Decoded path segments after {@code /api}; a trailing slash is ignored. */
    private static List<String> segments(String resourcePath) {
        List<String> out = new ArrayList<>();
        String[] parts = resourcePath.split("/", -1);
        for (int i = 1; i < parts.length; i++) {
            if (i == parts.length - 1 && parts[i].isEmpty()) break;
            try {
                out.add(URLDecoder.decode(parts[i].replace("+", "%2B"), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                out.add("");
            }
        }
        return out;
    }

    static void write(Response response, Callback callback, Reply reply, WireFormat format, ApiVersion version) {
        headers(reply, response);
        boolean close = "close".equalsIgnoreCase(reply.headers().get("Connection"));
        BoundedServer.answer(response, callback, reply.status(), contentType(reply, format), bytes(reply, format, version),
                close);
    }

    /** The reply's own headers; Connection is the server's to say ({@link BoundedServer#answer}'s close). */
    private static void headers(Reply reply, Response response) {
        reply.headers().forEach((k, val) -> {
            if (!k.equalsIgnoreCase("Connection")) response.getHeaders().put(k, val);
        });
    }

    private static String contentType(Reply reply, WireFormat format) {
        return reply.html() != null ? "text/html" : format.mediaType() + ";charset=UTF-8";
    }

    private static byte[] bytes(Reply reply, WireFormat format, ApiVersion version) {
        if (reply.html() != null) return reply.html().getBytes(StandardCharsets.UTF_8);
        return reply.body().isEmpty() ? new byte[0]
                : WireCodec.writeResponse(format, version, reply.body().toArray(Element[]::new));
    }

    /**
     * The status line, the headers and the first half of the body, then the connection closed, as a connection that
     * drops in the middle of an answer; an answer without a body gets nothing at all.
     */
    private static void dropMidAnswer(Request request, Response response, Callback callback, Reply reply,
                                      WireFormat format, ApiVersion version) {
        EndPoint connection = request.getConnectionMetaData().getConnection().getEndPoint();
        Runnable drop = () -> {
            connection.close();
            callback.failed(new EofException("dropped in the middle of the answer (--faults drop)"));
        };
        byte[] bytes = bytes(reply, format, version);
        if (bytes.length < 2) {
            drop.run();
            return;
        }
        headers(reply, response);
        response.setStatus(reply.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType(reply, format));
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(false, ByteBuffer.wrap(bytes, 0, bytes.length / 2), Callback.from(drop, callback::failed));
    }

    // ---- faults ----

    /** The faults from now on; {@link Faults#OFF} for none. */
    void faults(Faults faults) {
        dice = faults.off() ? null : new Faults.Dice(faults);
    }

    Faults faults() {
        Faults.Dice d = dice;
        return d == null ? Faults.OFF : d.faults();
    }
}
