package io.tabhook.client;

import io.tabhook.api.SignInRequest;
import io.tabhook.api.WireFormat;
import io.tabhook.client.FixtureServer.Reply;
import io.tabhook.client.FixtureServer.Seen;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.tabhook.client.FixtureServer.V3_9;
import static io.tabhook.client.FixtureServer.webhooks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The trace shows every exchange in full, except the secrets. */
class TraceTest {
    private static final String TOKEN = "Bq1xQZ7uXJ9tN0v2rLw|gKqP4mW8sD3eF6hJ";
    private static final String PASSWORD = "correct-horse-battery-staple";
    private static final String PAT_SECRET = "Yx8pL0qRsT==:Qv2mN7bVcX";
    private static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJlLXNlY3JldA";
    private final FixtureServer server = FixtureServer.start();
    private final List<Exchange> traced = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() { server.close(); }

    private TableauClient tracedClient(WireFormat format) {
        String body = format == WireFormat.XML
                ? "<tsResponse xmlns=\"http://tableau.com/api\"><credentials token='" + TOKEN + "'>"
                  + "<site id=\"" + FixtureServer.SITE_ID + "\" contentUrl=\"\"/><user id=\"u\"/></credentials></tsResponse>"
                : "{ \"credentials\" : { \"site\" : { \"id\" : \"" + FixtureServer.SITE_ID + "\", \"contentUrl\" : \"\" },"
                  + " \"user\" : { \"id\" : \"u\" }, \"token\" : \"" + TOKEN + "\" } }";
        server.on("POST", "/api/3.9/auth/signin", Reply.body(200, format.mediaType(), body)
                .header("Set-Cookie", "workgroup_session_id=" + TOKEN + "; Path=/; HttpOnly"));
        server.onBoth("GET", webhooks(V3_9), 200, "webhooks-list");
        server.on("POST", "/api/3.9/auth/signout", Reply.empty(204));
        return TableauClient.builder(server.uri()).format(format).version(V3_9).trace(traced::add).build();
    }

    private void assertNoSecretIn(String shown) {
        for (String secret : List.of(TOKEN, "XJ9tN0v2rLw", "gKqP4mW8", PASSWORD, PAT_SECRET, "Qv2mN7", JWT, "c2lnbmF0")) {
            assertFalse(shown.contains(secret), "'" + secret + "' shows in: " + shown);
        }
    }

    private static String everything(Exchange e) {
        return e.method() + e.uri() + e.requestHeaders() + e.requestBody() + e.responseHeaders() + e.responseBody() + e;
    }

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void aSessionTracesEveryExchangeWithoutItsSecrets(WireFormat format) {
        TableauClient client = tracedClient(format);
        client.signIn(SignInRequest.password("admin@example.com", PASSWORD, ""));
        client.listWebhooks();
        client.signOut();

        assertEquals(List.of("POST", "GET", "POST"), traced.stream().map(Exchange::method).toList());
        traced.forEach(e -> assertNoSecretIn(everything(e)));

        Exchange signIn = traced.get(0);
        assertEquals(server.uri() + "/api/3.9/auth/signin", signIn.uri().toString());
        assertEquals(200, signIn.status());
        assertTrue(signIn.requestBody().contains("admin@example.com"), "the rest of the body stays readable");
        assertTrue(signIn.requestBody().contains("****"), signIn.requestBody());
        assertTrue(signIn.responseBody().contains("Bq1x…(36 chars)"), signIn.responseBody());
        assertTrue(signIn.responseBody().contains(FixtureServer.SITE_ID));
        assertEquals(format.mediaType(), signIn.requestHeaders().get("content-type"));
        assertTrue(signIn.responseHeaders().get("Set-Cookie").startsWith("workgroup_session_id=Bq1x…(36 chars)"));

        Exchange list = traced.get(1);
        assertEquals("Bq1x…(36 chars)", list.requestHeaders().get("X-Tableau-Auth"));
        assertTrue(list.responseBody().contains("notify-ds-created"), "the raw answer is there to show");
        assertEquals("", list.requestBody());
        assertTrue(list.millis() >= 0);

        assertEquals(204, traced.get(2).status());
        assertEquals(traced.get(2), client.lastExchange().orElseThrow());
    }

    @Test
    void personalAccessTokenAndJwtSecretsNeverShow() {
        TableauClient client = tracedClient(WireFormat.JSON);
        client.pinVersion(new io.tabhook.api.ApiVersion(3, 17));
        server.on("POST", "/api/3.17/auth/signin", Reply.body(200, "application/json",
                "{\"credentials\":{\"site\":{\"id\":\"s\"},\"user\":{\"id\":\"u\"},\"token\":\"" + TOKEN + "\"}}"));
        client.signIn(SignInRequest.personalAccessToken("ci-bot", PAT_SECRET, ""));
        client.signIn(SignInRequest.jwt(JWT, ""));
        assertEquals(2, traced.size());
        traced.forEach(e -> assertNoSecretIn(everything(e)));
        assertTrue(traced.get(0).requestBody().contains("ci-bot"));
    }

    @Test
    void theClientAndItsCredentialsNeverShowTheToken() {
        TableauClient client = tracedClient(WireFormat.XML);
        client.signIn(SignInRequest.password("admin", PASSWORD, ""));
        assertNoSecretIn(client.toString());
        assertNoSecretIn(client.credentials().orElseThrow().toString());
        assertEquals(TOKEN, client.credentials().orElseThrow().token(), "the session itself still has it");
    }

    @Test
    void anErrorThatEchoesTheRequestDoesNotCarryThePassword() {
        TableauClient client = tracedClient(WireFormat.XML);
        server.on("POST", "/api/3.9/auth/signin", Reply.body(400, "text/plain",
                "bad request: <credentials name=\"admin\" password=\"" + PASSWORD + "\"/>"));
        NotTableauAnswer e = assertThrows(NotTableauAnswer.class,
                () -> client.signIn(SignInRequest.password("admin", PASSWORD, "")));
        assertNoSecretIn(e.getMessage());
        assertTrue(e.getMessage().contains("\"bad request: <credentials name=\"admin\""), e.getMessage());
    }

    @Test
    void theTraceShowsTriesRedirectsAndTheNewSignInWithoutASecret() {
        try (CloudSite site = new CloudSite()) {
            String webhooks = CloudSite.webhooks();
            TableauClient[] client = new TableauClient[1];
            client[0] = TableauClient.builder(site.server.uri()).version(CloudSite.V).retries(FixtureServer.QUICK)
                    .trace(traced::add)
                    .signInAgain(() -> client[0].signIn(SignInRequest.password("admin", PASSWORD, "")))
                    .build();
            client[0].signIn(SignInRequest.password("admin", PASSWORD, ""));
            site.next("GET", webhooks, CloudSite.instead(Reply.empty(503).header("Retry-After", "0")),
                    CloudSite.instead(Reply.empty(302).header("Location", webhooks + "?moved")));
            client[0].listWebhooks();
            site.expireTokens();
            client[0].listWebhooks();

            List<String> notes = traced.stream().map(Exchange::note).toList();
            assertEquals(List.of("", "", "try 2 of GET, 0 ms after HTTP 503 (Retry-After)",
                    "redirected (302) from " + site.server.uri() + webhooks, "",
                    "signing in again: the token had expired (401002)",
                    "repeated after signing in again: the token had expired (401002)"), notes);
            String whole = String.join("\n", traced.stream().map(Exchange::text).toList());
            assertTrue(whole.contains("· try 2 of GET"), whole);
            for (Seen s : site.server.seen()) {
                String token = s.header("X-Tableau-Auth");
                if (token != null) assertFalse(whole.contains(token), "a token in the trace: " + token);
            }
            assertFalse(whole.contains(PASSWORD), whole);
            assertTrue(whole.contains("X-Tableau-Auth: "), "the header is there, masked");
        }
    }

    @Test
    void aRequestThatGotNoAnswerIsTracedWithWhatBecameOfIt() {
        try (CloudSite site = new CloudSite()) {
            TableauClient client = TableauClient.builder(site.server.uri()).version(CloudSite.V)
                    .retries(FixtureServer.QUICK).trace(traced::add).build();
            client.signIn(SignInRequest.password("admin", PASSWORD, ""));
            site.next("GET", CloudSite.webhooks(), CloudSite.doneThenDropped());
            client.listWebhooks();
            Exchange dropped = traced.get(1);
            assertEquals(0, dropped.status());
            assertTrue(dropped.text().contains("← no answer after "), dropped.text());
            assertTrue(dropped.text().contains("dropped before the whole answer"), dropped.text());
            assertTrue(traced.get(2).note().startsWith("try 2 of GET, "), traced.get(2).note());
            assertTrue(traced.get(2).note().endsWith(" after a dropped connection"), traced.get(2).note());
            assertEquals(200, client.lastExchange().orElseThrow().status());
        }
    }

    @Test
    void aFailingTraceDoesNotFailTheCall() {
        server.onBoth("GET", "/api/3.4/serverinfo", 200, "serverinfo");
        TableauClient client = TableauClient.builder(server.uri())
                .trace(e -> { throw new IllegalStateException("trace broke"); }).build();
        assertEquals("3.15", client.version().toString());
        assertEquals(200, client.lastExchange().orElseThrow().status());
    }
}
