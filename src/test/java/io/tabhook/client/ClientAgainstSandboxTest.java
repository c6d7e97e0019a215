package io.tabhook.client;

import io.tabhook.api.ApiVersion;
import io.tabhook.api.SignInRequest;
import io.tabhook.api.TableauError;
import io.tabhook.api.Webhook;
import io.tabhook.api.WebhookSpec;
import io.tabhook.api.WebhookTestResult;
import io.tabhook.api.WireFormat;
import io.tabhook.events.EventType;
import io.tabhook.sandbox.Demo;
import io.tabhook.sandbox.Sandbox;
import io.tabhook.sandbox.SandboxOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The two sides of the contract together, over real HTTP in both wire formats. Each side is also tested alone
 * against the documented fixtures; this checks that a user of the client gets what the sandbox serves.
 */
class ClientAgainstSandboxTest {
    static Sandbox sandbox;

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start(SandboxOptions.defaults().withTokenTtl(Duration.ofMinutes(5)));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    TableauClient client(WireFormat format) {
        return TableauClient.builder(sandbox.baseUrl()).format(format).build();
    }

    TableauClient admin(WireFormat format, String site) {
        return admin(sandbox, format, site);
    }

    /** A client of {@code on} in that format, signed in as the demo administrator to {@code site}. */
    static TableauClient admin(Sandbox on, WireFormat format, String site) {
        TableauClient c = TableauClient.builder(on.baseUrl()).format(format).build();
        c.signIn(SignInRequest.password(Demo.ADMIN_USER, Demo.ADMIN_PASSWORD, site));
        return c;
    }

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void everyWebhookCallWorksEndToEnd(WireFormat format) {
        TableauClient c = admin(format, Demo.WORKSHOP_SITE);
        assertEquals(ApiVersion.LATEST, c.version());
        // A loopback port nobody listens on: the test POST must never leave this machine.
        String url = "http://127.0.0.1:9/" + format;
        Webhook created = c.createWebhook(WebhookSpec.create("e2e-" + format, EventType.DATASOURCE_CREATED, url));
        assertEquals("DatasourceCreated", created.event());
        assertTrue(created.isEnabled());
        assertEquals(Demo.ADMIN_USER, created.ownerName());

        assertTrue(c.listWebhooks().stream().anyMatch(w -> w.id().equals(created.id())));
        assertEquals(url, c.getWebhook(created.id()).url());

        Webhook disabled = c.updateWebhook(created.id(), new WebhookSpec(null, null, null, false, "maintenance"));
        assertFalse(disabled.isEnabled());
        assertEquals("maintenance", disabled.statusChangeReason());
        Webhook renamed = c.updateWebhook(created.id(), new WebhookSpec("renamed-" + format, EventType.LABEL_DELETED, null, true, null));
        assertEquals("LabelDeleted", renamed.event());
        assertEquals("", renamed.statusChangeReason());

        WebhookTestResult test = c.testWebhook(created.id());
        assertEquals(created.id(), test.id());
        assertEquals(408, test.status(), "nothing listens there: Tableau reports 408");

        c.deleteWebhook(created.id());
        TableauError gone = assertThrows(TableauError.class, () -> c.getWebhook(created.id()));
        assertEquals(404, gone.httpStatus());
        c.signOut();
    }

    @Test
    void legacyServerVersionUsesWebhookSourceAndAnswersWithoutNewAttributes() {
        TableauClient c = TableauClient.builder(sandbox.baseUrl()).version(ApiVersion.V3_6).build();
        c.signIn(SignInRequest.personalAccessToken(Demo.PAT_NAME, Demo.PAT_SECRET, ""));
        Webhook w = c.createWebhook(WebhookSpec.create("legacy", EventType.ADMIN_PROMOTED, "http://127.0.0.1:9/hook"));
        assertEquals("AdminPromoted", w.event(), "read from webhook-source");
        assertNull(w.enabled(), "3.6 answers carry no isEnabled");
        assertTrue(c.lastExchange().orElseThrow().requestBody().contains("<webhook-event-user-promoted-admin"));
        VersionTooOldException old = assertThrows(VersionTooOldException.class,
                () -> c.updateWebhook(w.id(), new WebhookSpec("x", null, null, null, null)));
        assertTrue(old.getMessage().contains("3.8"), old.getMessage());
        c.deleteWebhook(w.id());
    }

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void documentedErrorsArriveAsTableauErrors(WireFormat format) {
        TableauError badSignIn = assertThrows(TableauError.class,
                () -> client(format).signIn(SignInRequest.password("admin", "wrong", "")));
        assertEquals("401001", badSignIn.code());

        TableauError noSite = assertThrows(TableauError.class,
                () -> client(format).signIn(SignInRequest.password("admin", "admin", "no-such-site")));
        assertEquals(401, noSite.httpStatus());

        TableauClient viewer = client(format);
        viewer.signIn(SignInRequest.password(Demo.VIEWER_USER, Demo.VIEWER_PASSWORD, ""));
        TableauError forbidden = assertThrows(TableauError.class, viewer::listWebhooks);
        assertEquals("403004", forbidden.code());

        TableauClient c = admin(format, "");
        TableauError notHttps = assertThrows(TableauError.class,
                () -> c.createWebhook(WebhookSpec.create("plain", EventType.WORKBOOK_CREATED, "http://example.com/hook")));
        assertEquals("400000", notHttps.code());
        assertTrue(notHttps.detail().contains("https"), notHttps.detail());

        Webhook w = c.createWebhook(WebhookSpec.create("reasons", EventType.VIEW_DELETED, "https://h.example.com"));
        TableauError reasonWhileEnabled = assertThrows(TableauError.class,
                () -> c.updateWebhook(w.id(), new WebhookSpec(null, null, null, true, "why")));
        assertEquals("400127", reasonWhileEnabled.code());
        c.deleteWebhook(w.id());

        c.signOut();
        TableauClient stale = admin(format, "");
        stale.signOut();
        assertThrows(IllegalStateException.class, stale::listWebhooks, "signed out: refused before sending");
    }

    @Test
    void tokenSignedOutElsewhereGives401002() throws Exception {
        TableauClient c = admin(WireFormat.XML, "");
        String token = c.credentials().orElseThrow().token();
        var signOut = java.net.http.HttpRequest.newBuilder(
                        sandbox.baseUrl().resolve("/api/3.25/auth/signout"))
                .header("X-Tableau-Auth", token).POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build();
        assertEquals(204, java.net.http.HttpClient.newHttpClient()
                .send(signOut, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode());
        TableauError dead = assertThrows(TableauError.class, c::listWebhooks);
        assertEquals("401002", dead.code());
        assertFalse(dead.getMessage().contains(token), "the token never appears in an error");
    }
}
