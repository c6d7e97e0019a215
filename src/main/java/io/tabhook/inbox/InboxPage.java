package io.tabhook.inbox;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.tabhook.BoundedServer;
import io.tabhook.OneLine;
import io.tabhook.WebPage;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;

/**
 * The inbox's web page and the routes it reads (issue 14), all under {@link HttpReceiver#OWN_ROUTES} and behind the
 * same {@code Host}/{@code Origin} rule as the summary: the page's files, {@code stream} (server-sent events: the
 * recent deliveries, then each new one as it is journalled), {@code download} (the journal as JSON lines) and
 * {@code replay} (send one delivery again, to a URL). Each delivery travels as its journal line ({@code
 * docs/inbox.md}); the page reads it as data and never as markup.
 */
final class InboxPage implements AutoCloseable {
    static final String STREAM = HttpReceiver.OWN_ROUTES + "stream";
    static final String DOWNLOAD = HttpReceiver.OWN_ROUTES + "download";
    static final String REPLAY = HttpReceiver.OWN_ROUTES + "replay";
    private static final Set<String> FILES = Set.of("page.css", "page.js", "inbox.js");
    /** Deliveries a page is sent when it opens (or reconnects); older ones are in the download. */
    static final int SHOWN_ON_OPEN = 200;
    /** Pages open at once; more are refused with 503 (each holds a connection, never a thread). */
    static final int MOST_STREAMS = 32;
    /** Bytes waiting for one page before it is cut off; its browser reconnects and is sent what it missed. */
    static final int STREAM_BACKLOG_BYTES = 8 * 1024 * 1024;
    /** A comment line this often keeps the connection inside the servers' 10 s idle timeout and finds closed tabs. */
    static final long HEARTBEAT_SECONDS = 4;
    private static final int REPLAY_BODY_LIMIT = 4096;

    /** Sends one delivery again; the one mechanism the shell's {@code inbox.replay} uses too. */
    @FunctionalInterface
    interface Replayer {
        /** The delivery with the replay's result as its {@link Delivery#forward()}. */
        Delivery replay(long seq, URI to) throws IOException;
    }

    private final DeliveryStore store;
    private final Subscribers subscribers;
    private final Path journal;
    private final Set<EventStream> streams = new CopyOnWriteArraySet<>();
    volatile URI url;
    volatile URI relay;
    volatile Replayer replayer;

    InboxPage(DeliveryStore store, Subscribers subscribers, Path journal) {
        this.store = store;
        this.subscribers = subscribers;
        this.journal = journal;
    }

    /** Answers {@code GET /} for a browser: the page itself. */
    void page(Response response, Callback callback) {
        WebPage.serve(response, callback, "inbox.html");
    }

    /** Answers a GET under the own prefix if it is one of the page's routes; false when it is not. */
    boolean get(String path, Request request, Response response, Callback callback) {
        if (path.equals(STREAM)) {
            stream(request, response, callback);
        } else if (path.equals(DOWNLOAD)) {
            download(response, callback);
        } else if (path.startsWith(HttpReceiver.OWN_ROUTES)
                && FILES.contains(path.substring(HttpReceiver.OWN_ROUTES.length()))) {
            WebPage.serve(response, callback, path.substring(HttpReceiver.OWN_ROUTES.length()));
        } else {
            return false;
        }
        return true;
    }

    // ---- replay ----

    /** {@code POST /_tabhook/replay {"seq":3,"to":"http://…"}}: sends delivery 3 again and answers what came of it. */
    void replay(Request request, Response response, Callback callback) {
        BoundedServer.readBody(request, REPLAY_BODY_LIMIT, (body, failure) -> {
            if (failure != null) {
                int status = BoundedServer.statusOf(failure);
                if (status == 0) {
                    callback.failed(failure);
                } else {
                    json(response, callback, status, BoundedServer.errorJson(status == 413
                            ? "a replay request is at most " + REPLAY_BODY_LIMIT + " bytes" : BoundedServer.reasonOf(failure)));
                }
                return;
            }
            long seq;
            URI to;
            try {
                JsonNode asked = Json.MAPPER.readTree(body);
                if (asked == null || !asked.isObject() || !asked.path("seq").canConvertToLong()
                        || !asked.path("to").isTextual()) {
                    throw new IllegalArgumentException("send {\"seq\":N,\"to\":\"http://host:port/path\"}");
                }
                seq = asked.get("seq").asLong();
                to = URI.create(asked.get("to").asText().strip());
            } catch (IOException | IllegalArgumentException e) {
                json(response, callback, 400, BoundedServer.errorJson("a replay takes the delivery and the URL to send "
                        + "it to: {\"seq\":N,\"to\":\"http://host:port/path\"}"));
                return;
            }
            Replayer r = replayer;
            Delivery replayed;
            try {
                if (r == null) throw new IllegalStateException("this inbox cannot replay");
                replayed = r.replay(seq, to);
            } catch (IllegalArgumentException e) {
                json(response, callback, 400, BoundedServer.errorJson(OneLine.capped(OneLine.of(e), 300)));
                return;
            } catch (IOException | RuntimeException e) {
                json(response, callback, 503, BoundedServer.errorJson("the replay failed: "
                        + OneLine.capped(OneLine.of(e), 300)));
                return;
            }
            json(response, callback, 200, replayAnswer(replayed));
        });
    }

    private static byte[] replayAnswer(Delivery d) {
        ForwardResult f = d.forward();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeBooleanField("ok", f != null && f.ok());
            g.writeNumberField("seq", d.seq());
            if (f != null) {
                g.writeStringField("to", f.target().toString());
                if (f.error() == null) g.writeNumberField("status", f.status());
                else g.writeStringField("error", f.error());
                g.writeNumberField("ms", f.millis());
                g.writeStringField("result", f.describe());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    // ---- download ----

    /** The journal as JSON lines, up to its last whole line; without a journal, the deliveries held in memory. */
    private void download(Response response, Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_DISPOSITION, "attachment; filename=\"tabhook-inbox.jsonl\"");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        WebPage.secure(response);
        String type = "application/x-ndjson";
        if (journal == null) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (Delivery d : store.deliveries()) {
                out.writeBytes(d.toJson().getBytes(StandardCharsets.UTF_8));
                out.write('\n');
            }
            BoundedServer.answer(response, callback, 200, type, out.toByteArray(), false);
            return;
        }
        long length;
        try {
            length = wholeLines(journal);
        } catch (IOException e) {
            json(response, callback, 503, BoundedServer.errorJson("the journal could not be read: " + OneLine.of(e)));
            return;
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, length);
        // Copied as the browser takes it, without holding a thread while it waits.
        Content.copy(Content.Source.from(journal, 0, length), response, callback);
    }

    /** The journal's length up to its last newline: a line being appended right now is left for the next download. */
    static long wholeLines(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long end = f.length();
            byte[] chunk = new byte[64 * 1024];
            while (end > 0) {
                int n = (int) Math.min(chunk.length, end);
                f.seek(end - n);
                f.readFully(chunk, 0, n);
                for (int i = n - 1; i >= 0; i--) if (chunk[i] == '\n') return end - n + i + 1;
                end -= n;
            }
            return 0;
        }
    }

    // ---- stream ----

    private void stream(Request request, Response response, Callback callback) {
        if (streams.size() >= MOST_STREAMS) {
            json(response, callback, 503, BoundedServer.errorJson("more than " + MOST_STREAMS + " pages are open on "
                    + "this inbox; close one and reload"));
            return;
        }
        long after = 0;
        String last = request.getHeaders().get("Last-Event-ID");
        if (last != null) {
            try {
                after = Long.parseLong(last.strip());
            } catch (NumberFormatException ignored) {
                // not one of ours: send the recent ones
            }
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream;charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        WebPage.secure(response);
        EventStream s = new EventStream(response, callback, request.getComponents().getScheduler());
        streams.add(s);
        s.open(after);
    }

    /**
     * One open page: the deliveries it has not seen, then each new one. The listener only queues (it runs on its
     * listener thread); bytes go out one write at a time as the connection takes them. A page that falls
     * {@link #STREAM_BACKLOG_BYTES} behind is cut off: its browser reconnects with the last seq it got.
     */
    private final class EventStream implements InboxListener {
        private final Response response;
        private final Callback callback;
        private final Scheduler scheduler;
        private final Object lock = new Object();
        private final List<Delivery> early = new ArrayList<>();
        private final ByteArrayOutputStream queued = new ByteArrayOutputStream();
        private boolean opened;
        private long highWater;
        private boolean writing;
        private boolean ended;    // nothing more is queued
        private boolean finished; // the response is ended
        private AutoCloseable listening;
        private Scheduler.Task heartbeat;

        EventStream(Response response, Callback callback, Scheduler scheduler) {
            this.response = response;
            this.callback = callback;
            this.scheduler = scheduler;
        }

        /** Listens first, then sends what is held: a delivery committed in between is neither lost nor sent twice. */
        void open(long after) {
            listening = subscribers.listen(this);
            DeliveryStore.Recent recent = store.recent(SHOWN_ON_OPEN);
            synchronized (lock) {
                queue(("retry: 1000\nevent: hello\ndata: " + hello(recent) + "\n\n").getBytes(StandardCharsets.UTF_8));
                highWater = after;
                for (Delivery d : recent.last()) queueDelivery(d);
                for (Delivery d : early) queueDelivery(d);
                early.clear();
                queue("event: live\ndata: {}\n\n".getBytes(StandardCharsets.US_ASCII)); // what follows is new
                opened = true;
            }
            flush();
            beatLater();
        }

        private String hello(DeliveryStore.Recent recent) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
                g.writeStartObject();
                g.writeStringField("inbox", String.valueOf(url));
                if (relay != null) g.writeStringField("relay", relay.toString());
                g.writeNumberField("count", recent.count());
                g.writeNumberField("shownOnOpen", SHOWN_ON_OPEN);
                g.writeBooleanField("journal", journal != null);
                g.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toString(StandardCharsets.UTF_8);
        }

        /**
         * The inbox skipped this page's notices (its listener queue was full): end the stream, and the browser
         * reconnects with the last seq it got and is sent what it missed from memory.
         */
        @Override
        public void skipped(Skipped s) {
            scheduler.schedule(() -> end(new IOException("the page fell behind: " + s.describe())), 0,
                    TimeUnit.MILLISECONDS);
        }

        @Override
        public void delivered(Delivery d) {
            synchronized (lock) {
                if (ended) return;
                if (!opened) {
                    early.add(d);
                    return;
                }
                queueDelivery(d);
            }
            flush();
        }

        private void queueDelivery(Delivery d) {
            if (d.seq() <= highWater) return;
            highWater = d.seq();
            queue(("id: " + d.seq() + "\nevent: delivery\ndata: " + d.toJson() + "\n\n")
                    .getBytes(StandardCharsets.UTF_8));
            if (d.forward() != null) queueForward(d);
        }

        /** What the forward target made of a delivery the page has: {@code {"seq":N,"ok":true,"result":"…"}}. */
        private void queueForward(Delivery d) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
                g.writeStartObject();
                g.writeNumberField("seq", d.seq());
                g.writeBooleanField("ok", d.forward().ok());
                g.writeStringField("result", d.forward().describe());
                g.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            queue(("event: forward\ndata: " + out.toString(StandardCharsets.UTF_8) + "\n\n")
                    .getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void forwarded(Delivery d) {
            synchronized (lock) {
                if (ended || !opened || d.seq() > highWater) return; // the delivery itself brings it
                queueForward(d);
            }
            flush();
        }

        private void queue(byte[] event) {
            if (queued.size() + (long) event.length > STREAM_BACKLOG_BYTES) {
                scheduler.schedule(() -> end(new IOException("the page fell behind")), 0, TimeUnit.MILLISECONDS);
                ended = true;
                return;
            }
            queued.writeBytes(event);
        }

        private void flush() {
            ByteBuffer out;
            synchronized (lock) {
                if (writing || ended || queued.size() == 0) return;
                writing = true;
                out = ByteBuffer.wrap(queued.toByteArray());
                queued.reset();
            }
            response.write(false, out, Callback.from(() -> {
                synchronized (lock) {
                    writing = false;
                }
                flush();
            }, this::end));
        }

        private void beatLater() {
            synchronized (lock) {
                if (!ended) heartbeat = scheduler.schedule(this::beat, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
            }
        }

        private void beat() {
            synchronized (lock) {
                if (ended) return;
                if (!writing && queued.size() == 0) queue(":\n\n".getBytes(StandardCharsets.US_ASCII));
            }
            flush();
            beatLater();
        }

        /** Stops listening and ends the response: normally when the inbox closes, with the failure when the page went. */
        void end(Throwable failure) {
            boolean midWrite;
            synchronized (lock) {
                if (finished) return;
                finished = true;
                ended = true;
                midWrite = writing;
                if (heartbeat != null) heartbeat.cancel();
            }
            streams.remove(this);
            try {
                if (listening != null) listening.close();
            } catch (Exception ignored) {
                // a listener handle's close does not fail
            }
            if (failure == null && !midWrite) {
                response.write(true, null, callback);
            } else {
                callback.failed(failure != null ? failure : new IOException("the inbox is closing"));
            }
        }
    }

    /** Ends every open page's stream, so the server stops at once instead of waiting for them. */
    @Override
    public void close() {
        for (EventStream s : streams) s.end(null);
    }

    private static void json(Response response, Callback callback, int status, byte[] body) {
        BoundedServer.answer(response, callback, status, "application/json", body, false);
    }
}
