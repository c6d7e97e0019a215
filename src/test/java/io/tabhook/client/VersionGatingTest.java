package io.tabhook.client;

import io.tabhook.api.ApiVersion;
import io.tabhook.api.SignInRequest;
import io.tabhook.api.WebhookSpec;
import io.tabhook.api.WireFormat;
import io.tabhook.client.FixtureServer.Reply;
import io.tabhook.events.EventType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A call the version in use lacks is refused before anything is sent, naming the version it needs. */
class VersionGatingTest {
    private static final ApiVersion V3_5 = new ApiVersion(3, 5);
    private final FixtureServer server = FixtureServer.start();

    @AfterEach
    void stop() { server.close(); }

    private VersionTooOldException refusedWithoutSending(Executable call) {
        int before = server.seen().size();
        VersionTooOldException e = assertThrows(VersionTooOldException.class, call);
        assertEquals(before, server.seen().size(), "nothing may reach the server");
        return e;
    }

    @Test
    void updateNeeds38AndSaysSoAgainstAServerThatSpeaks36() {
        server.on("GET", "/api/3.4/serverinfo", Reply.body(200, "application/xml", """
                <tsResponse xmlns="http://tableau.com/api"><serverInfo>
                <productVersion build="20194.19.1211.1636">2019.4.1</productVersion>
                <restApiVersion>3.6</restApiVersion></serverInfo></tsResponse>"""));
        server.answersSignIn(ApiVersion.V3_6);
        TableauClient client = server.client(WireFormat.XML, null);
        client.signIn(SignInRequest.password("admin", "pw", ""));

        VersionTooOldException e = refusedWithoutSending(
                () -> client.updateWebhook("w-1", new WebhookSpec("n", null, null, null, null)));

        assertEquals("updateWebhook needs REST API 3.8; this server speaks 3.6", e.getMessage());
        assertEquals(ApiVersion.V3_8, e.needed());
        assertEquals(ApiVersion.V3_6, e.actual());
        assertEquals("updateWebhook", e.operation());
    }

    @Test
    void updateAtAPinned36NamesThePin() {
        TableauClient client = server.signedIn(WireFormat.JSON, ApiVersion.V3_6);
        VersionTooOldException e = refusedWithoutSending(
                () -> client.updateWebhook("w-1", new WebhookSpec(null, null, null, false, null)));
        assertTrue(e.getMessage().startsWith("updateWebhook needs REST API 3.8; the client is pinned to 3.6"),
                e.getMessage());
    }

    @Test
    void everyWebhookCallNeeds36() {
        TableauClient client = server.signedIn(WireFormat.XML, V3_5);
        Map<String, Executable> calls = Map.of(
                "listWebhooks", client::listWebhooks,
                "getWebhook", () -> client.getWebhook("w-1"),
                "createWebhook", () -> client.createWebhook(WebhookSpec.create("n", EventType.WORKBOOK_CREATED, "https://h/x")),
                "testWebhook", () -> client.testWebhook("w-1"),
                "deleteWebhook", () -> client.deleteWebhook("w-1"));
        calls.forEach((name, call) -> {
            VersionTooOldException e = refusedWithoutSending(call);
            assertEquals(name + " needs REST API 3.6; the client is pinned to 3.5 (pin 3.6 or later, or unpin)",
                    e.getMessage());
        });
    }

    @Test
    void personalAccessTokenSignInNeeds36() {
        TableauClient client = server.client(WireFormat.XML, V3_5);
        VersionTooOldException e = refusedWithoutSending(
                () -> client.signIn(SignInRequest.personalAccessToken("ci-bot", "secret", "")));
        assertEquals(ApiVersion.V3_6, e.needed());
        assertTrue(server.seen().isEmpty());
    }

    @Test
    void jwtSignInNeeds317() {
        TableauClient client = server.client(WireFormat.JSON, new ApiVersion(3, 16));
        VersionTooOldException e = refusedWithoutSending(() -> client.signIn(SignInRequest.jwt("eyJ.e30.sig", "")));
        assertEquals("signIn with a JWT needs REST API 3.17; the client is pinned to 3.16 (pin 3.17 or later, or unpin)",
                e.getMessage());
    }

    @Test
    void passwordSignInWorksOnOldVersions() {
        server.answersSignIn(V3_5);
        server.client(WireFormat.XML, V3_5).signIn(SignInRequest.password("admin", "pw", ""));
        assertEquals("/api/3.5/auth/signin", server.last().path());
    }

    @Test
    void pinningANewerVersionLetsTheCallThrough() {
        TableauClient client = server.signedIn(WireFormat.XML, ApiVersion.V3_6);
        server.on("PUT", FixtureServer.webhooks(ApiVersion.V3_8) + "/w-1", Reply.fixture(200, "webhook-response-3.6.xml"));
        client.pinVersion(ApiVersion.V3_8);
        client.updateWebhook("w-1", new WebhookSpec("renamed", null, null, null, null));
        assertEquals("PUT", server.last().method());
    }
}
