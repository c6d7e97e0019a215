package io.tabhook.sandbox;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whatever a client sends, it gets a Tableau error in one piece: no stack trace, no hang. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SandboxBadInputTest {
    static final long LIMIT = 4096;
    Sandbox sandbox;
    Caller admin;

    @BeforeAll
    void start() throws IOException {
        sandbox = Sandbox.start(SandboxOptions.defaults().withMaxBodyBytes(LIMIT));
        admin = Caller.signedIn(sandbox, Demo.ADMIN_USER, Demo.ADMIN_PASSWORD, Demo.DEFAULT_SITE);
    }

    @AfterAll
    void stop() {
        sandbox.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"<tsRequest><webhook name=\"x\"", "<<<", "<tsRequest></tsResponse>", "just text"})
    void refusesMalformedXmlAs400000(String body) {
        Caller.Answer a = admin.postXml(admin.webhooks("3.9"), body);
        assertEquals(400, a.status(), a.body());
        assertEquals("400000", a.errorCode());
        assertNoStackTrace(a);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"webhook\":", "[1,2]", "{\"webhook\": nope}", "\"text\""})
    void refusesMalformedJsonAs400000InJson(String body) {
        Caller.Answer a = admin.postJson(admin.webhooks("3.9"), body);
        assertEquals(400, a.status(), a.body());
        assertEquals("400000", a.errorCode());
        assertTrue(a.json().get("error").get("code").isTextual());
        assertNoStackTrace(a);
    }

    @Test
    void refusesAnXmlRequestWhoseRootIsNotTsRequestAndTakesItWithTableausNamespace() {
        String webhook = "<webhook name=\"rooted\" event=\"WorkbookCreated\"><webhook-destination>"
                + "<webhook-destination-http method=\"POST\" url=\"https://h.example.com\"/></webhook-destination></webhook>";
        for (String root : new String[] {"tsResponse", "request"}) {
            Caller.Answer a = admin.postXml(admin.webhooks("3.9"), "<" + root + ">" + webhook + "</" + root + ">");
            assertEquals(400, a.status(), a.body());
            assertEquals("400000", a.errorCode());
            assertTrue(a.errorDetail().contains("<tsRequest>") && a.errorDetail().contains(root), a.errorDetail());
        }
        assertFalse(admin.getXml(admin.webhooks("3.9")).body().contains("rooted"));
        assertEquals(201, admin.postXml(admin.webhooks("3.9"),
                "<tsRequest xmlns=\"http://tableau.com/api\">" + webhook + "</tsRequest>").status());
    }

    @Test
    void refusesAnEmptyBodyAs400000() {
        Caller.Answer a = admin.postXml(admin.webhooks("3.9"), "");
        assertEquals(400, a.status());
        assertEquals("400000", a.errorCode());
    }

    @Test
    void refusesADoctypeAndNeverReadsTheEntity() throws IOException {
        Path secret = Files.createTempFile("tabhook-xxe", ".txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        try {
            String body = "<?xml version=\"1.0\"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
                    + "<tsRequest><webhook name=\"&xxe;\" event=\"WorkbookCreated\"><webhook-destination>"
                    + "<webhook-destination-http method=\"POST\" url=\"https://h.example.com\"/></webhook-destination>"
                    + "</webhook></tsRequest>";
            Caller.Answer a = admin.postXml(admin.webhooks("3.9"), body);
            assertEquals(400, a.status(), a.body());
            assertEquals("400000", a.errorCode());
            assertFalse(a.body().contains("TOP-SECRET"));
            assertFalse(admin.getXml(admin.webhooks("3.9")).body().contains("TOP-SECRET"));
        } finally {
            Files.delete(secret);
        }
    }

    @Test
    void refusesABillionLaughs() {
        String body = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]>"
                + "<tsRequest><credentials name=\"&lol2;\" password=\"x\"><site contentUrl=\"\"/></credentials></tsRequest>";
        Caller.Answer a = new Caller(sandbox.baseUrl()).postXml("/api/3.9/auth/signin", body);
        assertEquals(400, a.status(), a.body());
    }

    @Test
    void refusesADeclaredHugeBodyAs413WithoutReadingIt() throws IOException {
        try (Socket s = new Socket(sandbox.baseUrl().getHost(), sandbox.baseUrl().getPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST " + admin.webhooks("3.9") + " HTTP/1.1\r\nHost: 127.0.0.1:" + sandbox.baseUrl().getPort()
                    + "\r\nContent-Type: application/xml\r\n"
                    + "X-Tableau-Auth: " + admin.token + "\r\nContent-Length: 50000000\r\n\r\n<tsRequest>")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = readHead(s.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        }
    }

    @Test
    void refusesAChunkedBodyOverTheLimitAs413() throws Exception {
        byte[] big = ("<tsRequest><webhook name=\"" + "x".repeat((int) LIMIT) + "\"/></tsRequest>")
                .getBytes(StandardCharsets.UTF_8);
        HttpRequest req = HttpRequest.newBuilder(sandbox.baseUrl().resolve(admin.webhooks("3.9")))
                .header("X-Tableau-Auth", admin.token).header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build();
        HttpResponse<String> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(req, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, r.statusCode(), r.body());
        assertTrue(r.body().contains("413000"));
    }

    @Test
    void aClientThatSendsSlowlyDoesNotHoldUpOthers() throws IOException {
        try (Socket slow = new Socket(sandbox.baseUrl().getHost(), sandbox.baseUrl().getPort())) {
            OutputStream out = slow.getOutputStream();
            out.write(("POST /api/3.9/auth/signin HTTP/1.1\r\nHost: 127.0.0.1:" + sandbox.baseUrl().getPort()
                    + "\r\nContent-Type: application/xml\r\n"
                    + "Content-Length: 1000\r\n\r\n<tsRequest>").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // the slow client never finishes; everyone else is still served
            for (int i = 0; i < 5; i++) {
                assertEquals(200, new Caller(sandbox.baseUrl()).getXml("/api/3.9/serverinfo").status());
            }
            assertEquals(200, admin.getXml(admin.webhooks("3.9")).status());
        }
    }

    @Test
    void refusesABadContentLengthWithoutAStackTrace() throws IOException {
        try (Socket s = new Socket(sandbox.baseUrl().getHost(), sandbox.baseUrl().getPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("POST /api/3.9/auth/signin HTTP/1.1\r\nHost: 127.0.0.1:" + sandbox.baseUrl().getPort()
                    + "\r\nContent-Length: lots\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = readHead(s.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        }
    }

    @Test
    void answersOddShapesWithAClearError() {
        String[] bodies = {
                "<tsRequest><webhook name=\"x\"><webhook-source/></webhook></tsRequest>",
                "<tsRequest><webhook name=\"x\" event=\"WorkbookCreated\" isEnabled=\"maybe\"><webhook-destination>"
                        + "<webhook-destination-http url=\"https://h.example.com\"/></webhook-destination></webhook></tsRequest>",
                "<tsRequest><webhook name=\"x\" event=\"WorkbookCreated\"><webhook-destination>"
                        + "<webhook-destination-http method=\"GET\" url=\"https://h.example.com\"/></webhook-destination>"
                        + "</webhook></tsRequest>",
                "<tsRequest><webhook name=\"x\"><webhook-source><WorkbookCreated/></webhook-source></webhook></tsRequest>",
                "{\"webhook\":{\"name\":{\"nested\":1},\"event\":[1,2]}}",
        };
        for (String body : bodies) {
            Caller.Answer a = admin.send("POST", admin.webhooks("3.9"), body);
            assertEquals(400, a.status(), body + " → " + a.body());
            assertEquals("400000", a.errorCode(), body);
            assertNoStackTrace(a);
        }
        Caller.Answer signin = new Caller(sandbox.baseUrl()).postXml("/api/3.9/auth/signin",
                "<tsRequest><credentials/></tsRequest>");
        assertEquals(400, signin.status(), signin.body());
    }

    @Test
    void answersAnEncodedOrStrangePathWithoutFailing() {
        for (String path : new String[] {"/api/3.9/sites/%20x/webhooks", "/api/3.9/sites//webhooks",
                "/api/3.9/sites/" + admin.siteId + "/webhooks/%2e%2e/test", "/api/3.9/../3.9/serverinfo"}) {
            Caller.Answer a = admin.getXml(path);
            assertTrue(a.status() == 404 || a.status() == 400 || a.status() == 200, path + " → " + a);
            assertNoStackTrace(a);
        }
    }

    private static void assertNoStackTrace(Caller.Answer a) {
        assertFalse(a.body().contains("Exception"), a.body());
        assertFalse(a.body().contains("\tat "), a.body());
        assertFalse(a.body().contains("io.tabhook"), a.body());
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            sb.append((char) c);
            if (sb.length() >= 4 && sb.substring(sb.length() - 4).equals("\r\n\r\n")) break;
        }
        return sb.toString();
    }

}
