package io.tabhook.api;

import io.tabhook.events.EventType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.tabhook.api.Fixtures.assertSameShape;
import static io.tabhook.api.Fixtures.bytes;
import static io.tabhook.api.Fixtures.elements;
import static io.tabhook.api.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Requests the models write match the documented request bodies, element for element. */
class RequestShapeTest {
    private static final String URL = "https://hooks.example.com/tableau";

    private static List<Element> xmlOf(Element request) {
        return WireCodec.read(WireFormat.XML, WireCodec.writeRequest(WireFormat.XML, request));
    }

    @Test
    void createsWebhookWithEventAttributeAt39InXml() {
        Element request = WebhookSpec.create("notify-wb-created", EventType.WORKBOOK_CREATED, URL)
                .toElement(ApiVersion.V3_9);
        assertSameShape(elements("webhook-create-request-3.9.xml"), xmlOf(request));
    }

    @Test
    void createsWebhookWithEventAttributeAt39InJsonKeepingTheBooleanABoolean() {
        Element request = new WebhookSpec("notify-wb-created", EventType.WORKBOOK_CREATED, URL, true, null)
                .toElement(ApiVersion.V3_9);
        byte[] written = WireCodec.writeRequest(WireFormat.JSON, request);
        assertEquals(json(bytes("webhook-create-request-3.9.json")), json(written));
        assertTrue(json(written).get("webhook").get("isEnabled").isBoolean());
    }

    @Test
    void createsWebhookWithLegacySourceElementAt36InXml() {
        Element request = WebhookSpec.create("notify-wb-created", EventType.WORKBOOK_CREATED, URL)
                .toElement(ApiVersion.V3_6);
        assertSameShape(elements("webhook-create-request-3.6.xml"), xmlOf(request));
    }

    @Test
    void createsWebhookWithLegacySourceElementAt36InJson() {
        Element request = WebhookSpec.create("notify-wb-created", EventType.WORKBOOK_CREATED, URL)
                .toElement(ApiVersion.V3_6);
        assertEquals(json(bytes("webhook-create-request-3.6.json")),
                json(WireCodec.writeRequest(WireFormat.JSON, request)));
    }

    @Test
    void theLegacySourceCarriesTheEventUpTo38() {
        Element at38 = WebhookSpec.create("n", EventType.VIEW_DELETED, URL).toElement(ApiVersion.V3_8);
        assertEquals("webhook-source-event-view-deleted", Webhook.sourceEvent(at38));
        assertEquals(null, at38.attr("event"));
    }

    @Test
    void updatesWebhookAsDocumented() {
        Element request = new WebhookSpec("notify-wb-created", EventType.WORKBOOK_CREATED,
                "https://hooks.example.com/tableau-v2", false, "paused during maintenance").toElement(ApiVersion.V3_9);
        assertSameShape(elements("webhook-update-request.xml"), xmlOf(request));
    }

    @Test
    void aPartialUpdateSendsOnlyWhatItNames() {
        Element request = new WebhookSpec(null, null, null, true, null).toElement(ApiVersion.V3_9);
        assertEquals("{\"webhook\":{\"isEnabled\":true}}",
                new String(WireCodec.writeRequest(WireFormat.JSON, request)));
    }

    @Test
    void signsInWithPasswordAsDocumented() {
        Element request = SignInRequest.password("admin@example.com", "s3cret", "marketing").toElement();
        assertSameShape(elements("signin-request-password.xml"), xmlOf(request));
    }

    @Test
    void signsInWithPersonalAccessTokenAsDocumentedInXml() {
        Element request = SignInRequest.personalAccessToken("ci-bot", "Yx8...==:Qv2...", "marketing").toElement();
        assertSameShape(elements("signin-request-pat.xml"), xmlOf(request));
    }

    @Test
    void signsInWithPersonalAccessTokenAsDocumentedInJson() {
        Element request = SignInRequest.personalAccessToken("ci-bot", "Yx8...==:Qv2...", "marketing").toElement();
        assertEquals(json(bytes("signin-request-pat.json")),
                json(WireCodec.writeRequest(WireFormat.JSON, request)));
    }

    @Test
    void theSignInRequestReadsBackFromTheFixtures() {
        SignInRequest pat = SignInRequest.fromElement(Fixtures.element("signin-request-pat.json", "credentials"));
        assertEquals(SignInRequest.personalAccessToken("ci-bot", "Yx8...==:Qv2...", "marketing"), pat);
        SignInRequest pw = SignInRequest.fromElement(Fixtures.element("signin-request-password.xml", "credentials"));
        assertEquals(SignInRequest.password("admin@example.com", "s3cret", "marketing"), pw);
    }

    @Test
    void aSignInRequestNeverShowsItsSecret() {
        assertTrue(!SignInRequest.password("admin", "hunter2-very-secret", "").toString().contains("hunter2"));
        assertTrue(!SignInRequest.jwt("eyJhbGciOiJIUzI1NiJ9.payload.sig", "").toString().contains("payload"));
    }
}
