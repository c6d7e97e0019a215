package io.tabhook.inbox;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tabhook.BoundedServer;
import io.tabhook.HostAndOrigin;
import io.tabhook.WebPage;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The inbox's HTTP side, over {@link BoundedServer} (Jetty; the only part of the inbox that knows it): every POST
 * outside {@link #OWN_ROUTES} is an {@link Arrival} handed to the {@link DeliveryStore}, answered 200 once the store
 * has journalled it, from any sender and with any {@code Host}. Everything else is the inbox's own and answers only a
 * request that names this inbox ({@link HostAndOrigin}): {@code GET /} from a browser the page ({@link InboxPage}, with
 * its stream, download and replay), any other GET a summary, HEAD and OPTIONS what HTTP expects, anything else 405.
 */
final class HttpReceiver implements AutoCloseable {
    /** The inbox's own routes live under this path, so no delivery path is mistaken for one (docs/inbox.md). */
    static final String OWN_ROUTES = "/_tabhook/";
    static final String SUMMARY = OWN_ROUTES + "summary";
    private static final int SUMMARY_LAST = 10;
    private static final String ALLOW = "GET, HEAD, POST, OPTIONS";
    private static final String JSON = "application/json";

    private final BoundedServer server;
    private final InetSocketAddress address;
    private final URI url;
    private final Routes routes;

    private HttpReceiver(BoundedServer server, InetSocketAddress address, URI url, Routes routes) {
        this.server = server;
        this.address = address;
        this.url = url;
        this.routes = routes;
    }

    /**
     * Binds the port; {@link #start()} then starts taking deliveries (until then they are answered 503, so a
     * forwarder set up in between misses none).
     *
     * @throws BindException when the port is taken, with what to do about it
     */
    static HttpReceiver bind(InboxOptions options, DeliveryStore store, Subscribers subscribers) throws IOException {
        InetAddress host = InetAddress.getByName(options.bind());
        Routes routes = new Routes(store, options.maxBodyBytes(), new InboxPage(store, subscribers, options.journal()));
        BoundedServer server;
        try {
            server = BoundedServer.start("tabhook-inbox", host, options.port(), routes);
        } catch (BindException e) {
            throw new BindException("cannot listen on " + options.bind() + ":" + options.port() + " ("
                    + e.getMessage() + "); is another inbox running? try another --port, or 0 for any free one");
        }
        int port = server.port();
        URI url = urlOf(options.bind(), port);
        routes.url = url;
        routes.page.url = url;
        routes.pages = HostAndOrigin.of(host, port);
        return new HttpReceiver(server, new InetSocketAddress(host, port), url, routes);
    }

    void start() {
        routes.started = true;
    }

    /** The relay's public address for this inbox, shown on the page beside its own; null for none. */
    void relayAddress(URI relay) {
        routes.page.relay = relay;
    }

    /** How the page's replay sends a delivery again. */
    void replayWith(InboxPage.Replayer replayer) {
        routes.page.replayer = replayer;
    }

    /** The address bound, as the user named it, with the actual port. */
    InetSocketAddress address() {
        return address;
    }

    /** {@code http://127.0.0.1:PORT/}; a wildcard bind is reached on loopback. */
    URI url() {
        return url;
    }

    /**
     * Stops answering; requests already being handled get up to two seconds. A journal write is never interrupted
     * before that: a thread interrupted in the middle of one closes the journal's channel for everyone.
     */
    @Override
    public void close() {
        routes.page.close();
        server.close();
    }

    /** The routes: deliveries, and the inbox's own. */
    private static final class Routes extends Handler.Abstract {
        private final DeliveryStore store;
        private final long maxBody;
        private final InboxPage page;
        volatile URI url;
        volatile HostAndOrigin pages;
        volatile boolean started;

        Routes(DeliveryStore store, long maxBody, InboxPage page) {
            this.store = store;
            this.maxBody = maxBody;
            this.page = page;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String method = request.getMethod();
            String path = request.getHttpURI().getPath();
            boolean own = path.startsWith(OWN_ROUTES);
            if (!started) {
                respond(response, callback, 503, BoundedServer.errorJson("the inbox is starting; please retry"));
                return true;
            }
            if (method.equals("POST") && !own) {
                receive(request, response, callback);
                return true;
            }
            var refused = pages.check(method, request.getHeaders().get(HttpHeader.HOST),
                    request.getHeaders().get(HttpHeader.ORIGIN));
            if (refused.isPresent()) {
                BoundedServer.answer(response, callback, refused.get().status(), JSON,
                        BoundedServer.errorJson(refused.get().message()), false);
                return true;
            }
            if (method.equals("POST") && path.equals(InboxPage.REPLAY)) {
                page.replay(request, response, callback);
                return true;
            }
            switch (method) {
                case "GET" -> {
                    if (path.equals("/") && WebPage.wantsPage(request.getHeaders().get(HttpHeader.ACCEPT))) {
                        page.page(response, callback);
                    } else if (own && !path.equals(SUMMARY) && !page.get(path, request, response, callback)) {
                        respond(response, callback, 404, BoundedServer.errorJson("no such route of the inbox: "
                                + "GET " + SUMMARY + " for a summary, GET / from a browser for the page; POST "
                                + "anywhere outside " + OWN_ROUTES + " to deliver"));
                    } else if (!own || path.equals(SUMMARY)) {
                        respond(response, callback, 200, summary());
                    }
                }
                case "HEAD" -> BoundedServer.answer(response, callback, 200, JSON, new byte[0], false);
                case "OPTIONS" -> {
                    response.getHeaders().put(HttpHeader.ALLOW, ALLOW);
                    BoundedServer.answer(response, callback, 204, null, new byte[0], false);
                }
                default -> {
                    response.getHeaders().put(HttpHeader.ALLOW, ALLOW);
                    respond(response, callback, 405, BoundedServer.errorJson("method " + method + " is not accepted "
                            + "here: POST a delivery (anywhere outside " + OWN_ROUTES + "), GET a summary, or POST "
                            + InboxPage.REPLAY + " to replay one"));
                }
            }
            return true;
        }

        private void receive(Request request, Response response, Callback callback) {
            Instant receivedAt = Instant.now();
            BoundedServer.readBody(request, maxBody, (body, failure) -> {
                if (failure != null) {
                    refuseBody(response, callback, failure);
                    return;
                }
                Delivery d;
                try {
                    d = store.accept(new Arrival(receivedAt, request.getMethod(), request.getHttpURI().getPathQuery(),
                            headers(request), body));
                } catch (JournalLine.TooLong e) {
                    tooLarge(response, callback, e.getMessage() + "; nothing was kept");
                    return;
                } catch (IOException e) {
                    respond(response, callback, 503, BoundedServer.errorJson("the journal could not be written ("
                            + e + "); please retry"));
                    return;
                } catch (IllegalStateException e) {
                    respond(response, callback, 503, BoundedServer.errorJson(e.getMessage()));
                    return;
                }
                respond(response, callback, 200, ("{\"ok\":true,\"seq\":" + d.seq()
                        + (d.duplicate() ? ",\"duplicateOf\":" + d.duplicateOf() : "") + "}")
                        .getBytes(StandardCharsets.US_ASCII));
            });
        }

        private void refuseBody(Response response, Callback callback, Throwable failure) {
            int status = BoundedServer.statusOf(failure);
            if (status == 413) {
                tooLarge(response, callback, "body larger than " + maxBody + " bytes; nothing was kept");
            } else if (status != 0) {
                BoundedServer.answer(response, callback, status, JSON, BoundedServer.errorJson(
                        BoundedServer.reasonOf(failure) + "; nothing was kept"), true);
            } else {
                callback.failed(failure); // the sender is gone
            }
        }

        private static void tooLarge(Response response, Callback callback, String message) {
            // Closing the connection is what stops the sender; what it still sends is not read.
            BoundedServer.answer(response, callback, 413, JSON, BoundedServer.errorJson(message), true);
        }

        /** The headers as sent (names in the sender's spelling), each name's values in order. */
        private static Map<String, List<String>> headers(Request request) {
            Map<String, List<String>> map = new HashMap<>();
            for (HttpField f : request.getHeaders()) {
                map.computeIfAbsent(f.getName(), k -> new ArrayList<>(1)).add(f.getValue());
            }
            return map;
        }

        /** {@code count}, and the last ten deliveries newest first: what a person with curl wants to see. */
        private byte[] summary() {
            DeliveryStore.Recent recent = store.recent(SUMMARY_LAST);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
                g.useDefaultPrettyPrinter();
                g.writeStartObject();
                g.writeStringField("inbox", url.toString());
                g.writeNumberField("count", recent.count());
                g.writeArrayFieldStart("last");
                List<Delivery> last = recent.last();
                for (int i = last.size() - 1; i >= 0; i--) {
                    Delivery d = last.get(i);
                    g.writeStartObject();
                    g.writeNumberField("seq", d.seq());
                    g.writeStringField("receivedAt", d.receivedAt().toString());
                    g.writeStringField("summary", d.describe());
                    if (d.payload() != null) g.writeObjectField("payload", d.payload().fields());
                    if (d.forward() != null) g.writeStringField("forward", d.forward().describe());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.write('\n');
            return out.toByteArray();
        }

        private static void respond(Response response, Callback callback, int status, byte[] body) {
            BoundedServer.answer(response, callback, status, JSON, body, false);
        }
    }

    private static URI urlOf(String bind, int port) {
        String host = bind;
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("0:0:0:0:0:0:0:0")) host = "127.0.0.1";
        if (host.contains(":") && !host.startsWith("[")) host = "[" + host + "]";
        return URI.create("http://" + host + ":" + port + "/");
    }
}
