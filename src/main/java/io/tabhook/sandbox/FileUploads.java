package io.tabhook.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Published files on their way in, on disk and never whole in memory: a single request's file is spooled to a temp
 * file (deleted once the publish is done), an upload session's blocks are appended to one file until a publish
 * commits it. Everything lives in one spool directory, made on first use and removed when the sandbox stops.
 */
final class FileUploads implements AutoCloseable {
    /** Tableau's limit for a file sent in one request; larger files go through an upload session. */
    static final long SINGLE_REQUEST_LIMIT = 64L * 1024 * 1024;
    /** "A file is limited to 1000 blocks" (Append to File Upload). */
    static final int MAX_BLOCKS = 1000;

    /** One upload session: whose it is, and the file its blocks are appended to. */
    record Upload(String id, String siteId, String userId, Path file, long bytes, int blocks) {
        /** The size as Tableau reports it after an append: whole megabytes. */
        long megabytes() { return bytes / (1024 * 1024); }
    }

    /** A file over its limit; the caller answers 413. */
    static final class TooLarge extends IOException {
        TooLarge(long limit) {
            super("over " + limit + " bytes");
        }
    }

    private final Map<String, Upload> sessions = new ConcurrentHashMap<>();
    /** One lock per session, so blocks of one session append in turn while other sessions go on. */
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private volatile Path dir;

    /** The spool directory, made now if it was not yet. */
    synchronized Path directory() {
        if (dir == null) {
            try {
                dir = Files.createTempDirectory("tabhook-sandbox-uploads-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make a spool directory for published files", e);
            }
        }
        return dir;
    }

    /** Copies a part's body to a new temp file, refusing it past {@code limit} bytes (the file is then gone). */
    Path spool(InputStream body, long limit) throws IOException {
        Path file = Files.createTempFile(directory(), "publish-", ".part");
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE)) {
            copy(body, out, limit);
            return file;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** Initiate File Upload: an empty session of this user on this site. */
    Upload open(String siteId, String userId) throws IOException {
        // Shaped like Tableau's ids (observed: 7720:170fe6b1c1c7422dadff20f944d58a52-1:0).
        ThreadLocalRandom r = ThreadLocalRandom.current();
        String id = r.nextInt(1000, 10000) + ":" + SiteModel.luid().replace("-", "") + "-1:0";
        Upload u = new Upload(id, siteId, userId, Files.createTempFile(directory(), "session-", ".part"), 0, 0);
        sessions.put(id, u);
        return u;
    }

    /** The session, if it is this user's on this site. */
    Optional<Upload> find(String siteId, String userId, String id) {
        Upload u = id == null ? null : sessions.get(id.strip());
        return u != null && u.siteId().equals(siteId) && u.userId().equals(userId) ? Optional.of(u) : Optional.empty();
    }

    /**
     * Append to File Upload: adds one block (at most {@code limit} bytes) to the session's file. Blocks of one session
     * are appended one at a time, in the order they arrive.
     */
    Upload append(Upload session, InputStream block, long limit) throws IOException {
        synchronized (locks.computeIfAbsent(session.id(), k -> new Object())) {
            Upload u = sessions.get(session.id());
            if (u == null) throw new IOException("the upload session is gone");
            if (u.blocks() >= MAX_BLOCKS) throw new IllegalStateException("a file is limited to " + MAX_BLOCKS + " blocks");
            long before = Files.size(u.file());
            try (OutputStream out = Files.newOutputStream(u.file(), StandardOpenOption.APPEND)) {
                copy(block, out, limit);
            } catch (IOException | RuntimeException e) {
                truncate(u.file(), before); // a block refused half-way leaves the file as it was
                throw e;
            }
            Upload changed = new Upload(u.id(), u.siteId(), u.userId(), u.file(), Files.size(u.file()), u.blocks() + 1);
            sessions.put(u.id(), changed);
            return changed;
        }
    }

    /** A publish committed the session: it is gone, and so is its file. */
    void finish(Upload session) throws IOException {
        sessions.remove(session.id());
        locks.remove(session.id());
        Files.deleteIfExists(session.file());
    }

    /** Every spooled file and session is deleted, then the directory. */
    @Override
    public synchronized void close() {
        sessions.clear();
        locks.clear();
        if (dir == null) return;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) Files.deleteIfExists(f);
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            System.getLogger("io.tabhook.sandbox").log(System.Logger.Level.WARNING,
                    "sandbox: could not remove the spool directory " + dir + ": " + e.getMessage());
        }
    }

    private static void copy(InputStream in, OutputStream out, long limit) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buf)) >= 0; ) {
            total += n;
            if (total > limit) throw new TooLarge(limit);
            out.write(buf, 0, n);
        }
    }

    private static void truncate(Path file, long size) throws IOException {
        try (var ch = Files.newByteChannel(file, StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
    }
}
