package io.tabhook.dsl;

import io.tabhook.api.Credentials;
import io.tabhook.api.SiteUser;
import io.tabhook.api.TableauSite;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The words around webhooks through the real interpreter against the real sandbox: each makes its REST call, and the
 * ones that make events happen are heard by a webhook whose payload waitForPayload then returns.
 */
class SiteWordsTest extends InterpreterOnLoopback {

    private static Interpreter signedIn(String site) {
        Interpreter e = interpreter(Map.of(), line -> { });
        e.evaluate("signIn site: '" + site + "', user: 'admin', password: 'admin'");
        return e;
    }

    /** Creates a webhook for the event at the inbox and answers the payload that waitForPayload returns after {@code line}. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> payloadAfter(Interpreter e, String event, String line) {
        e.evaluate("createWebhook name: 'words-" + event + "', event: '" + event + "'");
        e.evaluate(line);
        return (Map<String, Object>) e.evaluate("waitForPayload event: '" + event + "', timeout: 20");
    }

    @Test
    @SuppressWarnings("unchecked")
    void usersAndUserByNameIdOrAWebhooksOwner() {
        Interpreter e = signedIn("workshop");
        List<SiteUser> users = (List<SiteUser>) e.evaluate("users()");
        assertTrue(users.stream().anyMatch(u -> u.name().equals("viewer")));
        assertEquals("Viewer", ((SiteUser) e.evaluate("user 'viewer'")).siteRole());
        e.evaluate("hook = createWebhook name: 'owned', event: 'WorkbookCreated'");
        assertEquals("admin", e.evaluate("user(hook.ownerId).name"));
        DslException none = assertThrows(DslException.class, () -> e.evaluate("user 'nobody'"));
        assertTrue(none.getMessage().startsWith("no user named 'nobody'; there are: admin, viewer"), none.getMessage());
    }

    @Test
    void updateUserIntoAndOutOfSiteAdministrationFiresAdminPromotedThenAdminDemoted() {
        Interpreter e = signedIn("workshop");
        Map<String, Object> up = payloadAfter(e, "AdminPromoted", "updateUser 'analyst', role: 'SiteAdministratorExplorer'");
        assertEquals("analyst", up.get("resource_name"));
        Map<String, Object> down = payloadAfter(e, "AdminDemoted", "updateUser 'analyst', role: 'Explorer'");
        assertEquals(up.get("resource_luid"), down.get("resource_luid"));
        DslException nothing = assertThrows(DslException.class, () -> e.evaluate("updateUser 'analyst'"));
        assertTrue(nothing.getMessage().contains("needs something to change"), nothing.getMessage());
    }

    @Test
    void removeUserFiresUserDeleted() {
        Interpreter e = signedIn("");
        Map<String, Object> p = payloadAfter(e, "UserDeleted", "removeUser 'siteadmin'");
        assertEquals("siteadmin", p.get("resource_name"));
        assertEquals("USER", p.get("resource"));
    }

    @Test
    void createSwitchUpdateAndDeleteASiteEachHeardWhereTableauSendsIt() {
        Interpreter e = signedIn("");
        Map<String, Object> created = payloadAfter(e, "SiteCreated", "createSite name: 'Words Site'");
        assertEquals("Words Site", created.get("resource_name"));
        e.evaluate("createWebhook name: 'hears-deletion', event: 'SiteDeleted'");

        Credentials there = (Credentials) e.evaluate("switchSite 'wordssite'");
        assertEquals(created.get("resource_luid"), there.siteId());
        assertEquals("wordssite", e.evaluate("session.site"));
        Map<String, Object> updated = payloadAfter(e, "SiteUpdated", "updateSite name: 'Words Site 2'");
        assertEquals("Words Site 2", updated.get("resource_name"));

        DslException other = assertThrows(DslException.class, () -> e.evaluate("deleteSite 'workshop'"));
        assertTrue(other.getMessage().contains("switchSite 'workshop' first"), other.getMessage());
        assertEquals("Words Site 2", ((TableauSite) e.evaluate("deleteSite 'wordssite'")).name());
        assertFalse((Boolean) e.evaluate("session.signedIn"));

        Interpreter back = signedIn("");
        @SuppressWarnings("unchecked")
        Map<String, Object> deleted = (Map<String, Object>) back.evaluate(
                "waitForPayload event: 'SiteDeleted', timeout: 20");
        assertEquals(created.get("resource_luid"), deleted.get("resource_luid"));
        @SuppressWarnings("unchecked")
        List<TableauSite> sites = (List<TableauSite>) back.evaluate("sites()");
        assertFalse(sites.stream().anyMatch(s -> s.contentUrl().equals("wordssite")));
    }

    @Test
    void setAndClearAQualityWarningFireTheLabelEvents() {
        Interpreter e = signedIn("workshop");
        Map<String, Object> created = payloadAfter(e, "LabelCreated",
                "setQualityWarning 'Sample - Superstore', type: 'STALE', message: 'Load failed'");
        assertEquals("DATASOURCE", created.get("resource"));
        assertEquals("Sample - Superstore", created.get("resource_name"));
        Map<String, Object> updated = payloadAfter(e, "LabelUpdated",
                "setQualityWarning 'Sample - Superstore', severe: true");
        assertEquals(created.get("resource_luid"), updated.get("resource_luid"));
        Map<String, Object> deleted = payloadAfter(e, "LabelDeleted", "clearQualityWarning 'Sample - Superstore'");
        assertEquals(created.get("resource_luid"), deleted.get("resource_luid"));
    }

    @Test
    void deleteViewByNameFiresViewDeletedAndAnswersTheView() {
        Interpreter e = signedIn("workshop");
        Map<String, Object> p = payloadAfter(e, "ViewDeleted", "gone = deleteView 'By Region'");
        assertEquals("By Region", p.get("resource_name"));
        assertEquals("VIEW", p.get("resource"));
        assertEquals(e.evaluate("gone.id"), p.get("resource_luid"));
    }

    @Test
    void deleteWorkbookByNameFiresWorkbookDeletedAndAnswersTheWorkbook() {
        Interpreter e = signedIn(""); // the Default site: the workshop site's content is for the other tests
        Object before = e.evaluate("workbooks().collect { it.name }");
        assertTrue(before.toString().contains("Superstore"), before.toString());
        Map<String, Object> p = payloadAfter(e, "WorkbookDeleted", "gone = deleteWorkbook 'Superstore'");
        assertEquals("Superstore", p.get("resource_name"));
        assertEquals("WORKBOOK", p.get("resource"));
        assertEquals(e.evaluate("gone.id"), p.get("resource_luid"));
        assertFalse(e.evaluate("workbooks().collect { it.name }").toString().contains("Superstore"));
        DslException twice = assertThrows(DslException.class, () -> e.evaluate("deleteWorkbook 'Superstore'"));
        assertTrue(twice.getMessage().startsWith("no workbook named 'Superstore'; there are: "), twice.getMessage());
    }

    @Test
    void deleteDatasourceByNameFiresDatasourceDeleted() {
        Interpreter e = signedIn(""); // the Default site: the workshop site's content is for the other tests
        Map<String, Object> p = payloadAfter(e, "DatasourceDeleted", "gone = deleteDatasource 'Sample - Superstore'");
        assertEquals("Sample - Superstore", p.get("resource_name"));
        assertEquals("DATASOURCE", p.get("resource"));
        assertEquals(e.evaluate("gone.id"), p.get("resource_luid"));
    }

    @Test
    void runTaskRefreshesTheExtractAndAnswersItsJob() {
        Interpreter e = signedIn("workshop");
        Map<String, Object> p = payloadAfter(e, "DatasourceRefreshSucceeded",
                "job = runTask(tasks().find { it.contentKind == 'datasource' })");
        assertEquals("EXTRACTS", p.get("resource"));
        assertEquals(e.evaluate("job.contentId"), p.get("resource_luid"));
        assertEquals("Sample - Superstore", p.get("resource_name"));
    }
}
