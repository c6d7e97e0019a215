package io.tabhook;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Closing a server: kept-alive connections with nothing to do are dropped at once (so a script's process exits
 * without waiting on them), while a request that is being handled still gets its whole answer.
 */
class BoundedServerCloseTest {
    @Test
    void aRequestBeingHandledWhenTheServerClosesStillGetsItsAnswer() throws Exception {
        CountDownLatch handling = new CountDownLatch(1);
        BoundedServer server = BoundedServer.start("close-test", InetAddress.getLoopbackAddress(), 0, new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                handling.countDown();
                Thread.sleep(200); // busy, without reading or writing, while close() runs
                response.setStatus(200);
                Content.Sink.write(response, true, "done", callback);
                return true;
            }
        });
        try (Socket idle = new Socket(InetAddress.getLoopbackAddress(), server.port());
             Socket busy = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            busy.setSoTimeout(30_000);
            idle.setSoTimeout(30_000);
            OutputStream out = busy.getOutputStream();
            out.write(("GET /work HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertTrue(handling.await(30, TimeUnit.SECONDS), "the handler started");
            CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);

            String answer = readUntilClosed(busy.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
            assertTrue(answer.endsWith("done"), answer);
            assertEquals(-1, idle.getInputStream().read(), "the idle connection was closed by the server");
            closing.get(30, TimeUnit.SECONDS);
        } finally {
            server.close();
        }
    }

    private static String readUntilClosed(InputStream in) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[1024];
        for (int n; (n = in.read(buffer)) >= 0; ) all.write(buffer, 0, n);
        return all.toString(StandardCharsets.US_ASCII);
    }
}
