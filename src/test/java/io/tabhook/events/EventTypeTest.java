package io.tabhook.events;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventTypeTest {

    @Test
    void catalogueHasAllTwentyTwoDocumentedEvents() {
        assertEquals(22, EventType.values().length);
        assertEquals(22, EventType.apiNames().stream().distinct().count());
    }

    @ParameterizedTest
    @ValueSource(strings = {"WorkbookCreated", "workbook-created", "webhook-source-event-workbook-created",
            "WORKBOOKCREATED", "workbook_created", " workbookcreated "})
    void parsesEverySpellingAUserMeets(String spelling) {
        assertEquals(EventType.WORKBOOK_CREATED, EventType.parse(spelling));
    }

    @Test
    void acceptsTheDocumentedLabelDeletedTypo() {
        assertEquals(EventType.LABEL_DELETED, EventType.parse("webhook-source-event-label-LabelDeleted"));
    }

    @Test
    void adminEventsUseTheNewerPrefix() {
        assertEquals(EventType.ADMIN_PROMOTED, EventType.parse("webhook-event-user-promoted-admin"));
        assertEquals(EventType.ADMIN_PROMOTED, EventType.parse("user-promoted-admin"));
        assertTrue(EventType.ADMIN_DEMOTED.newPrefix());
    }

    @Test
    void refreshEventsReportExtractsAsResource() {
        assertEquals("EXTRACTS", EventType.WORKBOOK_REFRESH_FAILED.payloadResource());
        assertEquals("WORKBOOK", EventType.WORKBOOK_CREATED.payloadResource());
    }

    @Test
    void unknownNameListsTheClosestMatches() {
        UnknownEventException e = assertThrows(UnknownEventException.class, () -> EventType.parse("WorkbookCreatd"));
        assertEquals("WorkbookCreated", e.suggestions().get(0));
        assertTrue(e.getMessage().contains("WorkbookCreated"), e.getMessage());
        assertEquals("DatasourceRefreshFailed",
                EventType.closest("datasourcerefreshfail", 1).get(0));
    }

    @Test
    void theThirteenEventsOf2019Point4HaveTheirSourcedFirstVersionAndTheNineLaterOnesNone() {
        long sourced = java.util.Arrays.stream(EventType.values()).filter(e -> e.firstVersion().isPresent()).count();
        assertEquals(13, sourced);
        assertEquals(java.util.Optional.of("3.6"), EventType.VIEW_DELETED.firstVersion());
        for (EventType e : new EventType[] {EventType.ADMIN_PROMOTED, EventType.ADMIN_DEMOTED, EventType.USER_DELETED,
                EventType.SITE_CREATED, EventType.SITE_UPDATED, EventType.SITE_DELETED, EventType.LABEL_CREATED,
                EventType.LABEL_UPDATED, EventType.LABEL_DELETED}) {
            assertTrue(e.firstVersion().isEmpty(), e.apiName());
            assertEquals("UNCERTAIN", e.since(), e.apiName());
        }
    }
}
