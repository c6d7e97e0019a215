package io.tabhook.api;

import io.tabhook.events.EventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.tabhook.api.Fixtures.element;
import static io.tabhook.api.Fixtures.elements;
import static io.tabhook.api.Fixtures.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The api models read every documented body in both formats. */
class FixtureReadingTest {
    private static final String SITE = "11ff7a7e-4ac9-4d99-84df-73a4138ab502";
    private static final String USER = "f97aba2e-4a0b-4bcc-a6ca-5401135129b0";

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void readsTheSignInAnswer(WireFormat format) {
        Credentials c = Credentials.fromElement(element(file("signin-response", format), "credentials"));
        assertEquals(format == WireFormat.XML ? "Bq1...|gKq..." : "mqd...|q2N...", c.token());
        assertEquals(SITE, c.siteId());
        assertEquals("", c.siteContentUrl());
        assertEquals(USER, c.userId());
        assertNull(c.estimatedTimeToExpiration());
    }

    @Test
    void credentialsNeverShowTheWholeToken() {
        Credentials c = new Credentials("Bq1secretsecretsecret|gKq", SITE, "", USER, null);
        assertFalse(c.toString().contains("secretsecret"), c.toString());
    }

    @Test
    void toleratesNewerSignInFields() {
        String xml = """
                <tsResponse xmlns="http://tableau.com/api">
                  <credentials token="abc|def" estimatedTimeToExpiration="177:05:38" newerField="x">
                    <site id="s1" contentUrl="marketing" name="Marketing"/>
                    <user id="u1"/>
                  </credentials>
                </tsResponse>""";
        Credentials c = Credentials.fromElement(
                WireCodec.read(WireFormat.XML, xml.getBytes(StandardCharsets.UTF_8)).get(0));
        assertEquals("177:05:38", c.estimatedTimeToExpiration());
        assertEquals("marketing", c.siteContentUrl());
    }

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void readsServerInfo(WireFormat format) {
        ServerInfo info = ServerInfo.fromElement(element(file("serverinfo", format), "serverInfo"));
        assertEquals(new ServerInfo("2022.1.5", "20221.22.0823.1450", new ApiVersion(3, 15)), info);
    }

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void readsA36WebhookWithoutEventAttributeFromItsSourceElement(WireFormat format) {
        Webhook w = Webhook.fromElement(element(file("webhook-response-3.6", format), "webhook"));
        assertEquals(format == WireFormat.XML ? "0cca7b4b-9a94-4254-9425-faaf9ad4e5e3"
                : "2dfb2dcd-d427-466e-b029-2ebfdcc7a6a1", w.id());
        assertEquals("My First Webhook", w.name());
        assertEquals("WorkbookCreated", w.event());
        assertEquals(EventType.WORKBOOK_CREATED, w.eventType().orElseThrow());
        assertNull(w.enabled(), "3.6 has no isEnabled");
        assertTrue(w.isEnabled(), "every webhook before 3.8 delivers");
        assertEquals("https://webhook.site/80ecd22d-0000", w.url());
        assertEquals(USER, w.ownerId());
        assertEquals("testadmin", w.ownerName());
    }

    @Test
    void readsA39WebhookWithEventAndFlags() {
        Webhook w = Webhook.fromElement(element("webhook-response-3.9.xml", "webhook"));
        assertEquals(new Webhook("dbf3e1e3-aa15-4c17-bc1e-20dcf1b94252", "notify-wb-created", "WorkbookCreated",
                true, "", "https://hooks.example.com/tableau", "76667373-2d1a-4f85-8aed-6e29d8b979af", "site-admin",
                null, null), w);
    }

    @Test
    void readsTheXmlListIncludingTheAdminEventWithTheNewPrefix() {
        List<Webhook> hooks = Webhook.fromListElement(element("webhooks-list.xml", "webhooks"));
        assertEquals(2, hooks.size());
        assertEquals("DatasourceCreated", hooks.get(0).event());
        Webhook admin = hooks.get(1);
        assertEquals("notify-admin", admin.name());
        assertEquals("AdminPromoted", admin.event());
        assertEquals(Boolean.FALSE, admin.enabled());
        assertFalse(admin.isEnabled());
        assertEquals("Webhook disabled by user", admin.statusChangeReason());
        assertEquals("https://hooks.example.com/admin", admin.url());
    }

    @Test
    void readsTheAdminEventFromTheNewPrefixSourceAlone() {
        // A server before 3.9 names the event only by its source element.
        String xml = Fixtures.text("webhooks-list.xml").replace(" event=\"AdminPromoted\"", "")
                .replace(" event=\"DatasourceCreated\"", "");
        List<Webhook> hooks = Webhook.fromListElement(
                WireCodec.read(WireFormat.XML, xml.getBytes(StandardCharsets.UTF_8)).get(0));
        assertEquals(List.of("DatasourceCreated", "AdminPromoted"), hooks.stream().map(Webhook::event).toList());
    }

    @Test
    void readsTheJsonList() {
        List<Webhook> hooks = Webhook.fromListElement(element("webhooks-list.json", "webhooks"));
        assertEquals(1, hooks.size());
        Webhook w = hooks.get(0);
        assertEquals("notify-ds-created", w.name());
        assertEquals("DatasourceCreated", w.event());
        assertEquals(Boolean.TRUE, w.enabled());
        assertEquals("", w.statusChangeReason());
        assertEquals("https://hooks.example.com/ds", w.url());
        assertEquals("site-admin", w.ownerName());
    }

    @Test
    void readsTheEmptyList() {
        assertEquals(List.of(), Webhook.fromListElement(element("webhooks-list-empty.xml", "webhooks")));
    }

    @Test
    void toleratesTimestampsAndUnknownAttributesOnAWebhook() {
        String json = """
                {"webhook":{"id":"w1","name":"n","event":"ViewDeleted","isEnabled":false,"statusChangeReason":"r",
                 "createdAt":"2024-05-02T09:15:27Z","updatedAt":"2024-05-03T09:15:27Z","somethingNew":{"x":1},
                 "webhook-destination":{"webhook-destination-http":{"method":"POST","url":"https://h/x"}}}}""";
        Webhook w = Webhook.fromElement(WireCodec.read(WireFormat.JSON, json.getBytes(StandardCharsets.UTF_8)).get(0));
        assertEquals("ViewDeleted", w.event());
        assertEquals("2024-05-02T09:15:27Z", w.createdAt());
        assertEquals("2024-05-03T09:15:27Z", w.updatedAt());
        assertFalse(w.isEnabled());
    }

    @Test
    void readsTheXmlTestResultFromStatusAttributeAndBodyText() {
        WebhookTestResult r = WebhookTestResult.fromElement(element("webhook-test-result.xml", "webhookTestResult"));
        assertEquals(new WebhookTestResult("dbf3e1e3-aa15-4c17-bc1e-20dcf1b94252", 404, "Not Found"), r);
        assertFalse(r.succeeded());
    }

    @Test
    void readsTheJsonTestResultWithANumericStatus() {
        WebhookTestResult r = WebhookTestResult.fromElement(element("webhook-test-result.json", "webhookTestResult"));
        assertEquals(new WebhookTestResult("dbf3e1e3-aa15-4c17-bc1e-20dcf1b94252", 200, "ok"), r);
        assertTrue(r.succeeded());
    }

    @Test
    void readsTheXmlError() {
        TableauError e = TableauError.fromElement(element("error-401002.xml", "error"), 401);
        assertEquals(401, e.httpStatus());
        assertEquals("401002", e.code());
        assertEquals("Unauthorized Access", e.summary());
        assertEquals("Invalid authentication credentials were provided.", e.detail());
    }

    @Test
    void readsTheJsonErrorWhoseCodeIsAString() {
        TableauError e = TableauError.fromElement(element("error-404003.json", "error"), 404);
        assertEquals(404, e.httpStatus());
        assertEquals("404003", e.code());
        assertEquals("Resource Not Found", e.summary());
        assertEquals("Unknown resource '/exp/sites/ff66/webhooks/Replace_Me/test' specified in URI.", e.detail());
    }

    @Test
    void readsAJsonErrorWhoseCodeIsANumber() {
        byte[] json = "{\"error\":{\"code\":400113,\"summary\":\"Bad Request\",\"detail\":\"no such webhook\"}}"
                .getBytes(StandardCharsets.UTF_8);
        TableauError e = TableauError.fromElement(WireCodec.read(WireFormat.JSON, json).get(0), 400);
        assertEquals("400113", e.code());
        assertEquals("no such webhook", e.detail());
    }

    @Test
    void anErrorWithoutStatusTakesItFromTheCode() {
        assertEquals(404, TableauError.fromElement(element("error-404003.json", "error"), 0).httpStatus());
    }

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void everyFixtureBodyIsReadableInItsFormat(WireFormat format) {
        for (String name : List.of("signin-response", "serverinfo", "webhook-response-3.6", "webhooks-list",
                "webhook-test-result", "webhook-create-request-3.6", "webhook-create-request-3.9",
                "signin-request-pat")) {
            assertFalse(elements(file(name, format)).isEmpty(), name);
        }
    }
}
