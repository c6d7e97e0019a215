package io.tabhook.client;

import io.tabhook.api.ApiVersion;
import io.tabhook.api.Project;
import io.tabhook.api.SignInRequest;
import io.tabhook.api.WebhookSpec;
import io.tabhook.api.WireFormat;
import io.tabhook.client.FixtureServer.Reply;
import io.tabhook.client.FixtureServer.Seen;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.tabhook.client.FixtureServer.V3_9;
import static io.tabhook.client.FixtureServer.XML_TOKEN;
import static io.tabhook.client.FixtureServer.webhooks;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tableau Cloud moves sites between pods: every call follows a redirect, keeping what HTTP says it keeps, never
 * leaving https, and never taking the token or credentials to another domain; only a permanent one moves the session.
 */
class RedirectTest {
    private final FixtureServer server = FixtureServer.start();
    private final FixtureServer pod = FixtureServer.start();
    /** The pod by another name (localhost rather than 127.0.0.1): another domain, on this machine. */
    private final URI elsewhere = URI.create("http://localhost:" + pod.uri().getPort());
    private final List<Exchange> traced = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        server.close();
        pod.close();
    }

    private TableauClient signedIn() {
        server.answersSignIn(V3_9);
        TableauClient c = TableauClient.builder(server.uri()).version(V3_9).retries(FixtureServer.QUICK)
                .trace(traced::add).build();
        c.signIn(SignInRequest.password("admin", "s3cret", ""));
        return c;
    }

    @Test
    void aPermanentRedirectOnServerInfoIsFollowedAndTheSessionMovesThere() {
        server.on("GET", "/api/3.4/serverinfo", Reply.empty(301).header("Location", pod.uri() + "/api/3.4/serverinfo"));
        pod.onBoth("GET", "/api/3.4/serverinfo", 200, "serverinfo");
        pod.answersSignIn(new ApiVersion(3, 15));
        TableauClient client = server.client(WireFormat.XML, null);

        assertEquals("3.15", client.serverInfo().restApiVersion().toString());
        assertEquals(pod.uri(), client.server());
        client.signIn(SignInRequest.password("admin", "s3cret", ""));
        assertEquals(1, server.seen().size(), "after a 301 nothing more goes to the old address");
    }

    @Test
    void aGetAfterSignInIsRedirectedWithItsTokenOnTheSameHost() {
        TableauClient client = signedIn();
        server.on("GET", webhooks(V3_9), Reply.empty(302).header("Location", pod.uri() + webhooks(V3_9)));
        pod.onBoth("GET", webhooks(V3_9), 200, "webhooks-list");

        assertEquals(2, client.listWebhooks().size());
        assertEquals(XML_TOKEN, pod.last().header("X-Tableau-Auth"));
        assertEquals(server.uri(), client.server(), "a 302 is for this call only");
        Exchange hop = traced.get(traced.size() - 1);
        assertEquals("redirected (302) from " + server.uri() + webhooks(V3_9), hop.note());
    }

    @ParameterizedTest
    @ValueSource(ints = {307, 308})
    void aGetRedirectedToAnotherDomainGoesThereWithoutTheTokenAndTheSessionStays(int status) {
        TableauClient client = signedIn();
        server.on("GET", webhooks(V3_9), Reply.empty(status).header("Location", elsewhere + webhooks(V3_9)));
        pod.onBoth("GET", webhooks(V3_9), 200, "webhooks-list");

        client.listWebhooks();
        assertNull(pod.last().header("X-Tableau-Auth"), "the token stays with the domain it was given by");
        assertTrue(traced.get(traced.size() - 1).note().endsWith("without the token: localhost is another domain"),
                traced.get(traced.size() - 1).note());
        assertEquals(server.uri(), client.server(), "not even a permanent redirect moves the session to another domain");
    }

    @Test
    void aSignInIsNeverSentToAnotherDomain() {
        server.on("POST", "/api/3.9/auth/signin", Reply.empty(307).header("Location", elsewhere + "/api/3.9/auth/signin"));
        TableauConnectionException e = assertThrows(TableauConnectionException.class,
                () -> server.client(WireFormat.XML, V3_9).signIn(SignInRequest.password("admin", "s3cret", "")));
        assertTrue(e.getMessage().startsWith("refusing to send the sign-in's credentials to " + elsewhere), e.getMessage());
        assertTrue(pod.seen().isEmpty());
    }

    @Test
    void aPermanentRedirectAfterSignInMovesTheSessionToThePod() {
        TableauClient client = signedIn();
        server.on("GET", webhooks(V3_9), Reply.empty(308).header("Location", pod.uri() + webhooks(V3_9)));
        pod.onBoth("GET", webhooks(V3_9), 200, "webhooks-list");
        pod.onBoth("GET", webhooks(V3_9) + "/dbf3e1e3-aa15-4c17-bc1e-20dcf1b94252", 200, "webhook-response-3.9");

        client.listWebhooks();
        assertEquals(pod.uri(), client.server());
        int before = server.seen().size();
        client.getWebhook("dbf3e1e3-aa15-4c17-bc1e-20dcf1b94252");
        assertEquals(before, server.seen().size(), "the next call goes to the pod directly");
        assertEquals(XML_TOKEN, pod.last().header("X-Tableau-Auth"));
    }

    @Test
    void a307KeepsThePutAndItsBody() {
        TableauClient client = signedIn();
        String one = webhooks(V3_9) + "/dbf3e1e3-aa15-4c17-bc1e-20dcf1b94252";
        server.on("PUT", one, Reply.empty(307).header("Location", pod.uri() + one));
        pod.onBoth("PUT", one, 200, "webhook-response-3.9");

        client.updateWebhook("dbf3e1e3-aa15-4c17-bc1e-20dcf1b94252", new WebhookSpec("renamed", null, null, null, null));
        Seen first = server.last();
        Seen again = pod.last();
        assertEquals("PUT", again.method());
        assertArrayEquals(first.body(), again.body());
        assertEquals(first.header("Content-Type"), again.header("Content-Type"));
    }

    @Test
    void a303AfterAPostIsAGetWithoutTheBody() {
        TableauClient client = signedIn();
        String projects = "/api/3.9/sites/" + FixtureServer.SITE_ID + "/projects";
        server.on("POST", projects, Reply.empty(303).header("Location", projects + "/p-1"));
        server.on("GET", projects + "/p-1", Reply.fixture(200, "project-response.xml"));

        client.createProject(new Project(null, "Finance", null, null, null, null, null, null));
        Seen get = server.last();
        assertEquals("GET", get.method());
        assertEquals(0, get.body().length);
        assertNull(get.header("Content-Type"));
        assertEquals(XML_TOKEN, get.header("X-Tableau-Auth"));
    }

    @Test
    void moreThanFiveRedirectsStopWithOneLine() {
        TableauClient client = signedIn();
        server.on("GET", webhooks(V3_9), Reply.empty(302).header("Location", webhooks(V3_9)));
        int before = server.seen().size();
        TableauConnectionException e = assertThrows(TableauConnectionException.class, client::listWebhooks);
        assertTrue(e.getMessage().contains("was redirected 5 times, last to " + webhooks(V3_9)), e.getMessage());
        assertEquals(6, server.seen().size() - before, "the first request and five redirects");
    }

    @Test
    void aRedirectTargetThatIsNotTableauSaysSoNamingTheTarget() {
        TableauClient client = signedIn();
        server.on("GET", webhooks(V3_9), Reply.empty(302).header("Location", pod.uri() + "/login"));
        pod.on("GET", "/login", Reply.body(200, "text/html", "<html><body><h1>Sign in</h1> to continue</body></html>"));
        NotTableauAnswer e = assertThrows(NotTableauAnswer.class, client::listWebhooks);
        assertEquals("GET " + pod.uri() + "/login got an answer that does not look like Tableau's REST API: HTTP 200, "
                + "text/html, \"Sign in to continue\"", e.getMessage());
    }

    @Test
    void httpsIsNeverLeftForHttp(@TempDir Path dir) throws Exception {
        String target = server.uri() + "/api/3.4/serverinfo";
        try (TlsFixture https = TlsFixture.start(dir, "ip:127.0.0.1", exchange -> {
            exchange.getResponseHeaders().set("Location", target);
            exchange.sendResponseHeaders(301, -1);
            exchange.close();
        })) {
            TableauClient client = TableauClient.builder(https.url())
                    .sslContext(Tls.trustingAlso(https.certificate())).retries(FixtureServer.QUICK).build();
            TableauConnectionException e = assertThrows(TableauConnectionException.class, client::serverInfo);
            assertEquals("refusing to follow the redirect from " + https.url() + " to " + server.uri() + ": it would "
                    + "leave https (http is followed only between loopback addresses)", e.getMessage());
            assertTrue(server.seen().isEmpty());
        }
    }

    @ParameterizedTest(name = "{0} to {1}: {2}")
    @CsvSource({
            "10ax.online.tableau.com, prod-useast-b.online.tableau.com, true",
            "10ax.online.tableau.com, online.tableau.com, true",
            "tableau.example.com, TABLEAU.example.com., true",
            "tableau.example.com, tableau2.example.com, false",
            "10ax.online.tableau.com, online.tableau.com.example.net, false",
            "127.0.0.1, localhost, false"})
    void theDomainATokenMayGoTo(String signedIn, String target, boolean same) {
        assertEquals(same, Redirect.sameDomain(URI.create("https://" + signedIn + "/"), URI.create("https://" + target + "/")));
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 307, 308})
    void aPostKeepsItsMethodOnEveryRedirectBut303(int status) {
        Redirect r = Redirect.of("POST", URI.create("https://a.online.tableau.com/api/3.9/auth/signin"), status,
                "https://b.online.tableau.com/");
        assertEquals("POST", r.method());
        assertTrue(r.keepsBody());
        assertEquals(URI.create("https://b.online.tableau.com/api/3.9/auth/signin"), r.to(), "the pod, same call");
        assertEquals(status == 301 || status == 308, r.permanent());
    }
}
