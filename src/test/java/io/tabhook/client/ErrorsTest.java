package io.tabhook.client;

import io.tabhook.api.TableauError;
import io.tabhook.api.WireFormat;
import io.tabhook.client.FixtureServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.tabhook.client.FixtureServer.V3_9;
import static io.tabhook.client.FixtureServer.webhooks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every error answer becomes a TableauError with status, six-digit code, summary and detail. */
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
    void anErrorPageThatIsNotTableausBecomesStatusCodeWithItsFirstLine() {
        TableauClient client = server.signedIn(WireFormat.XML, V3_9);
        server.on("GET", webhooks(V3_9), Reply.body(502, "text/plain",
                "  upstream connect error or disconnect/reset before headers\nreset reason: overflow\n"));
        TableauError e = assertThrows(TableauError.class, client::listWebhooks);
        assertError(e, 502, "502000", "Bad Gateway", "upstream connect error or disconnect/reset before headers");
    }

    @Test
    void anHtmlErrorPageIsNotReadAsXml() {
        TableauClient client = server.signedIn(WireFormat.XML, V3_9);
        server.on("GET", webhooks(V3_9), Reply.body(503, "text/html",
                "<html><head><title>503</title></head>\n<body>down for maintenance</body></html>"));
        TableauError e = assertThrows(TableauError.class, client::listWebhooks);
        assertError(e, 503, "503000", "Service Unavailable", "<html><head><title>503</title></head>");
    }

    @Test
    void anErrorWithoutBodyStillHasACode() {
        TableauClient client = server.signedIn(WireFormat.JSON, V3_9);
        server.on("GET", webhooks(V3_9) + "/" + ID, Reply.empty(404));
        TableauError e = assertThrows(TableauError.class, () -> client.getWebhook(ID));
        assertError(e, 404, "404000", "Not Found", null);
        assertNull(e.detail());
    }

    @Test
    void anErrorElementWithoutCodeTakesTheStatus() {
        TableauClient client = server.signedIn(WireFormat.JSON, V3_9);
        server.on("GET", webhooks(V3_9), Reply.body(500, "application/json",
                "{\"error\":{\"summary\":\"Internal Server Error\"}}"));
        assertError(assertThrows(TableauError.class, client::listWebhooks), 500, "500000", "Internal Server Error", null);
    }
}
