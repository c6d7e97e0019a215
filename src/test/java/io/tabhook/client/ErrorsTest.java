package io.tabhook.client;

import io.tabhook.api.TableauError;
import io.tabhook.api.WireFormat;
import io.tabhook.client.FixtureServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static io.tabhook.client.FixtureServer.V3_9;
import static io.tabhook.client.FixtureServer.webhooks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every error answer in Tableau's form becomes a TableauError with status, six-digit code, summary and detail; any
 * other answer (a web server's or proxy's page, an empty error) a NotTableauAnswer that says what came back.
 */
class ErrorsTest {
    private static final String ID = "dbf3e1e3-aa15-4c17-bc1e-20dcf1b94252";
    private final FixtureServer server = FixtureServer.start();

    @AfterEach
    void stop() { server.close(); }

    private static void assertError(TableauError e, int status, String code, String summary, String detail) {
        assertEquals(List.of(status, code, summary, String.valueOf(detail)),
                List.of(e.httpStatus(), e.code(), e.summary(), String.valueOf(e.detail())));
    }

    @Test
    void readsTheDocumentedXmlError() {
        TableauClient client = server.signedIn(WireFormat.XML, V3_9);
        server.on("GET", webhooks(V3_9), Reply.fixture(401, "error-401002.xml"));
        TableauError e = assertThrows(TableauError.class, client::listWebhooks);
        assertError(e, 401, "401002", "Unauthorized Access", "Invalid authentication credentials were provided.");
        assertEquals("401002 Unauthorized Access: Invalid authentication credentials were provided.", e.getMessage());
    }

    @Test
    void readsTheDocumentedJsonErrorWhoseCodeIsAString() {
        TableauClient client = server.signedIn(WireFormat.JSON, V3_9);
        server.on("GET", webhooks(V3_9) + "/" + ID + "/test", Reply.fixture(404, "error-404003.json"));
        TableauError e = assertThrows(TableauError.class, () -> client.testWebhook(ID));
        assertError(e, 404, "404003", "Resource Not Found",
                "Unknown resource '/exp/sites/ff66/webhooks/Replace_Me/test' specified in URI.");
    }

    @Test
    void readsAJsonErrorWhoseCodeIsANumberFromTheTestOfAMissingWebhook() {
        TableauClient client = server.signedIn(WireFormat.JSON, V3_9);
        server.on("GET", webhooks(V3_9) + "/" + ID + "/test", Reply.body(400, "application/json",
                "{\"error\":{\"code\":400113,\"summary\":\"Bad Request\",\"detail\":\"The webhook does not exist.\"}}"));
        TableauError e = assertThrows(TableauError.class, () -> client.testWebhook(ID));
        assertError(e, 400, "400113", "Bad Request", "The webhook does not exist.");
    }

    @Test
    void readsAnErrorInTheOtherFormatThanAskedFor() {
        TableauClient client = server.signedIn(WireFormat.JSON, V3_9);
        server.on("DELETE", webhooks(V3_9) + "/" + ID, Reply.fixture(401, "error-401002.xml"));
        assertEquals("401002", assertThrows(TableauError.class, () -> client.deleteWebhook(ID)).code());
    }

    @Test
    void aGatewaysPlainTextErrorSaysItIsNotTableauWithStatusTypeAndFirstWords() {
        TableauClient client = server.signedIn(WireFormat.XML, V3_9);
        server.on("GET", webhooks(V3_9), Reply.body(502, "text/plain",
                "  upstream connect error or disconnect/reset before headers\nreset reason: overflow\n"));
        NotTableauAnswer e = lastTry(assertThrows(GaveUp.class, client::listWebhooks));
        assertEquals("GET " + server.uri() + "/api/3.9/sites/" + FixtureServer.SITE_ID + "/webhooks got an answer that "
                + "does not look like Tableau's REST API: HTTP 502 Bad Gateway, text/plain, \"upstream connect error or "
                + "disconnect/reset before headers reset reason: overflow\"", e.getMessage());
        assertEquals(502, e.status());
    }

    @Test
    void aProxysHtmlPageIsQuotedByItsWordsNotItsTagsAndGetsNoMadeUpCode() {
        TableauClient client = server.signedIn(WireFormat.XML, V3_9);
        server.on("GET", webhooks(V3_9), Reply.body(404, "text/html; charset=iso-8859-1",
                "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>404 Not Found</title>\n"
                        + "</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n"
                        + "</body></html>\n"));
        NotTableauAnswer e = assertThrows(NotTableauAnswer.class, client::listWebhooks);
        assertTrue(e.getMessage().endsWith("does not look like Tableau's REST API: HTTP 404 Not Found, "
                + "text/html; charset=iso-8859-1, \"404 Not Found Not Found The requested URL was not found on this "
                + "server.\""), e.getMessage());
        assertFalse(e.getMessage().contains("404000"), e.getMessage());
    }

    @Test
    void aLongPageIsCutAfterItsFirstWords() {
        TableauClient client = server.signedIn(WireFormat.XML, V3_9);
        server.on("GET", webhooks(V3_9), Reply.body(503, "text/html",
                "<html><body>" + "down for maintenance ".repeat(20) + "</body></html>"));
        GaveUp gaveUp = assertThrows(GaveUp.class, client::listWebhooks);
        NotTableauAnswer e = lastTry(gaveUp);
        assertTrue(gaveUp.getMessage().endsWith(e.getMessage()), "the last answer, as it came: " + gaveUp.getMessage());
        assertTrue(e.getMessage().endsWith("HTTP 503 Service Unavailable, text/html, \"down for maintenance down for "
                + "maintenance down for maintenance down for maintenance down for…\""), e.getMessage());
    }

    @Test
    void anErrorWithoutBodyIsNotTableausEither() {
        TableauClient client = server.signedIn(WireFormat.JSON, V3_9);
        server.on("GET", webhooks(V3_9) + "/" + ID, Reply.empty(404));
        NotTableauAnswer e = assertThrows(NotTableauAnswer.class, () -> client.getWebhook(ID));
        assertTrue(e.getMessage().endsWith("HTTP 404 Not Found, no content type, empty body"), e.getMessage());
    }

    @Test
    void aPlainWebServerAnsweringServerInfoIsNotTakenForTableauAtAnyVersion() {
        TableauClient client = TableauClient.builder(server.uri()).build();
        server.on("GET", "/api/3.4/serverinfo", Reply.body(404, "text/html", "<html><body>Nothing here</body></html>"));
        server.on("GET", "/api/2.4/serverinfo", Reply.body(404, "text/html", "<html><body>Nothing here</body></html>"));
        NotTableauAnswer e = assertThrows(NotTableauAnswer.class, client::serverInfo);
        assertTrue(e.getMessage().contains("does not look like Tableau's REST API: HTTP 404 Not Found, text/html, "
                + "\"Nothing here\""), e.getMessage());
    }

    @Test
    void aServerAddressWithAPathTheServerDoesNotServeGetsAHint() {
        TableauClient client = TableauClient.builder(URI.create(server.uri() + "/tableau")).build();
        server.on("GET", "/tableau/api/3.4/serverinfo", Reply.body(404, "text/html", "<html><body>Not Found</body></html>"));
        server.on("GET", "/tableau/api/2.4/serverinfo", Reply.body(404, "text/html", "<html><body>Not Found</body></html>"));
        NotTableauAnswer e = assertThrows(NotTableauAnswer.class, client::serverInfo);
        assertTrue(e.getMessage().endsWith("HTTP 404 Not Found, text/html, \"Not Found\" — nothing under /tableau answers "
                + "as Tableau's REST API; give the server's address without it: " + server.uri()), e.getMessage());
    }

    @Test
    void aSuccessWithAnEmptyBodyWhereTableauSendsOneIsNotTableaus() {
        TableauClient client = server.signedIn(WireFormat.XML, V3_9);
        server.on("GET", webhooks(V3_9) + "/" + ID, Reply.body(200, "application/xml", ""));
        NotTableauAnswer e = assertThrows(NotTableauAnswer.class, () -> client.getWebhook(ID));
        assertTrue(e.getMessage().endsWith("HTTP 200, application/xml, empty body"), e.getMessage());
    }

    @Test
    void aJsonAnswerUnderAWrongContentTypeIsStillRead() {
        TableauClient client = server.signedIn(WireFormat.JSON, V3_9);
        server.on("GET", webhooks(V3_9), new Reply(200, "text/plain", io.tabhook.api.Fixtures.bytes("webhooks-list.json"),
                java.util.Map.of()));
        assertEquals(1, client.listWebhooks().size());
    }

    @Test
    void plainTextUnderTableausContentTypeIsNotTableaus() {
        TableauClient client = server.signedIn(WireFormat.XML, V3_9);
        server.on("GET", webhooks(V3_9), Reply.body(200, "application/xml", "OK"));
        NotTableauAnswer e = assertThrows(NotTableauAnswer.class, client::listWebhooks);
        assertTrue(e.getMessage().endsWith("HTTP 200, application/xml, \"OK\""), e.getMessage());
    }

    @Test
    void anErrorElementWithoutCodeTakesTheStatus() {
        TableauClient client = server.signedIn(WireFormat.JSON, V3_9);
        server.on("GET", webhooks(V3_9), Reply.body(500, "application/json",
                "{\"error\":{\"summary\":\"Internal Server Error\"}}"));
        GaveUp gaveUp = assertThrows(GaveUp.class, client::listWebhooks);
        assertError(assertInstanceOf(TableauError.class, gaveUp.lastFailure()), 500, "500000", "Internal Server Error",
                null);
    }

    /** A 5xx is tried again until the time for tries runs out; what the last try got is what was wrong. */
    private static NotTableauAnswer lastTry(GaveUp e) {
        assertTrue(e.tries() > 1, e.getMessage());
        assertTrue(e.getMessage().startsWith("gave up after " + e.tries() + " tries over "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return assertInstanceOf(NotTableauAnswer.class, e.lastFailure());
    }
}
