package io.tabhook.delivery;

import io.tabhook.api.SignInRequest;
import io.tabhook.api.Webhook;
import io.tabhook.api.WebhookSpec;
import io.tabhook.api.WebhookTestResult;
import io.tabhook.client.TableauClient;
import io.tabhook.events.EventType;
import io.tabhook.inbox.Delivery;
import io.tabhook.inbox.DeliveryFilter;
import io.tabhook.inbox.Inbox;
import io.tabhook.inbox.InboxOptions;
import io.tabhook.sandbox.ActivityResult;
import io.tabhook.sandbox.Demo;
import io.tabhook.sandbox.Sandbox;
import io.tabhook.sandbox.SandboxOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole loop a workshop runs: a webhook created through the client on the sandbox, site activity, and the
 * delivery arriving in the inbox; all over real HTTP on loopback.
 */
class SandboxToInboxTest {
    static Sandbox sandbox;
    static Inbox inbox;
    static TableauClient client;

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start(SandboxOptions.defaults().withRetryBackoff(Duration.ofMillis(20)));
        inbox = Inbox.start(InboxOptions.defaults());
        client = TableauClient.builder(sandbox.baseUrl()).build();
        client.signIn(SignInRequest.password(Demo.ADMIN_USER, Demo.ADMIN_PASSWORD, Demo.WORKSHOP_SITE));
    }

    @AfterAll
    static void stop() {
        inbox.close();
        sandbox.close();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void eachEventDeliversItsPayloadToTheInbox(EventType event) throws Exception {
        Webhook hook = client.createWebhook(WebhookSpec.create("to-inbox-" + event.apiName(), event, inbox.url().toString()));
        try {
            var arrival = inbox.next(DeliveryFilter.event(event.apiName()), false);
            ActivityResult fired = sandbox.activity().fire(Demo.WORKSHOP_SITE, event, null, null);
            Delivery d = arrival.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(event.apiName(), d.payload().eventType());
            assertEquals(fired.resourceLuid(), d.payload().resourceLuid());
            assertEquals(fired.resourceName(), d.payload().resourceName());
            assertEquals(client.credentials().orElseThrow().siteId(), d.payload().siteLuid());
            assertTrue(d.payload().createdAt().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), d.payload().createdAt());
            assertEquals("TableauWebhooks/1.0", d.header("User-Agent"));
            assertTrue(d.header("Content-Type").startsWith("application/json"));
            if (event.resource() != EventType.Resource.LABEL) assertEquals(event.payloadResource(), d.payload().resource());
        } finally {
            client.deleteWebhook(hook.id());
        }
    }

    @Test
    void testEndpointReportsWhatTheInboxAnswered() {
        Webhook hook = client.createWebhook(WebhookSpec.create("tested", EventType.WORKBOOK_CREATED, inbox.url().toString()));
        WebhookTestResult r = client.testWebhook(hook.id());
        assertEquals(200, r.status());
        assertTrue(r.body().contains("\"ok\":true"), r.body());
        client.deleteWebhook(hook.id());
    }

    @Test
    void disabledWebhookDeliversNothingToTheInbox() throws Exception {
        Webhook hook = client.createWebhook(WebhookSpec.create("quiet", EventType.SITE_UPDATED, inbox.url().toString()));
        client.updateWebhook(hook.id(), new WebhookSpec(null, null, null, false, "quiet please"));
        long before = siteUpdatedDeliveries();
        sandbox.activity().fire(Demo.WORKSHOP_SITE, EventType.SITE_UPDATED, null, null);
        assertTrue(sandbox.deliveries().awaitIdle(Duration.ofSeconds(10)));
        assertEquals(before, siteUpdatedDeliveries());
        assertTrue(sandbox.deliveries().attemptsFor(hook.id()).isEmpty(), "not even attempted");
        assertThrows(TimeoutException.class, () -> inbox.await(DeliveryFilter.event("SiteUpdated"), Duration.ofMillis(200), false));
        client.deleteWebhook(hook.id());
    }

    private static long siteUpdatedDeliveries() {
        return inbox.deliveries().stream().filter(d -> d.payload() != null && "SiteUpdated".equals(d.payload().eventType())).count();
    }

    @Test
    void failingDestinationSeesFourAttemptsAndTheWebhookEndsDisabled() throws Exception {
        // The inbox refuses bodies over its limit with 413: a destination that always fails.
        try (Inbox strict = Inbox.start(InboxOptions.defaults().withMaxBodyBytes(10))) {
            Webhook hook = client.createWebhook(WebhookSpec.create("failing", EventType.WORKBOOK_UPDATED, strict.url().toString()));
            sandbox.activity().fire(Demo.WORKSHOP_SITE, EventType.WORKBOOK_UPDATED, null, null);
            assertTrue(sandbox.deliveries().awaitIdle(Duration.ofSeconds(20)));
            assertEquals(4, sandbox.deliveries().attemptsFor(hook.id()).stream().filter(a -> !a.test()).count());
            Webhook after = client.getWebhook(hook.id());
            assertFalse(after.isEnabled());
            assertTrue(after.statusChangeReason().contains("413"), after.statusChangeReason());
            assertTrue(strict.deliveries().isEmpty(), "413 answers keep nothing");
            client.deleteWebhook(hook.id());
        }
    }
}
