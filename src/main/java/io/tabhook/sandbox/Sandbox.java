package io.tabhook.sandbox;

import io.tabhook.DaemonThreads;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A running Tableau REST emulator: {@code /api/{version}/…} as Tableau answers it, the demo sites of {@link Demo},
 * activity that fires webhook events, and the delivery engine that POSTs them.
 */
public final class Sandbox implements AutoCloseable {
    private final SandboxOptions options;
    private final HttpServer server;
    private final ExecutorService executor;
    private final SiteModel model;
    private final DeliveryEngine engine;
    private final Activity activity;
    private final FileUploads uploads;
    private final URI baseUrl;

    private Sandbox(SandboxOptions options) throws IOException {
        this.options = options;
        Clock clock = Clock.systemUTC();
        this.model = SiteModel.demo(clock);
        this.engine = new DeliveryEngine(model, options);
        Sessions sessions = new Sessions(clock, options.tokenTtl());
        RestApi api = new RestApi(model, sessions, options.maxBodyBytes());
        new WebhookEndpoints(model, engine).register(api);
        this.activity = new Activity(model, engine);
        JobEndpoints jobs = new JobEndpoints(model, activity);
        jobs.register(api);
        new ContentEndpoints(model, activity, jobs).register(api);
        new UserEndpoints(model, activity, sessions).register(api);
        new SiteEndpoints(model, activity, sessions).register(api);
        new DataQualityWarningEndpoints(model, activity).register(api);
        new ProjectEndpoints(model).register(api);
        this.uploads = new FileUploads();
        new PublishEndpoints(model, activity, uploads, options.maxBodyBytes()).register(api);

        InetAddress address;
        try {
            address = InetAddress.getByName(options.bind());
            this.server = HttpServer.create(new InetSocketAddress(address, options.port()), 0);
        } catch (IOException e) {
            engine.close();
            uploads.close();
            throw new IOException("cannot listen on " + options.bind() + ":" + options.port() + ": " + e.getMessage(), e);
        }
        // One thread per request, so a client that sends slowly holds up only itself.
        this.executor = Executors.newCachedThreadPool(DaemonThreads.named("sandbox-http"));
        server.setExecutor(executor);
        server.createContext("/api/", api);
        server.createContext("/sandbox", new ControlApi(model, activity, engine.log(), options, this::baseUrl));
        server.createContext("/", new FallbackHandler());
        server.start();
        String host = address.getHostAddress();
        if (host.contains(":")) host = "[" + host + "]";
        this.baseUrl = URI.create("http://" + host + ":" + server.getAddress().getPort());
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
        server.stop(0);
        executor.shutdownNow();
        engine.close();
        uploads.close();
    }
}
