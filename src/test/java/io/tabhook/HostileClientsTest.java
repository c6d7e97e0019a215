package io.tabhook;

import io.tabhook.inbox.Inbox;
import io.tabhook.inbox.InboxOptions;
import io.tabhook.sandbox.Sandbox;
import io.tabhook.sandbox.SandboxOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10, items 1 and 7, against both servers (the inbox and the sandbox) over real sockets: slow or stalled
 * clients never delay another's request, protocol-level bad input gets the status HTTP names for it, and many idle
 * connections never make many threads. Every load here stops by itself: the trickling threads end with the test.
 */
class HostileClientsTest {
    private static final int ORDINARY = 20;
    private final List<AutoCloseable> open = new ArrayList<>();

    /** A running server and an ordinary request a user would make of it. */
    private record Server(int port, String threadName, byte[] ordinary) {}

    private Server start(String which) throws IOException {
        if (which.equals("inbox")) {
            Inbox inbox = Inbox.start(InboxOptions.defaults());
            open.add(inbox);
            int port = inbox.url().getPort();
            return new Server(port, "tabhook-inbox", RawClient.request("POST", "/hooks", port,
                    "Content-Type: application/json\r\n",
                    "{\"resource\":\"WORKBOOK\",\"event_type\":\"WorkbookCreated\",\"resource_name\":\"Sales\"}"));
        }
        Sandbox sandbox = Sandbox.start(SandboxOptions.defaults());
        open.add(sandbox);
        int port = sandbox.baseUrl().getPort();
        return new Server(port, "sandbox-http", RawClient.request("GET", "/api/3.9/serverinfo", port, "", ""));
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) c.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"inbox", "sandbox"})
    void slowHeaderSendersDoNotDelayOrdinaryRequests(String which) throws Exception {
        Server server = start(which);
        assertOrdinaryRequestsAnsweredWhileTrickling(server, "POST / HTTP/1.1\r\nHost: 127.0.0.1:" + server.port
                + "\r\nX-Slow: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"inbox", "sandbox"})
    void slowBodySendersDoNotDelayOrdinaryRequests(String which) throws Exception {
        Server server = start(which);
        String path = which.equals("inbox") ? "/slow" : "/sandbox/sites/default/activity";
        assertOrdinaryRequestsAnsweredWhileTrickling(server, "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:"
                + server.port + "\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{\"event\":\"");
    }

    /** Two connections trickle {@code head} and more while 20 ordinary requests are all answered 200. */
    private static void assertOrdinaryRequestsAnsweredWhileTrickling(Server server, String head) throws Exception {
        try (RawClient.Trickle slow = RawClient.Trickle.open(server.port, 2, head)) {
            slow.started.await(10, TimeUnit.SECONDS);
            for (int i = 0; i < ORDINARY; i++) {
                assertTrue(RawClient.statusLine(server.port, server.ordinary).contains(" 200 "));
            }
            assertTrue(slow.stillOpen(), "the slow senders were still sending all along");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"inbox", "sandbox"})
    void aMalformedChunkSizeGets400AtOnce(String which) throws Exception {
        Server server = start(which);
        String path = which.equals("inbox") ? "/" : "/api/3.9/auth/signin";
        String answer = RawClient.answer(server.port, ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.port
                + "\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\nabc\r\n").getBytes(StandardCharsets.US_ASCII));
        assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
        // the connection (and the thread that read it) is let go: the answer ends it
        assertTrue(RawClient.statusLine(server.port, server.ordinary).contains(" 200 "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"inbox", "sandbox"})
    void aOneMegabyteHeaderGets431(String which) throws Exception {
        Server server = start(which);
        String answer = RawClient.answer(server.port, ("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + server.port + "\r\nX-Big: "
                + "b".repeat(1 << 20) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        assertTrue(answer.startsWith("HTTP/1.1 431 "), answer);
        assertTrue(answer.contains("\"error\":\"the request's headers are too large or too many"), answer);
        assertTrue(answer.length() < 1000, "the header is not echoed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"inbox", "sandbox"})
    void fiveThousandHeadersGet431(String which) throws Exception {
        Server server = start(which);
        StringBuilder head = new StringBuilder("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + server.port + "\r\n");
        for (int i = 0; i < 5_000; i++) head.append("X-").append(i).append(": v\r\n");
        byte[] request = head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
        String answer = RawClient.answer(server.port, request);
        assertTrue(answer.startsWith("HTTP/1.1 431 "), answer);
    }

    @ParameterizedTest
    @ValueSource(strings = {"inbox", "sandbox"})
    void aOneMegabyteUrlGets414(String which) throws Exception {
        Server server = start(which);
        String answer = RawClient.answer(server.port, ("GET /" + "u".repeat(1 << 20) + " HTTP/1.1\r\nHost: 127.0.0.1:"
                + server.port + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        assertTrue(answer.startsWith("HTTP/1.1 414 "), answer);
        assertTrue(answer.length() < 1000, "the URL is not echoed");
    }

    /** Item 7: 6,000 slow connections made 6,018 threads in the sandbox. Here 600, and the threads are counted. */
    @ParameterizedTest
    @ValueSource(strings = {"inbox", "sandbox"})
    void manyIdleConnectionsMakeNoMoreThreadsThanTheBound(String which) throws Exception {
        Server server = start(which);
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 600; i++) {
                Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port);
                s.getOutputStream().write(("POST / HTTP/1.1\r\nHost: 127.0.0.1:" + server.port + "\r\nX-Slow: a")
                        .getBytes(StandardCharsets.US_ASCII));
                idle.add(s);
            }
            assertTrue(RawClient.statusLine(server.port, server.ordinary).contains(" 200 "));
            long threads = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith(server.threadName)).count();
            assertTrue(threads <= BoundedServer.MAX_THREADS + 1, threads + " threads for 600 connections");
        } finally {
            for (Socket s : idle) s.close();
        }
    }
}
