package io.tabhook.client;

import io.tabhook.api.WireFormat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A publish's {@code multipart/mixed} body as Tableau documents it: a {@code request_payload} part, then (unless an
 * upload session holds the file) the file's part. The file is streamed from disk, a slice of it for an upload block,
 * and never read into memory.
 *
 * @param payload  the request_payload part's bytes (empty for an Append to File Upload)
 * @param filePart {@code tableau_workbook}, {@code tableau_datasource} or {@code tableau_file}; null for no file
 */
record Multipart(WireFormat format, byte[] payload, String filePart, String filename, Path file, long offset,
                 long length) {
    private static final String BOUNDARY = "tabhook-" + Long.toHexString(ThreadLocalRandom.current().nextLong());

    String contentType() {
        return "multipart/mixed; boundary=" + BOUNDARY;
    }

    HttpRequest.BodyPublisher publisher() {
        HttpRequest.BodyPublisher head = HttpRequest.BodyPublishers.ofByteArray(head());
        if (filePart == null) return head;
        HttpRequest.BodyPublisher slice = HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(this::open), length);
        return HttpRequest.BodyPublishers.concat(head, slice, HttpRequest.BodyPublishers.ofByteArray(tail()));
    }

    /** What the trace shows: the payload and the file's name and size, not its bytes. */
    String describe() {
        return new String(payload, StandardCharsets.UTF_8)
                + (filePart == null ? "" : "\n[" + filePart + ": " + filename + ", " + length + " bytes]");
    }

    private byte[] head() {
        String type = format == WireFormat.JSON ? "application/json" : "text/xml";
        StringBuilder b = new StringBuilder("--").append(BOUNDARY).append("\r\n")
                .append("Content-Disposition: name=\"request_payload\"\r\n")
                .append("Content-Type: ").append(type).append("\r\n\r\n");
        byte[] start = b.toString().getBytes(StandardCharsets.UTF_8);
        StringBuilder after = new StringBuilder("\r\n--").append(BOUNDARY);
        if (filePart == null) {
            after.append("--\r\n");
        } else {
            after.append("\r\nContent-Disposition: name=\"").append(filePart).append("\"; filename=\"")
                    .append(filename.replace("\"", "%22")).append("\"\r\n")
                    .append("Content-Type: application/octet-stream\r\n\r\n");
        }
        byte[] end = after.toString().getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[start.length + payload.length + end.length];
        System.arraycopy(start, 0, out, 0, start.length);
        System.arraycopy(payload, 0, out, start.length, payload.length);
        System.arraycopy(end, 0, out, start.length + payload.length, end.length);
        return out;
    }

    private byte[] tail() {
        return ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The slice of the file this body carries, opened when the request is sent. */
    private InputStream open() {
        try {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
            ch.position(offset);
            InputStream in = Channels.newInputStream(ch);
            return new InputStream() {
                long left = length;

                @Override
                public int read() throws IOException {
                    if (left <= 0) return -1;
                    int c = in.read();
                    if (c >= 0) left--;
                    return c;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (left <= 0) return -1;
                    int n = in.read(b, off, (int) Math.min(len, left));
                    if (n > 0) left -= n;
                    return n;
                }

                @Override
                public void close() throws IOException {
                    in.close();
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
