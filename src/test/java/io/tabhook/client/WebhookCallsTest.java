package io.tabhook.client;

import io.tabhook.api.ApiVersion;
import io.tabhook.api.Fixtures;
import io.tabhook.api.MalformedBodyException;
import io.tabhook.api.Webhook;
import io.tabhook.api.WebhookSpec;
import io.tabhook.api.WebhookTestResult;
import io.tabhook.api.WireFormat;
import io.tabhook.client.FixtureServer.Reply;
import io.tabhook.client.FixtureServer.Seen;
import io.tabhook.events.EventType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.tabhook.client.FixtureServer.V3_9;
import static io.tabhook.client.FixtureServer.webhooks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every webhook call, in both formats, sends the documented request and reads the documented answer. */
class WebhookCallsTest {
    private static final String ID = "dbf3e1e3-aa15-4c17-bc1e-20dcf1b94252";
    private static final String URL = "https://hooks.example.com/tableau";
    private final FixtureServer server = FixtureServer.start();

    @AfterEach
    void stop() { server.close(); }

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void listsWebhooks(WireFormat format) {
        TableauClient client = server.signedIn(format, V3_9);
        server.onBoth("GET", webhooks(V3_9), 200, "webhooks-list");

        List<Webhook> hooks = client.listWebhooks();

        FixtureServer.assertSigned(server.last(), format, "GET", webhooks(V3_9));
        assertEquals(0, server.last().body().length);
        assertEquals("notify-ds-created", hooks.get(0).name());
        assertEquals("DatasourceCreated", hooks.get(0).event());
        if (format == WireFormat.XML) {
            assertEquals(2, hooks.size());
            assertEquals("AdminPromoted", hooks.get(1).event());
            assertFalse(hooks.get(1).isEnabled());
        } else {
            assertEquals(1, hooks.size());
        }
    }

    @Test
    void listsNoWebhooksFromTheDocumentedEmptyList() {
        TableauClient client = server.signedIn(WireFormat.XML, V3_9);
        server.on("GET", webhooks(V3_9), Reply.fixture(200, "webhooks-list-empty.xml"));
        assertEquals(List.of(), client.listWebhooks());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"webhooks\":{}}", "{\"webhooks\":{\"webhook\":[]}}", "{}"})
    void listsNoWebhooksFromAnyEmptyJsonShape(String body) {
        TableauClient client = server.signedIn(WireFormat.JSON, V3_9);
        server.on("GET", webhooks(V3_9), Reply.body(200, "application/json", body));
        assertEquals(List.of(), client.listWebhooks());
    }

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void getsOneWebhook(WireFormat format) {
        TableauClient client = server.signedIn(format, V3_9);
        server.on("GET", webhooks(V3_9) + "/" + ID, Reply.fixture(200,
                format == WireFormat.XML ? "webhook-response-3.9.xml" : "webhook-response-3.6.json"));

        Webhook w = client.getWebhook(ID);

        FixtureServer.assertSigned(server.last(), format, "GET", webhooks(V3_9) + "/" + ID);
        assertEquals("WorkbookCreated", w.event());
        if (format == WireFormat.XML) {
            assertEquals(new Webhook(ID, "notify-wb-created", "WorkbookCreated", true, "", URL,
                    "76667373-2d1a-4f85-8aed-6e29d8b979af", "site-admin", null, null), w);
        } else {
            assertEquals("My First Webhook", w.name());
            assertEquals("testadmin", w.ownerName());
        }
    }

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void createsWebhookWithEventAttributeAt39(WireFormat format) {
        TableauClient client = server.signedIn(format, V3_9);
        server.onBoth("GET", webhooks(V3_9), 200, "webhooks-list");
        server.on("POST", webhooks(V3_9), Reply.fixture(201,
                format == WireFormat.XML ? "webhook-response-3.9.xml" : "webhook-response-3.6.json")
                .header("Location", webhooks(V3_9) + "/" + ID));
        // The documented JSON body sends isEnabled; the XML one leaves it to the default.
        Boolean enabled = format == WireFormat.JSON ? Boolean.TRUE : null;

        Webhook w = client.createWebhook(new WebhookSpec("notify-wb-created", EventType.WORKBOOK_CREATED, URL,
                enabled, null));

        Seen sent = server.last();
        FixtureServer.assertSigned(sent, format, "POST", webhooks(V3_9));
        assertEquals(format.mediaType(), sent.header("Content-Type"));
        assertRequestMatches(format, "webhook-create-request-3.9", sent);
        assertEquals("WorkbookCreated", w.event());
    }

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void createsWebhookWithLegacySourceElementAt36(WireFormat format) {
        TableauClient client = server.signedIn(format, ApiVersion.V3_6);
        server.onBoth("GET", webhooks(ApiVersion.V3_6), 200, "webhooks-list");
        server.onBoth("POST", webhooks(ApiVersion.V3_6), 201, "webhook-response-3.6");

        Webhook w = client.createWebhook(WebhookSpec.create("notify-wb-created", EventType.WORKBOOK_CREATED, URL));

        Seen sent = server.last();
        FixtureServer.assertSigned(sent, format, "POST", webhooks(ApiVersion.V3_6));
        assertRequestMatches(format, "webhook-create-request-3.6", sent);
        assertEquals("My First Webhook", w.name());
        assertEquals("WorkbookCreated", w.event());
        assertNull(w.enabled());
    }

    private static void assertRequestMatches(WireFormat format, String fixture, Seen sent) {
        if (format == WireFormat.XML) {
            Fixtures.assertSameShape(Fixtures.elements(fixture + ".xml"), sent.elements());
        } else {
            assertEquals(Fixtures.json(Fixtures.bytes(fixture + ".json")), Fixtures.json(sent.body()));
        }
    }

    @Test
    void refusesToCreateAWebhookWithoutNameEventOrUrl() {
        TableauClient client = server.signedIn(WireFormat.XML, V3_9);
        int before = server.seen().size();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> client.createWebhook(new WebhookSpec(" ", null, "https://h/x", null, null)));
        assertEquals("createWebhook needs a name, an event", e.getMessage());
        assertEquals(before, server.seen().size());
    }

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void updatesWebhookAsDocumented(WireFormat format) {
        TableauClient client = server.signedIn(format, V3_9);
        server.on("PUT", webhooks(V3_9) + "/" + ID, Reply.fixture(200,
                format == WireFormat.XML ? "webhook-response-3.9.xml" : "webhook-response-3.6.json"));

        client.updateWebhook(ID, new WebhookSpec("notify-wb-created", EventType.WORKBOOK_CREATED,
                "https://hooks.example.com/tableau-v2", false, "paused during maintenance"));

        Seen sent = server.last();
        FixtureServer.assertSigned(sent, format, "PUT", webhooks(V3_9) + "/" + ID);
        assertEquals(format.mediaType(), sent.header("Content-Type"));
        if (format == WireFormat.XML) {
            Fixtures.assertSameShape(Fixtures.elements("webhook-update-request.xml"), sent.elements());
        } else {
            // The XML body mirrored by Tableau's JSON rules; the flag stays a boolean.
            assertEquals(Fixtures.json("""
                    {"webhook":{"name":"notify-wb-created","event":"WorkbookCreated","isEnabled":false,
                     "statusChangeReason":"paused during maintenance","webhook-destination":{"webhook-destination-http":
                     {"method":"POST","url":"https://hooks.example.com/tableau-v2"}}}}""".getBytes()),
                    Fixtures.json(sent.body()));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 201})
    void acceptsTheUpdateAnsweredWith200Or201(int status) {
        TableauClient client = server.signedIn(WireFormat.XML, V3_9);
        server.on("PUT", webhooks(V3_9) + "/" + ID, Reply.fixture(status, "webhook-response-3.9.xml"));
        Webhook w = client.updateWebhook(ID, new WebhookSpec(null, null, null, true, null));
        assertTrue(w.isEnabled());
        assertEquals("<webhook isEnabled=\"true\">", server.last().bodyText()
                .replaceAll("(?s).*(<webhook[^>]*>).*", "$1").replace("/>", ">"));
    }

    @Test
    void updatesAt38WithTheLegacySourceElement() {
        TableauClient client = server.signedIn(WireFormat.XML, ApiVersion.V3_8);
        server.on("PUT", webhooks(ApiVersion.V3_8) + "/" + ID, Reply.fixture(201, "webhook-response-3.6.xml"));
        client.updateWebhook(ID, new WebhookSpec(null, EventType.VIEW_DELETED, null, null, null));
        assertEquals("webhook-source-event-view-deleted", Webhook.sourceEvent(server.last().elements().get(0)));
    }

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void testsWebhook(WireFormat format) {
        TableauClient client = server.signedIn(format, V3_9);
        server.onBoth("GET", webhooks(V3_9) + "/" + ID + "/test", 200, "webhook-test-result");

        WebhookTestResult r = client.testWebhook(ID);

        FixtureServer.assertSigned(server.last(), format, "GET", webhooks(V3_9) + "/" + ID + "/test");
        assertEquals(ID, r.id());
        if (format == WireFormat.XML) {
            assertEquals(new WebhookTestResult(ID, 404, "Not Found"), r);
            assertFalse(r.succeeded(), "the call succeeds even when the destination did not");
        } else {
            assertEquals(new WebhookTestResult(ID, 200, "ok"), r);
        }
    }

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void deletesWebhook(WireFormat format) {
        TableauClient client = server.signedIn(format, V3_9);
        server.on("DELETE", webhooks(V3_9) + "/" + ID, Reply.empty(204));

        client.deleteWebhook(ID);

        Seen sent = server.last();
        FixtureServer.assertSigned(sent, format, "DELETE", webhooks(V3_9) + "/" + ID);
        assertEquals(0, sent.body().length);
        assertNull(sent.header("Content-Type"), "no body, so no Content-Type");
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 202, 204})
    void anyTwoHundredIsSuccess(int status) {
        TableauClient client = server.signedIn(WireFormat.XML, V3_9);
        server.on("DELETE", webhooks(V3_9) + "/" + ID, Reply.empty(status));
        client.deleteWebhook(ID);
    }

    @Test
    void aWebhookIdStaysInItsOwnPathSegment() {
        TableauClient client = server.signedIn(WireFormat.XML, V3_9);
        assertThrows(RuntimeException.class, () -> client.getWebhook("../x y?z"));
        assertEquals(webhooks(V3_9) + "/..%2Fx%20y%3Fz", server.last().path());
        assertThrows(RuntimeException.class, () -> client.deleteWebhook(".."));
        assertEquals(webhooks(V3_9) + "/%2E%2E", server.last().path());
    }

    @Test
    void aBlankWebhookIdFailsBeforeSending() {
        TableauClient client = server.signedIn(WireFormat.XML, V3_9);
        int before = server.seen().size();
        assertEquals("a webhook id is needed",
                assertThrows(IllegalArgumentException.class, () -> client.getWebhook(" ")).getMessage());
        assertEquals(before, server.seen().size());
    }

    @Test
    void switchingTheFormatMidSessionChangesTheNextCall() {
        TableauClient client = server.signedIn(WireFormat.XML, V3_9);
        server.onBoth("GET", webhooks(V3_9), 200, "webhooks-list");
        assertEquals(2, client.listWebhooks().size());

        client.format(WireFormat.JSON);

        assertEquals(WireFormat.JSON, client.format());
        assertEquals(1, client.listWebhooks().size());
        assertEquals("application/json", server.last().header("Accept"));
    }

    @Test
    void readsAnAnswerWhoseContentTypeIsMissingOrWrongByItsFirstCharacter() {
        TableauClient client = server.signedIn(WireFormat.XML, V3_9);
        server.on("GET", webhooks(V3_9), Reply.body(200, "text/plain", Fixtures.text("webhooks-list.json")));
        assertEquals(1, client.listWebhooks().size());
        server.on("GET", webhooks(V3_9), Reply.body(200, "application/xml", Fixtures.text("webhooks-list.json")));
        assertEquals(1, client.listWebhooks().size());
        server.on("GET", webhooks(V3_9), new Reply(200, null, Fixtures.bytes("webhooks-list.xml"), java.util.Map.of()));
        assertEquals(2, client.listWebhooks().size());
    }

    @Test
    void aSuccessAnswerThatIsNotTableauSaysSoInOneLine() {
        TableauClient client = server.signedIn(WireFormat.XML, V3_9);
        server.on("GET", webhooks(V3_9) + "/" + ID, Reply.body(200, "text/html",
                "<!DOCTYPE html>\n<html><body>Please log in</body></html>"));
        NotTableauAnswer e = assertThrows(NotTableauAnswer.class, () -> client.getWebhook(ID));
        assertEquals("GET " + server.uri() + "/api/3.9/sites/" + FixtureServer.SITE_ID + "/webhooks/" + ID + " got an "
                + "answer that does not look like Tableau's REST API: HTTP 200, text/html, \"Please log in\"",
                e.getMessage());
    }

    @Test
    void aSuccessAnswerWithoutTheExpectedElementSaysWhatIsMissing() {
        TableauClient client = server.signedIn(WireFormat.JSON, V3_9);
        server.on("GET", webhooks(V3_9) + "/" + ID, Reply.body(200, "application/json", "{\"other\":{}}"));
        MalformedBodyException e = assertThrows(MalformedBodyException.class, () -> client.getWebhook(ID));
        assertTrue(e.getMessage().contains("has no <webhook>"), e.getMessage());
    }
}
