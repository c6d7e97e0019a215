package io.tabhook.sandbox;

import io.tabhook.BoundedServer;
import io.tabhook.HostAndOrigin;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;

/**
 * A running Tableau REST emulator: {@code /api/{version}/…} as Tableau answers it, the demo sites of {@link Demo},
 * activity that fires webhook events, and the delivery engine that POSTs them.
 */
public final class Sandbox implements AutoCloseable {
    private final SandboxOptions options;
    private final BoundedServer server;
    private final SiteModel model;
    private final DeliveryEngine engine;
    private final Activity activity;
    private final FileUploads uploads;
    private final RestApi api;
    private final URI baseUrl;

    private Sandbox(SandboxOptions options) throws IOException {
        this.options = options;
        Clock clock = Clock.systemUTC();
        this.model = SiteModel.demo(clock);
        this.engine = new DeliveryEngine(model, options);
        Sessions sessions = new Sessions(clock, options.tokenTtl());
        RestApi api = new RestApi(model, sessions, options.maxBodyBytes());
        this.api = api;
        api.faults(options.faults().seeded());
        new WebhookEndpoints(model, engine).register(api);
        this.activity = new Activity(model, engine);
        JobEndpoints jobs = new JobEndpoints(model, activity);
        jobs.register(api);
        new ContentEndpoints(model, activity, jobs, this::baseUrl).register(api);
        new UserEndpoints(model, activity, sessions).register(api);
        new SiteEndpoints(model, activity, sessions).register(api);
        new DataQualityWarningEndpoints(model, activity).register(api);
        new ProjectEndpoints(model).register(api);
        this.uploads = new FileUploads();
        new PublishEndpoints(model, activity, uploads, options.maxBodyBytes()).register(api);

        ControlApi control = new ControlApi(model, activity, engine.log(), options, this::baseUrl);
        Routes routes = new Routes(api, control, new FallbackHandler(), options.movedTo());
        InetAddress address;
        try {
            address = InetAddress.getByName(options.bind());
            this.server = BoundedServer.start("sandbox-http", address, options.port(), routes);
        } catch (IOException e) {
            engine.close();
            uploads.close();
            String problem = "cannot listen on " + options.bind() + ":" + options.port() + " (" + e.getMessage() + ")";
            if (e instanceof java.net.BindException) {
                throw new java.net.BindException(problem + "; is another sandbox running? try another --port, or 0 for any free one");
            }
            throw new IOException(problem, e);
        }
        routes.pages = HostAndOrigin.of(address, server.port());
        String host = address.getHostAddress();
        if (host.contains(":")) host = "[" + host + "]";
        this.baseUrl = URI.create("http://" + host + ":" + server.port());
    }

    /**
     * Every request, by path: {@code /api/} the REST API (or, on a site that moved, a 301 to the same path on the new
     * server), {@code /sandbox} the control endpoint, anything else 404. Each must name this sandbox in its
     * {@code Host} and, when it changes something, carry no other site's {@code Origin} ({@link HostAndOrigin}): a web
     * page the user visits cannot drive the sandbox.
     */
    private static final class Routes extends Handler.Abstract {
        private final RestApi api;
        private final ControlApi control;
        private final FallbackHandler fallback;
        private final String movedTo;
        volatile HostAndOrigin pages;

        Routes(RestApi api, ControlApi control, FallbackHandler fallback, URI movedTo) {
            this.api = api;
            this.control = control;
            this.fallback = fallback;
            this.movedTo = movedTo == null ? null : movedTo.toString().replaceAll("/+$", "");
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            HostAndOrigin rule = pages;
            var refused = rule == null ? Optional.of(new HostAndOrigin.Refusal(503, "the sandbox is starting"))
                    : rule.check(request.getMethod(), request.getHeaders().get(HttpHeader.HOST),
                    request.getHeaders().get(HttpHeader.ORIGIN));
            if (refused.isPresent()) {
                BoundedServer.answer(response, callback, refused.get().status(), "application/json",
                        BoundedServer.errorJson(refused.get().message()), false);
                return true;
            }
            String path = request.getHttpURI().getPath();
            if (path.startsWith("/api/") && movedTo != null) {
                String query = request.getHttpURI().getQuery();
                response.getHeaders().put(HttpHeader.LOCATION, movedTo + path + (query == null ? "" : "?" + query));
                BoundedServer.answer(response, callback, 301, null, new byte[0], false);
                return true;
            }
            if (path.startsWith("/api/")) return api.handle(request, response, callback);
            if (path.startsWith("/sandbox")) return control.handle(request, response, callback);
            return fallback.handle(request, response, callback);
        }
    }

    /** Starts a sandbox; with {@link SandboxOptions#defaults()} on a free loopback port. */
    public static Sandbox start(SandboxOptions options) throws IOException {
        return new Sandbox(options);
    }

    /** Where it listens, without a trailing slash: {@code http://127.0.0.1:PORT}. */
    public URI baseUrl() {
        return baseUrl;
    }

    public SandboxOptions options() {
        return options;
    }

    /**
     * What goes wrong on the REST routes from now on ({@link Faults#OFF}: nothing); without a seed one is picked.
     * The control routes ({@code /sandbox}) never fail on purpose.
     *
     * @return the faults as they now run, seed included (so a run can be repeated)
     */
    public Faults faults(Faults faults) {
        Faults seeded = faults.seeded();
        api.faults(seeded);
        return seeded;
    }

    /** What goes wrong on the REST routes now, seed included. */
    public Faults faults() {
        return api.faults();
    }

    /** Makes webhook events happen on the sandbox's sites. */
    public Activity activity() {
        return activity;
    }

    /** What the delivery engine did and is doing. */
    public DeliveryLog deliveries() {
        return engine.log();
    }

    /** The LUID of a site by its contentUrl ("" for Default), as a sign-in would report it. */
    public Optional<String> siteId(String contentUrl) {
        return model.siteByContentUrl(contentUrl).map(SiteModel.Site::id);
    }

    /**
     * The site model itself, for tests in this package that must seed what the REST API refuses to create (a webhook
     * to a plain-http host elsewhere, as an older server may have kept one).
     */
    SiteModel model() {
        return model;
    }

    /**
     * Where published files wait on disk while they arrive: a single request's file until its publish is done, an
     * upload session's blocks until a publish commits them. Made on first use, removed by {@link #close()}.
     */
    public java.nio.file.Path spoolDirectory() {
        return uploads.directory();
    }

    /** Stops the server and the delivery engine at once; pending retries are dropped, spooled files deleted. */
    @Override
    public void close() {
        server.close();
        engine.close();
        uploads.close();
    }
}
