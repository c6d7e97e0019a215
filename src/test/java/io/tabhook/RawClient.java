package io.tabhook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** HTTP/1.1 over a plain socket, for what well-behaved clients never send: any Host, slow bytes, oversized heads. */
final class RawClient {
    private RawClient() {}


    static byte[] request(String method, String path, int port, String headers, String body) {
        return request(method, path, "127.0.0.1:" + port, headers, body);
    }

    /** A request naming {@code host} in its Host header, closing the connection after the answer. */
    static byte[] request(String method, String path, String host, String headers, String body) {
        return (method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + headers
                + (body.isEmpty() ? "" : "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n")
                + "Connection: close\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
    }

    static String statusLine(int port, byte[] request) throws IOException {
        String answer = answer(port, request);
        return answer.lines().findFirst().orElse("");
    }

    /**
     * Sends {@code request} (on a thread of its own: a server that refuses a large request stops reading it) and
     * returns everything the server answers until it closes the connection, or 20 s.
     */
    static String answer(int port, byte[] request) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(20_000);
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = s.getOutputStream();
                    out.write(request);
                    out.flush();
                } catch (IOException refusedMidway) {
                    // the server answered and closed before taking it all
                }
            }, "test-raw-writer");
            writer.setDaemon(true);
            writer.start();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0 && got.size() < 100_000; ) {
                    got.write(buffer, 0, n);
                    if (complete(got.toString(StandardCharsets.ISO_8859_1))) break;
                }
            } catch (SocketTimeoutException | java.net.SocketException ended) {
                // what arrived is the answer
            }
            return got.toString(StandardCharsets.UTF_8);
        }
    }

    private static boolean complete(String answer) {
        int end = answer.indexOf("\r\n\r\n");
        if (end < 0) return false;
        for (String line : answer.substring(0, end).split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                return answer.length() - end - 4 >= Integer.parseInt(line.substring(15).strip());
            }
        }
        return false;
    }

    /** Connections that each send one more byte every 100 ms until closed: slow, never finished. */
    static final class Trickle implements AutoCloseable {
        final CountDownLatch started = new CountDownLatch(1);
        private final List<Socket> sockets = new ArrayList<>();
        private final Thread thread;
        private volatile boolean stop;
        private volatile boolean failed;

        private Trickle(int port, int count, String head) throws IOException {
            for (int i = 0; i < count; i++) {
                Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
                s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
                sockets.add(s);
            }
            thread = new Thread(this::run, "test-trickle");
            thread.setDaemon(true);
            thread.start();
        }

        static Trickle open(int port, int count, String head) throws IOException {
            return new Trickle(port, count, head);
        }

        private void run() {
            while (!stop) {
                for (Socket s : sockets) {
                    try {
                        s.getOutputStream().write('a');
                    } catch (IOException e) {
                        failed = true;
                    }
                }
                started.countDown();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        boolean stillOpen() {
            return !failed;
        }

        @Override
        public void close() throws Exception {
            stop = true;
            thread.interrupt();
            thread.join(5_000);
            for (Socket s : sockets) s.close();
            assertFalse(thread.isAlive());
        }
    }
}
