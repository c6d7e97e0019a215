package io.tabhook.bench;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.function.IntFunction;

/**
 * Many concurrent keep-alive senders on one thread: each connection has one request in flight at a time and sends
 * the next as soon as its response is complete. One selector thread instead of one blocked thread per connection
 * keeps the generator's own CPU use and context switches low, which matters when it shares two cores with the
 * server it measures.
 */
final class LoadGenerator {
    private LoadGenerator() {}

    /**
     * Sends {@code total} POSTs over {@code connections} connections and returns the elapsed nanoseconds.
     *
     * @param body the body of request number i (0-based, across all connections)
     * @throws IOException when a response is not 200, or a connection fails
     */
    static long run(int port, int connections, int total, IntFunction<byte[]> body) throws IOException {
        return run(port, connections, total, Long.MAX_VALUE, body).nanos();
    }

    /** How far a run got: deliveries acknowledged and the nanoseconds it took. */
    record Result(int done, long nanos) {
        double perSecond() {
            return done / (nanos / 1e9);
        }
    }

    /**
     * Like {@link #run(int, int, int, IntFunction)}, but stops at {@code budgetNanos} even when the server has
     * stopped answering, and reports how many were acknowledged by then.
     */
    static Result run(int port, int connections, int total, long budgetNanos, IntFunction<byte[]> body)
            throws IOException {
        try (Selector selector = Selector.open()) {
            Sender[] senders = new Sender[connections];
            for (int c = 0; c < connections; c++) {
                SocketChannel ch = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                ch.configureBlocking(false);
                senders[c] = new Sender(ch, port);
                ch.register(selector, SelectionKey.OP_READ, senders[c]);
            }
            int sent = 0, done = 0;
            long started = System.nanoTime();
            for (Sender s : senders) {
                if (sent < total) s.send(body.apply(sent++));
            }
            while (done < total) {
                long left = budgetNanos == Long.MAX_VALUE ? 0 : budgetNanos - (System.nanoTime() - started);
                if (budgetNanos != Long.MAX_VALUE && left <= 0) break;
                selector.select(budgetNanos == Long.MAX_VALUE ? 0 : Math.max(1, left / 1_000_000));
                for (SelectionKey key : selector.selectedKeys()) {
                    Sender s = (Sender) key.attachment();
                    if (key.isWritable()) s.flush(key);
                    if (key.isValid() && key.isReadable()) {
                        int status;
                        while ((status = s.readResponse()) > 0) {
                            if (status != 200) throw new IOException("got HTTP " + status + " instead of 200");
                            done++;
                            if (sent < total) {
                                s.send(body.apply(sent++));
                                if (s.out.hasRemaining()) key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                            }
                        }
                    }
                }
                selector.selectedKeys().clear();
            }
            long elapsed = System.nanoTime() - started;
            for (Sender s : senders) s.channel.close();
            return new Result(done, elapsed);
        }
    }

    /** One connection: the request being written and the response being read. */
    private static final class Sender {
        final SocketChannel channel;
        final byte[] head;
        ByteBuffer out = ByteBuffer.allocate(0);
        final ByteBuffer in = ByteBuffer.allocate(16 * 1024);

        Sender(SocketChannel channel, int port) {
            this.channel = channel;
            this.head = ("POST /tableau HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
                    + "charset: utf-8\r\nUser-Agent: TableauWebhooks/1.0\r\n"
                    + "Accept: text/html, image/gif, image/jpeg, *; q=.2, */*; q=.2\r\n"
                    + "Cache-Control: no-cache\r\nPragma: no-cache\r\nContent-Length: ").getBytes(StandardCharsets.US_ASCII);
        }

        void send(byte[] body) throws IOException {
            byte[] length = (body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            out = ByteBuffer.allocate(head.length + length.length + body.length);
            out.put(head).put(length).put(body).flip();
            channel.write(out);
        }

        void flush(SelectionKey key) throws IOException {
            channel.write(out);
            if (!out.hasRemaining()) key.interestOps(SelectionKey.OP_READ);
        }

        /** Reads what is there; returns the status of a complete response, or 0 if none is complete yet. */
        int readResponse() throws IOException {
            if (channel.read(in) < 0) throw new EOFException("the server closed a connection");
            int end = in.position();
            int headEnd = -1;
            for (int i = 0; i + 3 < end; i++) {
                if (in.get(i) == '\r' && in.get(i + 1) == '\n' && in.get(i + 2) == '\r' && in.get(i + 3) == '\n') {
                    headEnd = i;
                    break;
                }
            }
            if (headEnd < 0) return 0;
            int length = contentLength(headEnd);
            int total = headEnd + 4 + length;
            if (end < total) return 0;
            int status = (in.get(9) - '0') * 100 + (in.get(10) - '0') * 10 + (in.get(11) - '0');
            // keep any bytes beyond this response (there are none with one request in flight, but be exact)
            in.flip().position(total);
            in.compact();
            return status;
        }

        private int contentLength(int headEnd) {
            byte[] name = "\ncontent-length:".getBytes(StandardCharsets.US_ASCII);
            outer:
            for (int i = 0; i < headEnd - name.length; i++) {
                for (int j = 0; j < name.length; j++) {
                    if (Character.toLowerCase(in.get(i + j)) != name[j]) continue outer;
                }
                int k = i + name.length, n = 0;
                while (in.get(k) == ' ') k++;
                while (in.get(k) >= '0' && in.get(k) <= '9') n = n * 10 + (in.get(k++) - '0');
                return n;
            }
            return 0;
        }
    }
}
