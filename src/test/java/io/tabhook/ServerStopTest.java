package io.tabhook;

import io.tabhook.inbox.Inbox;
import io.tabhook.inbox.InboxOptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stopping a server ({@link BoundedServer#close}): a connection kept alive between requests is closed at once, while a
 * delivery still arriving is received and acknowledged.
 */
class ServerStopTest {
    private static final String BODY = "{\"resource\":\"WORKBOOK\",\"event_type\":\"WorkbookCreated\",\"resource_name\":\"Sales\"}";

    @Test
    void stoppingClosesKeptAliveConnectionsAndStillAcknowledgesADeliveryArriving() throws Exception {
        Inbox inbox = Inbox.start(InboxOptions.defaults());
        int port = inbox.url().getPort();
        Thread stopping = new Thread(inbox::close, "test-stopping");
        try (Socket kept = new Socket(InetAddress.getLoopbackAddress(), port);
             Socket arriving = new Socket(InetAddress.getLoopbackAddress(), port)) {
            kept.setSoTimeout(20_000);
            arriving.setSoTimeout(20_000);
            kept.getOutputStream().write((head(port, BODY.length()) + BODY).getBytes(StandardCharsets.UTF_8));
            assertTrue(answer(kept.getInputStream()).startsWith("HTTP/1.1 200 "), "a first delivery, kept alive");

            // Expect: 100-continue, so that the inbox is known to be reading this body when the stop begins
            String half = BODY.substring(0, BODY.length() / 2);
            arriving.getOutputStream().write(head(port, BODY.length()).replace("\r\n\r\n", "\r\nExpect: 100-continue\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            assertTrue(answer(arriving.getInputStream()).startsWith("HTTP/1.1 100 "), "the inbox reads the body");
            arriving.getOutputStream().write(half.getBytes(StandardCharsets.UTF_8));

            stopping.start();
            assertEquals(-1, kept.getInputStream().read(), "the idle kept-alive connection is closed by the stop");
            arriving.getOutputStream().write(BODY.substring(half.length()).getBytes(StandardCharsets.UTF_8));
            String answer = answer(arriving.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 200 "),
                    "the delivery arriving while the inbox stops is acknowledged");
            assertTrue(answer.contains("\r\nConnection: close\r\n"), "and told its connection ends: " + answer);
            stopping.join(20_000);
            assertFalse(stopping.isAlive(), "the stop ends once that delivery is answered");
            assertEquals(2, inbox.deliveries().size());
        } finally {
            inbox.close();
        }
    }

    private static String head(int port, int length) {
        return "POST /hooks HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + length + "\r\n\r\n";
    }

    /** The status line and headers of one answer, and its body by its Content-Length. */
    private static String answer(InputStream in) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        while (!got.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) break;
            got.write(b);
        }
        String head = got.toString(StandardCharsets.ISO_8859_1);
        for (String line : head.split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                in.readNBytes(Integer.parseInt(line.substring(15).strip()));
            }
        }
        return head;
    }
}
