package io.tabhook.support;

import com.sun.net.httpserver.HttpServer;
import io.tabhook.client.TlsFixture;
import io.tabhook.dsl.Dsl;
import io.tabhook.dsl.Interpreter;
import io.tabhook.sandbox.Sandbox;
import io.tabhook.sandbox.SandboxOptions;
import io.tabhook.session.Session;
import io.tabhook.session.Settings;
import io.tabhook.support.Finding.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.tabhook.support.DoctorWordTest.assertFinding;
import static io.tabhook.support.DoctorWordTest.finding;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 13, the doctor's first checks: a server that does not answer, one that is not Tableau, one whose certificate is
 * not trusted (and, trusted with --cacert, one whose certificate ends soon), and a REST API version pinned below 3.8.
 * Each against a real server on loopback; each stops the report where going on is pointless.
 */
class DoctorServerTest {
    @TempDir
    Path dir;

    static DoctorReport doctor(Settings settings, String code) {
        Session session = new Session(settings, Duration.ofSeconds(5));
        return (DoctorReport) new Interpreter(new Dsl(session, null, null, line -> { }, Map.<String, String>of()::get))
                .evaluate(code);
    }

    @Test
    void aServerThatDoesNotAnswerFailsFirstAndNothingElseIsChecked() throws Exception {
        URI nowhere;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nowhere = URI.create("http://127.0.0.1:" + s.getLocalPort());
        }
        DoctorReport r = doctor(new Settings().server(nowhere), "doctor()");
        assertEquals(1, r.findings().size(), r.text());
        assertFinding(r.findings().get(0), Status.FAIL, "cannot reach " + nowhere + ": connection refused",
                "is the server running?");
        assertEquals(3, r.exitCode());
    }

    @Test
    void aWebServerThatIsNotTableauFailsWithWhatItSent() throws Exception {
        HttpServer web = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        web.createContext("/", exchange -> {
            byte[] page = "<html><body><h1>Welcome to nginx!</h1></body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
        });
        web.start();
        try {
            DoctorReport r = doctor(new Settings().server(URI.create("http://127.0.0.1:" + web.getAddress().getPort())),
                    "doctor()");
            assertEquals(1, r.findings().size(), r.text());
            assertFinding(finding(r, "server", "answers"), Status.FAIL,
                    "does not look like Tableau's REST API: HTTP 200, text/html, \"Welcome to nginx!\"",
                    "the server must be Tableau Server or Tableau Cloud");
        } finally {
            web.stop(0);
        }
    }

    @Test
    void anHttpsServerWithAnUntrustedCertificateFailsAndSaysToGiveItsCa() throws Exception {
        try (TlsFixture tls = TlsFixture.start(dir, "ip:127.0.0.1")) {
            DoctorReport r = doctor(new Settings().server(tls.url()), "doctor()");
            assertEquals(1, r.findings().size(), r.text());
            assertFinding(finding(r, "server", "answers"), Status.FAIL, "its certificate is not trusted",
                    "--cacert CA.pem");
        }
    }

    @Test
    void withItsCaTheCertificateIsCheckedByAHandshakeAndOneThatEndsSoonIsAWarning() throws Exception {
        try (TlsFixture tls = TlsFixture.start(dir, "ip:127.0.0.1")) {
            DoctorReport r = doctor(new Settings().server(tls.url()).caCert(tls.certificate()), "doctor()");
            assertFinding(finding(r, "server", "answers"), Status.OK, "Tableau ", null);
            assertFinding(finding(r, "server", "certificate"), Status.WARN,
                    "valid for 127.0.0.1 until ", "renew the certificate before ");
            assertFinding(finding(r, "server", "certificate"), Status.WARN, "issued by CN=tabhook-test: ends within 30 days",
                    "renew");
        }
    }

    @Test
    void aVersionPinnedBefore38IsAWarningAndWebhooksHaveNoEnabledFlag() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults())) {
            DoctorReport r = doctor(new Settings().server(sandbox.baseUrl()), """
                    signIn 'admin', 'admin', version: '3.7'
                    createWebhook name: 'old', event: 'WorkbookCreated', url: 'http://127.0.0.1:9/old'
                    doctor()""");
            assertFinding(finding(r, "server", "REST API"), Status.WARN, "3.7, pinned (the server offers 3.27): webhooks "
                    + "cannot be enabled, disabled or changed before 3.8", "pin 3.8 or later (--api-version)");
            assertFinding(finding(r, "webhook 'old'", "enabled"), Status.OK,
                    "enabled (REST API before 3.8 has no such flag)", null);
            assertEquals(1, r.exitCode(), r.text());
        }
    }
}
