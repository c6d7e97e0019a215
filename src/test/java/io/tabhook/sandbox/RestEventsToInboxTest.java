package io.tabhook.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.tabhook.events.EventType;
import io.tabhook.inbox.Delivery;
import io.tabhook.inbox.DeliveryFilter;
import io.tabhook.inbox.Inbox;
import io.tabhook.inbox.InboxOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every event a Tableau REST call makes happen, made by that call, in XML and in JSON: a webhook on the site that
 * hears it, the call, and Tableau's payload arriving at a real inbox. docs/sandbox.md's "event ← the REST call"
 * table lists the same calls.
 */
class RestEventsToInboxTest extends FreshSandboxTest {
    static Inbox inbox;
    boolean json;

    @BeforeAll
    static void startInbox() throws IOException {
        inbox = Inbox.start(InboxOptions.defaults());
    }

    @AfterAll
    static void stopInbox() {
        inbox.close();
    }

    /** What a call should make the payload say: the resource's name and LUID. */
    record Expected(String name, String luid) {}

    interface Scenario {
        Expected run(RestEventsToInboxTest t) throws Exception;
    }

    static List<Arguments> scenarios() {
        List<Arguments> out = new ArrayList<>();
        for (String format : List.of("xml", "json")) {
            out.add(Arguments.of(EventType.WORKBOOK_UPDATED, format, (Scenario) t -> t.renameWorkbook()));
            out.add(Arguments.of(EventType.WORKBOOK_DELETED, format, (Scenario) t -> t.delete("workbooks", "workbook")));
            out.add(Arguments.of(EventType.DATASOURCE_UPDATED, format, (Scenario) t -> t.renameDatasource()));
            out.add(Arguments.of(EventType.DATASOURCE_DELETED, format,
                    (Scenario) t -> t.delete("datasources", "datasource")));
            out.add(Arguments.of(EventType.WORKBOOK_REFRESH_STARTED, format, (Scenario) t -> t.runTask("workbook")));
            out.add(Arguments.of(EventType.WORKBOOK_REFRESH_SUCCEEDED, format, (Scenario) t -> t.runTask("workbook")));
            out.add(Arguments.of(EventType.DATASOURCE_REFRESH_STARTED, format, (Scenario) t -> t.runTask("datasource")));
            out.add(Arguments.of(EventType.DATASOURCE_REFRESH_SUCCEEDED, format,
                    (Scenario) t -> t.runTask("datasource")));
            out.add(Arguments.of(EventType.VIEW_DELETED, format, (Scenario) RestEventsToInboxTest::deleteView));
            out.add(Arguments.of(EventType.ADMIN_PROMOTED, format,
                    (Scenario) t -> t.setRole("analyst", "SiteAdministratorExplorer")));
            out.add(Arguments.of(EventType.ADMIN_DEMOTED, format, (Scenario) t -> t.setRole("siteadmin", "Creator")));
            out.add(Arguments.of(EventType.USER_DELETED, format, (Scenario) RestEventsToInboxTest::removeUser));
            out.add(Arguments.of(EventType.SITE_CREATED, format, (Scenario) RestEventsToInboxTest::createSite));
            out.add(Arguments.of(EventType.SITE_UPDATED, format, (Scenario) RestEventsToInboxTest::updateSite));
            out.add(Arguments.of(EventType.SITE_DELETED, format, (Scenario) RestEventsToInboxTest::deleteSite));
            out.add(Arguments.of(EventType.LABEL_CREATED, format, (Scenario) t -> t.addWarning()));
            out.add(Arguments.of(EventType.LABEL_UPDATED, format, (Scenario) RestEventsToInboxTest::updateWarning));
            out.add(Arguments.of(EventType.LABEL_DELETED, format, (Scenario) RestEventsToInboxTest::deleteWarning));
        }
        return out;
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("scenarios")
    void theRestCallDeliversTableausPayloadToTheInbox(EventType event, String format, Scenario scenario) throws Exception {
        json = format.equals("json");
        // Site deletion is heard on the Default site: the webhook lives there.
        Caller listener = event == EventType.SITE_DELETED
                ? Caller.signedIn(sandbox, Demo.ADMIN_USER, Demo.ADMIN_PASSWORD, Demo.DEFAULT_SITE) : admin;
        String hook = listener.createWebhook("to-inbox", event.apiName(), inbox.url().toString());
        CompletableFuture<Delivery> arrival = inbox.next(DeliveryFilter.event(event.apiName())
                .where(d -> listener.siteId.equals(d.payload().siteLuid())), false);

        Expected expected = scenario.run(this);

        Delivery d = arrival.get(20, TimeUnit.SECONDS);
        assertEquals(event.apiName(), d.payload().eventType());
        assertEquals(expected.name(), d.payload().resourceName());
        assertEquals(expected.luid(), d.payload().resourceLuid());
        assertEquals(listener.siteId, d.payload().siteLuid());
        String resource = event.resource() == EventType.Resource.LABEL ? "DATASOURCE" : event.payloadResource();
        assertEquals(resource, d.payload().resource());
        assertTrue(d.payload().createdAt().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), d.payload().createdAt());
        assertEquals("TableauWebhooks/1.0", d.header("User-Agent"));
        assertTrue(sandbox.deliveries().awaitIdle(Duration.ofSeconds(20)));
        assertTrue(sandbox.deliveries().attemptsFor(hook).stream().anyMatch(a -> a.status() == 200),
                "the inbox acknowledged it");
    }

    // ---- the calls, in the format of the run ----

    private String site() {
        return "/api/3.27/sites/" + admin.siteId;
    }

    private Caller.Answer send(Caller c, String method, String path, String xml, String jsonBody) {
        return json
                ? c.send(method, path, jsonBody, "Content-Type", "application/json", "Accept", "application/json")
                : c.send(method, path, xml, "Content-Type", "application/xml");
    }

    private Caller.Answer get(String path) {
        return json ? admin.getJson(path) : admin.getXml(path);
    }

    /** The named attribute of the first element of that name, in either format. */
    private String read(Caller.Answer a, String element, String attr) {
        if (!json) return a.xmlAttr(element, attr);
        JsonNode found = a.json().findValue(element);
        if (found != null && found.isArray()) found = found.get(0);
        return found == null || found.get(attr) == null ? null : found.get(attr).asText();
    }

    private Expected first(String plural, String singular) {
        Caller.Answer list = get(site() + "/" + plural);
        return new Expected(read(list, singular, "name"), read(list, singular, "id"));
    }

    private Expected renameWorkbook() {
        Expected wb = first("workbooks", "workbook");
        Caller.Answer a = send(admin, "PUT", site() + "/workbooks/" + wb.luid(),
                "<tsRequest><workbook name=\"Renamed\"/></tsRequest>", "{\"workbook\":{\"name\":\"Renamed\"}}");
        assertEquals(200, a.status(), a.body());
        return new Expected("Renamed", wb.luid());
    }

    private Expected renameDatasource() {
        Expected ds = first("datasources", "datasource");
        Caller.Answer a = send(admin, "PUT", site() + "/datasources/" + ds.luid(),
                "<tsRequest><datasource name=\"Renamed DS\"/></tsRequest>", "{\"datasource\":{\"name\":\"Renamed DS\"}}");
        assertEquals(200, a.status(), a.body());
        return new Expected("Renamed DS", ds.luid());
    }

    private Expected delete(String plural, String singular) {
        Expected it = first(plural, singular);
        assertEquals(204, send(admin, "DELETE", site() + "/" + plural + "/" + it.luid(), null, null).status());
        return it;
    }

    private Expected runTask(String kind) {
        Caller.Answer tasks = admin.getXml(site() + "/tasks/extractRefreshes");
        org.w3c.dom.Element task = tasks.xmlElements("extractRefresh").stream()
                .filter(e -> e.getElementsByTagNameNS("*", kind).getLength() == 1).findFirst().orElseThrow();
        String contentId = ((org.w3c.dom.Element) task.getElementsByTagNameNS("*", kind).item(0)).getAttribute("id");
        Caller.Answer a = send(admin, "POST", site() + "/tasks/extractRefreshes/" + task.getAttribute("id") + "/runNow",
                "<tsRequest/>", "{}");
        assertEquals(200, a.status(), a.body());
        return new Expected(read(a, kind, "name"), contentId);
    }

    private static Expected deleteView(RestEventsToInboxTest t) {
        Expected v = t.first("views", "view");
        assertEquals(204, t.send(t.admin, "DELETE", t.site() + "/views/" + v.luid(), null, null).status());
        return v;
    }

    private Expected setRole(String user, String role) {
        String id = admin.getXml(site() + "/users?filter=name:eq:" + user).xmlAttr("user", "id");
        Caller.Answer a = send(admin, "PUT", site() + "/users/" + id,
                "<tsRequest><user siteRole=\"" + role + "\"/></tsRequest>", "{\"user\":{\"siteRole\":\"" + role + "\"}}");
        assertEquals(200, a.status(), a.body());
        return new Expected(user, id);
    }

    private static Expected removeUser(RestEventsToInboxTest t) {
        String id = t.admin.getXml(t.site() + "/users?filter=name:eq:analyst").xmlAttr("user", "id");
        assertEquals(204, t.send(t.admin, "DELETE", t.site() + "/users/" + id, null, null).status());
        return new Expected("analyst", id);
    }

    private static Expected createSite(RestEventsToInboxTest t) {
        Caller.Answer a = t.send(t.admin, "POST", "/api/3.27/sites",
                "<tsRequest><site name=\"Marketing\" contentUrl=\"marketing\"/></tsRequest>",
                "{\"site\":{\"name\":\"Marketing\",\"contentUrl\":\"marketing\"}}");
        assertEquals(201, a.status(), a.body());
        return new Expected("Marketing", t.read(a, "site", "id"));
    }

    private static Expected updateSite(RestEventsToInboxTest t) {
        Caller.Answer a = t.send(t.admin, "PUT", "/api/3.27/sites/" + t.admin.siteId,
                "<tsRequest><site name=\"Workshop 2\"/></tsRequest>", "{\"site\":{\"name\":\"Workshop 2\"}}");
        assertEquals(200, a.status(), a.body());
        return new Expected("Workshop 2", t.admin.siteId);
    }

    /** Deleted from inside it, as Tableau has it; heard by the Default site. */
    private static Expected deleteSite(RestEventsToInboxTest t) {
        createSite(t);
        Caller inside = Caller.signedIn(t.sandbox, Demo.ADMIN_USER, Demo.ADMIN_PASSWORD, "marketing");
        assertEquals(204, t.send(inside, "DELETE", "/api/3.27/sites/" + inside.siteId, null, null).status());
        return new Expected("Marketing", inside.siteId);
    }

    private String onDatasource() {
        return site() + "/dataQualityWarnings/datasource/" + first("datasources", "datasource").luid();
    }

    private Expected addWarning() {
        Caller.Answer a = send(admin, "POST", onDatasource(),
                "<tsRequest><dataQualityWarning type=\"DEPRECATED\" message=\"Use Orders v2\"/></tsRequest>",
                "{\"dataQualityWarning\":{\"type\":\"DEPRECATED\",\"message\":\"Use Orders v2\"}}");
        assertEquals(200, a.status(), a.body());
        return first("datasources", "datasource");
    }

    /** A warning added beforehand through REST, whose own LabelCreated the test's webhook does not listen for. */
    private String warningId() {
        return admin.postXml(onDatasource(), "<tsRequest><dataQualityWarning type=\"STALE\"/></tsRequest>")
                .xmlAttr("dataQualityWarning", "id");
    }

    private static Expected updateWarning(RestEventsToInboxTest t) {
        String id = t.warningId();
        Caller.Answer a = t.send(t.admin, "PUT", t.site() + "/dataQualityWarnings/" + id,
                "<tsRequest><dataQualityWarning isSevere=\"true\"/></tsRequest>",
                "{\"dataQualityWarning\":{\"isSevere\":true}}");
        assertEquals(200, a.status(), a.body());
        return t.first("datasources", "datasource");
    }

    private static Expected deleteWarning(RestEventsToInboxTest t) {
        String id = t.warningId();
        assertEquals(204, t.send(t.admin, "DELETE", t.site() + "/dataQualityWarnings/" + id, null, null).status());
        return t.first("datasources", "datasource");
    }
}
