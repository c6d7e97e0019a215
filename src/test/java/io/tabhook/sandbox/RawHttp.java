package io.tabhook.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * One HTTP/1.1 request over a plain socket, its body written by another thread while the answer is read, so a test
 * can send a body slowly, pause it, or send more than the server will read (the server may answer and close
 * before the body is done; write errors are then expected and ignored).
 */
final class RawHttp {
    private RawHttp() {}

    record Answer(int status, String text) {}

    /**
     * Sends {@code method path} with the given headers (Content-Length included if the test wants one) and streams
     * {@code body}; returns the status and the whole answer as text.
     */
    static Answer send(URI base, String method, String path, String headers, InputStream body) {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\n"
                    + headers + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Thread writer = new Thread(() -> {
                try (body) {
                    body.transferTo(out);
                    out.flush();
                } catch (IOException e) {
                    // the server answered and closed before taking the whole body
                }
            }, "raw-http-body");
            writer.setDaemon(true);
            writer.start();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            int status = Integer.parseInt(answer.substring(9, 12));
            return new Answer(status, answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A stream made as it is read: only {@code read(byte[], int, int)} is written out. */
    private abstract static class Made extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public abstract int read(byte[] b, int off, int len) throws IOException;
    }

    /** {@code head}, then {@code size} bytes of filler, then {@code tail}, made as they are read. */
    static InputStream generated(byte[] head, long size, byte[] tail) {
        return new Made() {
            long at;
            final long total = head.length + size + tail.length;

            @Override
            public int read(byte[] b, int off, int len) {
                if (at >= total) return -1;
                int n = (int) Math.min(len, total - at);
                for (int i = 0; i < n; i++, at++) {
                    long p = at;
                    b[off + i] = p < head.length ? head[(int) p]
                            : p < head.length + size ? (byte) 'x' : tail[(int) (p - head.length - size)];
                }
                return n;
            }
        };
    }

    /** A body that stops after {@code first} bytes until {@code go} is counted down, then sends the rest. */
    static InputStream pausing(byte[] body, int first, CountDownLatch go) {
        return new Made() {
            int at;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (at >= body.length) return -1;
                if (at == first) {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted");
                    }
                }
                int end = at < first ? first : body.length;
                int n = Math.min(len, end - at);
                System.arraycopy(body, at, b, off, n);
                at += n;
                return n;
            }
        };
    }

    /** HTTP/1.1 chunked framing around a stream (256 KiB chunks), so the server sees no Content-Length. */
    static InputStream chunked(InputStream in) {
        return new Made() {
            byte[] current = new byte[0];
            int at;
            boolean last;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (at >= current.length && !refill()) return -1;
                int n = Math.min(len, current.length - at);
                System.arraycopy(current, at, b, off, n);
                at += n;
                return n;
            }

            private boolean refill() throws IOException {
                if (last) return false;
                byte[] data = in.readNBytes(256 * 1024);
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                out.writeBytes((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.writeBytes(data);
                out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                if (data.length == 0) {
                    last = true;
                    out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
                current = out.toByteArray();
                at = 0;
                return true;
            }
        };
    }
}
