package io.tabhook.client;

import io.tabhook.api.ApiVersion;
import io.tabhook.api.Credentials;
import io.tabhook.api.Fixtures;
import io.tabhook.api.SignInRequest;
import io.tabhook.api.TableauError;
import io.tabhook.api.WireFormat;
import io.tabhook.client.FixtureServer.Reply;
import io.tabhook.client.FixtureServer.Seen;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.tabhook.client.FixtureServer.SITE_ID;
import static io.tabhook.client.FixtureServer.USER_ID;
import static io.tabhook.client.FixtureServer.V3_9;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Signing in and out, as documented, including Tableau Cloud's redirect to the pod. */
class SignInTest {
    private final FixtureServer server = FixtureServer.start();
    private final FixtureServer pod = FixtureServer.start();

    @AfterEach
    void stop() {
        server.close();
        pod.close();
    }

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void signsInWithPasswordSendingTheDocumentedBody(WireFormat format) {
        server.answersSignIn(V3_9);
        TableauClient client = server.client(format, V3_9);

        Credentials c = client.signIn(SignInRequest.password("admin@example.com", "s3cret", "marketing"));

        assertEquals(FixtureServer.token(format), c.token());
        assertEquals(SITE_ID, c.siteId());
        assertEquals(USER_ID, c.userId());
        assertEquals(c, client.credentials().orElseThrow());

        Seen sent = server.last();
        assertEquals("POST", sent.method());
        assertEquals("/api/3.9/auth/signin", sent.path());
        assertEquals(format.mediaType(), sent.header("Content-Type"));
        assertEquals(format.mediaType(), sent.header("Accept"));
        assertEquals(TableauClient.USER_AGENT, sent.header("User-Agent"));
        assertNull(sent.header("X-Tableau-Auth"));
        if (format == WireFormat.XML) {
            Fixtures.assertSameShape(Fixtures.elements("signin-request-password.xml"), sent.elements());
        } else {
            // The documented JSON password variant: the PAT body with name and password instead.
            assertEquals(Fixtures.json("""
                    {"credentials":{"site":{"contentUrl":"marketing"},"name":"admin@example.com","password":"s3cret"}}"""
                    .getBytes()), Fixtures.json(sent.body()));
        }
    }

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void signsInWithPersonalAccessTokenAsDocumented(WireFormat format) {
        server.answersSignIn(V3_9);
        server.client(format, V3_9).signIn(SignInRequest.personalAccessToken("ci-bot", "Yx8...==:Qv2...", "marketing"));

        Seen sent = server.last();
        if (format == WireFormat.XML) {
            Fixtures.assertSameShape(Fixtures.elements("signin-request-pat.xml"), sent.elements());
        } else {
            assertEquals(Fixtures.json(Fixtures.bytes("signin-request-pat.json")), Fixtures.json(sent.body()));
        }
    }

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void signsInWithAJwtFrom317(WireFormat format) {
        ApiVersion v317 = new ApiVersion(3, 17);
        server.answersSignIn(v317);
        server.client(format, v317).signIn(SignInRequest.jwt("eyJhbGciOiJIUzI1NiJ9.e30.sig", "marketing"));
        assertEquals("eyJhbGciOiJIUzI1NiJ9.e30.sig", server.last().elements().get(0).attr("jwt"));
    }

    @Test
    void toleratesNewerFieldsInTheSignInAnswer() {
        server.on("POST", "/api/3.9/auth/signin", Reply.body(200, "application/json", """
                {"credentials":{"site":{"id":"s-1","contentUrl":"marketing","name":"Marketing"},
                 "user":{"id":"u-1"},"token":"abc|def","estimatedTimeToExpiration":"177:05:38","extra":{"x":[1,2]}}}"""));
        Credentials c = server.client(WireFormat.JSON, V3_9).signIn(SignInRequest.password("a", "b", "marketing"));
        assertEquals("177:05:38", c.estimatedTimeToExpiration());
        assertEquals("s-1", c.siteId());
    }

    @Test
    void aFailedSignInIsATableauErrorAndLeavesTheClientSignedOut() {
        server.on("POST", "/api/3.9/auth/signin", Reply.body(401, "application/xml", """
                <tsResponse xmlns="http://tableau.com/api"><error code="401001"><summary>Signin Error</summary>
                <detail>Error signing in to Tableau Server</detail></error></tsResponse>"""));
        TableauClient client = server.client(WireFormat.XML, V3_9);
        TableauError e = assertThrows(TableauError.class,
                () -> client.signIn(SignInRequest.password("a", "wrong", "")));
        assertEquals("401001", e.code());
        assertEquals("Signin Error", e.summary());
        assertTrue(client.credentials().isEmpty());
    }

    /** A client whose sign-in {@code server} answers with a redirect of {@code status} to the pod. */
    private TableauClient signedInThroughRedirect(int status) {
        server.on("POST", "/api/3.9/auth/signin",
                Reply.empty(status).header("Location", pod.uri() + "/api/3.9/auth/signin"));
        pod.answersSignIn(V3_9);
        TableauClient client = server.client(WireFormat.XML, V3_9);
        client.signIn(SignInRequest.password("admin@example.com", "s3cret", "marketing"));
        Seen first = server.last();
        Seen again = pod.last();
        assertEquals("POST", again.method());
        assertEquals("/api/3.9/auth/signin", again.path());
        assertArrayEquals(first.body(), again.body(), "the same credentials, posted again");
        assertEquals(first.header("Content-Type"), again.header("Content-Type"));
        return client;
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 308})
    void followsARedirectOnSignInByPostingTheSameBodyToThePod(int status) {
        pod.onBoth("GET", FixtureServer.webhooks(V3_9), 200, "webhooks-list");
        TableauClient client = signedInThroughRedirect(status);
        assertEquals(pod.uri(), client.server(), "the pod is the server from now on");

        assertEquals(2, client.listWebhooks().size());
        assertEquals(1, server.seen().size(), "nothing more goes to the first host");
        assertEquals(FixtureServer.webhooks(V3_9), pod.last().path());
    }

    @ParameterizedTest
    @ValueSource(ints = {302, 307})
    void aTemporaryRedirectOnSignInIsFollowedButTheServerStaysWhereItWas(int status) {
        assertEquals(server.uri(), signedInThroughRedirect(status).server(), "only a permanent redirect moves the session");
    }

    @Test
    void followsARedirectToABarePodHost() {
        server.on("POST", "/api/3.9/auth/signin", Reply.empty(301).header("Location", pod.uri() + "/"));
        pod.answersSignIn(V3_9);
        TableauClient client = server.client(WireFormat.JSON, V3_9);
        client.signIn(SignInRequest.personalAccessToken("ci-bot", "secret", "marketing"));
        assertEquals("/api/3.9/auth/signin", pod.last().path());
        assertEquals(pod.uri(), client.server());
    }

    @Test
    void stopsFollowingARedirectLoop() {
        server.on("POST", "/api/3.9/auth/signin",
                Reply.empty(302).header("Location", server.uri() + "/api/3.9/auth/signin"));
        TableauConnectionException e = assertThrows(TableauConnectionException.class,
                () -> server.client(WireFormat.XML, V3_9).signIn(SignInRequest.password("a", "b", "")));
        assertTrue(e.getMessage().contains("redirected 5 times"), e.getMessage());
    }

    @Test
    void aRedirectWithoutLocationIsAnError() {
        server.on("POST", "/api/3.9/auth/signin", Reply.empty(301));
        NotTableauAnswer e = assertThrows(NotTableauAnswer.class,
                () -> server.client(WireFormat.XML, V3_9).signIn(SignInRequest.password("a", "b", "")));
        assertTrue(e.getMessage().endsWith("HTTP 301 Moved Permanently, no content type, empty body"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void signOutSendsTheTokenAndForgetsIt(WireFormat format) {
        TableauClient client = server.signedIn(format, V3_9);
        server.on("POST", "/api/3.9/auth/signout", Reply.empty(204));

        client.signOut();

        Seen sent = server.last();
        assertEquals("POST", sent.method());
        assertEquals("/api/3.9/auth/signout", sent.path());
        assertEquals(FixtureServer.token(format), sent.header("X-Tableau-Auth"));
        assertEquals(0, sent.body().length);
        assertTrue(client.credentials().isEmpty());
        assertEquals("not signed in; run signIn first",
                assertThrows(IllegalStateException.class, client::listWebhooks).getMessage());
    }

    @Test
    void signOutForgetsTheTokenEvenWhenTheServerRefuses() {
        TableauClient client = server.signedIn(WireFormat.XML, V3_9);
        server.on("POST", "/api/3.9/auth/signout", Reply.fixture(401, "error-401002.xml"));

        TableauError e = assertThrows(TableauError.class, client::signOut);
        assertEquals("401002", e.code());
        assertTrue(client.credentials().isEmpty());
    }

    @Test
    void signOutWithoutASessionSendsNothing() {
        server.client(WireFormat.XML, V3_9).signOut();
        assertTrue(server.seen().isEmpty());
    }

    @Test
    void webhookCallsWithoutSignInSayWhatToDo() {
        TableauClient client = server.client(WireFormat.XML, V3_9);
        for (Runnable call : List.<Runnable>of(client::listWebhooks, () -> client.getWebhook("w"),
                () -> client.testWebhook("w"), () -> client.deleteWebhook("w"),
                () -> client.updateWebhook("w", new io.tabhook.api.WebhookSpec("n", null, null, null, null)))) {
            IllegalStateException e = assertThrows(IllegalStateException.class, call::run);
            assertEquals("not signed in; run signIn first", e.getMessage());
        }
        assertTrue(server.seen().isEmpty());
    }

    @Test
    void signingInWithoutAPinnedVersionAsksTheServerFirst() {
        server.onBoth("GET", "/api/3.4/serverinfo", 200, "serverinfo");
        server.answersSignIn(new ApiVersion(3, 15));
        TableauClient client = server.client(WireFormat.XML, null);
        client.signIn(SignInRequest.password("a", "b", ""));
        assertEquals(List.of("/api/3.4/serverinfo", "/api/3.15/auth/signin"),
                server.seen().stream().map(Seen::path).toList());
    }
}
