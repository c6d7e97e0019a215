package io.tabhook.api;

import io.tabhook.events.EventType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a model writes, it reads back unchanged, in both formats. */
class RoundTripTest {

    private static Element roundTrip(WireFormat format, ApiVersion version, Element e) {
        List<Element> read = WireCodec.read(format, WireCodec.writeResponse(format, version, e));
        assertEquals(1, read.size());
        return read.get(0);
    }

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void credentials(WireFormat format) {
        Credentials c = new Credentials("Bq1abc|gKqdef", "site-1", "marketing", "user-1", "2:12:30");
        assertEquals(c, Credentials.fromElement(roundTrip(format, ApiVersion.V3_9, c.toElement())));
    }

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void serverInfo(WireFormat format) {
        ServerInfo s = new ServerInfo("2024.2.0", "20242.24.0807.0327", ApiVersion.LATEST);
        assertEquals(s, ServerInfo.fromElement(roundTrip(format, ApiVersion.LATEST, s.toElement())));
    }

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void webhookAt39(WireFormat format) {
        Webhook w = new Webhook("w-1", "notify", "AdminPromoted", false, "Webhook disabled by user",
                "https://h.example.com/x", "o-1", "admin", "2024-05-02T09:15:27Z", null);
        assertEquals(w, Webhook.fromElement(roundTrip(format, ApiVersion.V3_9, w.toElement(ApiVersion.V3_9))));
    }

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void webhookAt36LosesOnlyTheFlagsThatVersionLacks(WireFormat format) {
        Webhook w = new Webhook("w-1", "notify", "WorkbookCreated", true, "", "https://h.example.com/x",
                "o-1", "admin", null, null);
        Webhook back = Webhook.fromElement(roundTrip(format, ApiVersion.V3_6, w.toElement(ApiVersion.V3_6)));
        assertEquals(new Webhook("w-1", "notify", "WorkbookCreated", null, null, "https://h.example.com/x",
                "o-1", "admin", null, null), back);
    }

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void webhookListOfOneStaysAList(WireFormat format) {
        Webhook w = new Webhook("w-1", "n", "ViewDeleted", true, "", "https://h/x", null, null, null, null);
        Element list = roundTrip(format, ApiVersion.V3_9, Webhook.listElement(List.of(w), ApiVersion.V3_9));
        assertEquals(List.of(w), Webhook.fromListElement(list));
        if (format == WireFormat.JSON) {
            String json = new String(WireCodec.writeResponse(format, ApiVersion.V3_9,
                    Webhook.listElement(List.of(w), ApiVersion.V3_9)));
            assertEquals(true, json.contains("\"webhook\":["), json);
        }
    }

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void emptyWebhookList(WireFormat format) {
        Element list = roundTrip(format, ApiVersion.V3_9, Webhook.listElement(List.of(), ApiVersion.V3_9));
        assertEquals(List.of(), Webhook.fromListElement(list));
    }

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void testResult(WireFormat format) {
        WebhookTestResult r = new WebhookTestResult("w-1", 401, "{\"error\":\"bad key\"}");
        assertEquals(r, WebhookTestResult.fromElement(roundTrip(format, ApiVersion.V3_9, r.toElement())));
    }

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void tableauError(WireFormat format) {
        TableauError e = new TableauError(404, "404003", "Resource Not Found", "Unknown resource 'x' specified in URI.");
        TableauError back = TableauError.fromElement(roundTrip(format, ApiVersion.V3_9, e.toElement()), 404);
        assertEquals(List.of(e.httpStatus(), e.code(), e.summary(), e.detail()),
                List.of(back.httpStatus(), back.code(), back.summary(), back.detail()));
    }

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void webhookSpecEventSurvivesAt36And39(WireFormat format) {
        for (ApiVersion v : List.of(ApiVersion.V3_6, ApiVersion.V3_9)) {
            Element e = WireCodec.read(format, WireCodec.writeRequest(format,
                    WebhookSpec.create("n", EventType.DATASOURCE_REFRESH_FAILED, "https://h/x").toElement(v))).get(0);
            assertEquals("DatasourceRefreshFailed", Webhook.fromElement(e).event(), "at " + v);
        }
    }
}
