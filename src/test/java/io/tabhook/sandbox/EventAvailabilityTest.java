package io.tabhook.sandbox;

import io.tabhook.api.ApiVersion;
import io.tabhook.api.TableauError;
import io.tabhook.events.EventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;


import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which events a webhook may name at which version: an event with a sourced first version is refused before it,
 * naming the version; an event whose first version no source gives is taken from 3.6, where webhooks begin.
 */
class EventAvailabilityTest extends FreshSandboxTest {
    @Override
    String signInSite() {
        return Demo.DEFAULT_SITE;
    }

    @ParameterizedTest
    @EnumSource(value = EventType.class, names = {"ADMIN_PROMOTED", "ADMIN_DEMOTED", "USER_DELETED", "SITE_CREATED",
            "SITE_UPDATED", "SITE_DELETED", "LABEL_CREATED", "LABEL_UPDATED", "LABEL_DELETED"})
    void anEventWithoutASourcedFirstVersionIsTakenAt36(EventType event) {
        String body = "<tsRequest><webhook name=\"at-3.6\"><webhook-source><" + event.sourceName() + "/>"
                + "</webhook-source><webhook-destination><webhook-destination-http method=\"POST\" "
                + "url=\"https://hooks.example.com/a\"/></webhook-destination></webhook></tsRequest>";
        Caller.Answer a = admin.postXml(admin.webhooks("3.6"), body);
        assertEquals(201, a.status(), a.body());
    }

    @Test
    void anEventIsRefusedBeforeItsSourcedFirstVersionWithA400NamingIt() {
        TableauError e = assertThrows(TableauError.class,
                () -> WebhookEndpoints.requireAvailable(EventType.WORKBOOK_CREATED, new ApiVersion(3, 5)));
        assertEquals(400, e.httpStatus());
        assertTrue(e.getMessage().contains("WorkbookCreated needs API 3.6 or later; this call used 3.5"), e.getMessage());
        assertDoesNotThrow(() -> WebhookEndpoints.requireAvailable(EventType.WORKBOOK_CREATED, ApiVersion.V3_6));
        assertDoesNotThrow(() -> WebhookEndpoints.requireAvailable(EventType.LABEL_DELETED, ApiVersion.V3_6));
    }
}
