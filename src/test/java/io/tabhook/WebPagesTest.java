package io.tabhook;

import io.tabhook.inbox.Inbox;
import io.tabhook.inbox.InboxOptions;
import io.tabhook.sandbox.Sandbox;
import io.tabhook.sandbox.SandboxOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10, item 8: web pages must not drive either server. A page in the user's browser reaches loopback; with DNS
 * rebinding its requests name the attacker's host, and a cross-site POST carries the page's Origin. Both are refused
 * on every route but the inbox's deliveries, which stay open to any sender and any Host.
 */
class WebPagesTest {
    private static final String EVIL = "http://evil.example";
    private static final String PROMOTE_VIEWER = "{\"event\":\"AdminPromoted\",\"name\":\"viewer\"}";
    private static final String DELETE_ADMIN = "{\"event\":\"UserDeleted\",\"name\":\"admin\"}";

    private Sandbox sandbox;
    private Inbox inbox;
    private int sandboxPort;
    private int inboxPort;

    @BeforeEach
    void start() throws IOException {
        sandbox = Sandbox.start(SandboxOptions.defaults());
        inbox = Inbox.start(InboxOptions.defaults());
        sandboxPort = sandbox.baseUrl().getPort();
        inboxPort = inbox.url().getPort();
    }

    @AfterEach
    void stop() {
        sandbox.close();
        inbox.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/3.9/serverinfo", "/sandbox", "/sandbox/deliveries", "/sandbox/webhooks", "/sandbox/sandbox.js", "/nowhere"})
    void aRebindingHostIsRefusedOnEverySandboxRoute(String path) throws IOException {
        String answer = RawClient.answer(sandboxPort, RawClient.request("GET", path, "evil.example:" + sandboxPort, "", ""));
        assertTrue(answer.startsWith("HTTP/1.1 421 "), answer);
        assertTrue(oneLineBody(answer).contains("Host 'evil.example:" + sandboxPort + "' is not an address this server"
                + " answers on"), answer);
        // the same request naming the sandbox is answered
        String ok = RawClient.answer(sandboxPort, RawClient.request("GET", path, sandboxPort, "", ""));
        assertFalse(ok.startsWith("HTTP/1.1 421 "), ok);
    }

    @Test
    void aRebindingHostIsRefusedOnTheSandboxRestApiWhenSignedInToo() throws IOException {
        String signIn = "<tsRequest><credentials name=\"admin\" password=\"admin\"><site contentUrl=\"\"/></credentials>"
                + "</tsRequest>";
        String answer = RawClient.answer(sandboxPort, RawClient.request("POST", "/api/3.9/auth/signin",
                "evil.example:" + sandboxPort, "Content-Type: application/xml\r\n", signIn));
        assertTrue(answer.startsWith("HTTP/1.1 421 "), answer);
        assertFalse(answer.contains("token"), "no credentials reach a rebound page");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/_tabhook/summary", "/hooks/tableau"})
    void aRebindingHostIsRefusedOnTheInboxSummary(String path) throws IOException {
        String answer = RawClient.answer(inboxPort, RawClient.request("GET", path, "evil.example:" + inboxPort, "", ""));
        assertTrue(answer.startsWith("HTTP/1.1 421 "), answer);
        assertTrue(oneLineBody(answer).contains("is not an address this server answers on"), answer);
        String ok = RawClient.answer(inboxPort, RawClient.request("GET", path, "localhost:" + inboxPort, "", ""));
        assertTrue(ok.startsWith("HTTP/1.1 200 ") && ok.contains("\"count\""), ok);
    }

    @Test
    void aForeignOriginCannotPromoteViewerOrDeleteAdminThroughTheControlEndpoint() throws IOException {
        for (String body : new String[] {PROMOTE_VIEWER, DELETE_ADMIN}) {
            String answer = RawClient.answer(sandboxPort, RawClient.request("POST", "/sandbox/sites/default/activity",
                    sandboxPort, "Content-Type: text/plain\r\nOrigin: " + EVIL + "\r\n", body));
            assertTrue(answer.startsWith("HTTP/1.1 403 "), answer);
            assertTrue(oneLineBody(answer).contains("a web page at '" + EVIL + "' may not change anything here"), answer);
        }
        // viewer is still no administrator: promoting her now works (it would be 409 had the page done it)
        assertTrue(control(PROMOTE_VIEWER, "").startsWith("HTTP/1.1 202 "));
        // and admin still signs in
        String signIn = "<tsRequest><credentials name=\"admin\" password=\"admin\"><site contentUrl=\"\"/></credentials>"
                + "</tsRequest>";
        assertTrue(RawClient.statusLine(sandboxPort, RawClient.request("POST", "/api/3.9/auth/signin", sandboxPort,
                "Content-Type: application/xml\r\n", signIn)).contains(" 200 "));
    }

    @Test
    void theSandboxsOwnOriginMayChangeThings() throws IOException {
        String answer = control(PROMOTE_VIEWER, "Origin: http://127.0.0.1:" + sandboxPort + "\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 202 "), answer);
    }

    @Test
    void aForeignOriginCannotChangeAnythingOverTheRestApi() throws IOException {
        String signIn = "<tsRequest><credentials name=\"admin\" password=\"admin\"><site contentUrl=\"\"/></credentials>"
                + "</tsRequest>";
        String answer = RawClient.answer(sandboxPort, RawClient.request("POST", "/api/3.9/auth/signin", sandboxPort,
                "Content-Type: text/plain\r\nOrigin: " + EVIL + "\r\n", signIn));
        assertTrue(answer.startsWith("HTTP/1.1 403 "), answer);
        // reading needs no Origin check (a page cannot read a cross-origin answer), only the Host one
        assertTrue(RawClient.statusLine(sandboxPort, RawClient.request("GET", "/api/3.9/serverinfo", sandboxPort,
                "Origin: " + EVIL + "\r\n", "")).contains(" 200 "));
    }

    @Test
    void aForeignOriginCannotChangeAnythingOnTheInboxsOwnRoutes() throws IOException {
        String answer = RawClient.answer(inboxPort, RawClient.request("DELETE", "/_tabhook/summary", inboxPort,
                "Origin: " + EVIL + "\r\n", ""));
        assertTrue(answer.startsWith("HTTP/1.1 403 "), answer);
    }

    @Test
    void deliveriesAreTakenWithAnyHostAndAnyOrigin() throws IOException {
        String body = "{\"resource\":\"WORKBOOK\",\"event_type\":\"WorkbookCreated\",\"resource_name\":\"Via relay\"}";
        String answer = RawClient.answer(inboxPort, RawClient.request("POST", "/hooks/tableau",
                "abc123.tunnel.example", "Content-Type: application/json\r\nOrigin: " + EVIL + "\r\n", body));
        assertTrue(answer.startsWith("HTTP/1.1 200 ") && answer.contains("\"seq\":1"), answer);
        assertEquals("Via relay", inbox.delivery(1).orElseThrow().payload().resourceName());
    }

    @Test
    void aPostUnderTheInboxsOwnPrefixIsNoDelivery() throws IOException {
        String answer = RawClient.answer(inboxPort, RawClient.request("POST", "/_tabhook/summary", inboxPort,
                "Content-Type: application/json\r\n", "{}"));
        assertTrue(answer.startsWith("HTTP/1.1 405 "), answer);
        assertTrue(inbox.deliveries().isEmpty());
        String unknown = RawClient.answer(inboxPort, RawClient.request("GET", "/_tabhook/nothing", inboxPort, "", ""));
        assertTrue(unknown.startsWith("HTTP/1.1 404 ") && unknown.contains("/_tabhook/summary"), unknown);
    }

    @Test
    void aMegabyteEventNameIsRefusedInOneShortLine() throws IOException {
        String name = "x".repeat(1_000_000); // a megabyte, within the 1 MiB body limit
        String answer = control("{\"event\":\"" + name + "\",\"name\":\"Sales\"}", "");
        assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
        String line = oneLineBody(answer);
        assertTrue(line.contains("unknown event 'xxxxxxxx") && line.contains("(1000000 characters)"), line);
        assertTrue(line.length() < 400, "the name is not echoed whole: " + line.length() + " characters");
    }

    @Test
    void aMegabyteEventNameInAWebhookIsRefusedInOneShortLine() throws IOException {
        String signIn = "<tsRequest><credentials name=\"admin\" password=\"admin\"><site contentUrl=\"\"/></credentials>"
                + "</tsRequest>";
        String signedIn = RawClient.answer(sandboxPort, RawClient.request("POST", "/api/3.9/auth/signin", sandboxPort,
                "Content-Type: application/xml\r\n", signIn));
        String token = signedIn.replaceAll("(?s).*token=\"([^\"]+)\".*", "$1");
        String site = signedIn.replaceAll("(?s).*<site id=\"([^\"]+)\".*", "$1");
        String hook = "<tsRequest><webhook name=\"big\" event=\"" + "y".repeat(1_000_000) + "\"><webhook-destination>"
                + "<webhook-destination-http method=\"POST\" url=\"https://h.example.com\"/></webhook-destination>"
                + "</webhook></tsRequest>";
        String answer = RawClient.answer(sandboxPort, RawClient.request("POST", "/api/3.9/sites/" + site + "/webhooks",
                sandboxPort, "Content-Type: application/xml\r\nX-Tableau-Auth: " + token + "\r\n", hook));
        assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
        assertTrue(answer.length() < 1500, "the event name is not echoed whole: " + answer.length() + " characters");
    }

    private String control(String body, String headers) throws IOException {
        return RawClient.answer(sandboxPort, RawClient.request("POST", "/sandbox/sites/default/activity", sandboxPort,
                "Content-Type: application/json\r\n" + headers, body));
    }

    /** The answer's body, which must be one line. */
    private static String oneLineBody(String answer) {
        String body = answer.substring(answer.indexOf("\r\n\r\n") + 4).strip();
        assertFalse(body.contains("\n"), body);
        return body;
    }
}
