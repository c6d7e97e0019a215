package io.tabhook.bench;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection that writes each request in a single write and reads the response with a
 * minimal parser. The JDK's HttpClient costs more CPU per request than the server under test on two cores, so
 * the load generator would measure itself; this one stays out of the way.
 */
final class KeepAliveSender implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final byte[] head;
    private final byte[] buffer = new byte[8192];
    private byte[] request = new byte[1024];
    private int start, end; // unread response bytes in buffer

    KeepAliveSender(int port, String path) throws IOException {
        this(port, path, 30_000);
    }

    /** @param timeoutMillis how long a response may take before {@link #post} throws SocketTimeoutException */
    KeepAliveSender(int port, String path, int timeoutMillis) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(timeoutMillis);
        out = socket.getOutputStream();
        in = socket.getInputStream();
        // The headers Tableau sends (tableau-webhooks-api.md §7.1), keep-alive instead of close.
        head = ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
                + "charset: utf-8\r\nUser-Agent: TableauWebhooks/1.0\r\n"
                + "Accept: text/html, image/gif, image/jpeg, *; q=.2, */*; q=.2\r\n"
                + "Cache-Control: no-cache\r\nPragma: no-cache\r\nContent-Length: ").getBytes(StandardCharsets.US_ASCII);
    }

    /** Sends one POST and returns the response status. */
    int post(byte[] body) throws IOException {
        byte[] length = (body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        int size = head.length + length.length + body.length;
        if (request.length < size) request = new byte[size * 2];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(length, 0, request, head.length, length.length);
        System.arraycopy(body, 0, request, head.length + length.length, body.length);
        out.write(request, 0, size);
        return readResponse();
    }

    private int readResponse() throws IOException {
        int headEnd;
        while ((headEnd = find()) < 0) fill();
        int status = (buffer[start + 9] - '0') * 100 + (buffer[start + 10] - '0') * 10 + (buffer[start + 11] - '0');
        int contentLength = contentLength(start, headEnd);
        start = headEnd + 4;
        while (end - start < contentLength) fill();
        start += contentLength;
        return status;
    }

    private int find() {
        for (int i = start; i + 3 < end; i++) {
            if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n') return i;
        }
        return -1;
    }

    private int contentLength(int from, int to) {
        byte[] name = "\ncontent-length:".getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = from; i < to - name.length; i++) {
            for (int j = 0; j < name.length; j++) {
                if (Character.toLowerCase(buffer[i + j]) != name[j]) continue outer;
            }
            int k = i + name.length, n = 0;
            while (buffer[k] == ' ') k++;
            while (buffer[k] >= '0' && buffer[k] <= '9') n = n * 10 + (buffer[k++] - '0');
            return n;
        }
        return 0;
    }

    private void fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buffer.length) throw new IOException("response head larger than " + buffer.length + " bytes");
        int n = in.read(buffer, end, buffer.length - end);
        if (n < 0) throw new EOFException("server closed the connection");
        end += n;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
