package io.tabhook.dsl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tabhook.inbox.Delivery;
import io.tabhook.inbox.Inbox;
import io.tabhook.inbox.InboxOptions;
import io.tabhook.inbox.JournalInfo;
import io.tabhook.inbox.Journals;
import io.tabhook.sandbox.Sandbox;
import io.tabhook.sandbox.SandboxOptions;
import io.tabhook.session.Session;
import io.tabhook.session.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9 "Every delivery counts" and issue 13 {@code deliveries(...)}, through the real interpreter, the real sandbox and
 * a real inbox journalling to a session folder on loopback.
 */
class InboxWordsTest {
    @TempDir
    static Path home;
    static Sandbox sandbox;
    static Inbox inbox;
    static Interpreter interpreter;

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start(SandboxOptions.defaults());
        inbox = Inbox.start(InboxOptions.defaults().withJournal(Journals.in(home).forNewSession()));
        interpreter = interpreter(inbox);
        interpreter.evaluate("signIn");
    }

    @AfterAll
    static void stop() {
        inbox.close();
        sandbox.close();
    }

    static Interpreter interpreter(Inbox box) {
        Session session = new Session(new Settings().server(sandbox.baseUrl()), Duration.ofSeconds(10));
        Dsl dsl = new Dsl(session, box, sandbox, line -> { }, Map.<String, String>of()::get);
        dsl.journals(Journals.in(home));
        return new Interpreter(dsl);
    }

    static void idle() throws InterruptedException {
        assertTrue(sandbox.deliveries().awaitIdle(Duration.ofSeconds(30)));
    }

    static void post(URI url, String body) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url)
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
    }

    @Test
    void twoWebhooksOnOneEventEachGetTheirDeliveryAndNeitherIsADuplicate() throws Exception {
        interpreter.evaluate("createWebhook name: 'twice-a', event: 'WorkbookCreated'");
        interpreter.evaluate("createWebhook name: 'twice-b', event: 'WorkbookCreated'");
        assertEquals(inbox.url() + "?hook=twice-a", interpreter.evaluate("webhooks().find { it.name == 'twice-a' }.url"));
        interpreter.evaluate("sandbox.createWorkbook('Twice')");
        idle();
        Object a = interpreter.evaluate("waitForPayload name: 'Twice', timeout: 10");
        Object b = interpreter.evaluate("waitForPayload name: 'Twice', timeout: 10");
        List<String> hooks = List.of(((PayloadMap) a).delivery().hook(), ((PayloadMap) b).delivery().hook());
        assertTrue(hooks.containsAll(List.of("twice-a", "twice-b")), hooks.toString());
        assertFalse(((PayloadMap) a).delivery().duplicate() || ((PayloadMap) b).delivery().duplicate(),
                "the same payload to two webhooks is two deliveries");
        assertEquals(((PayloadMap) a).delivery().body(), ((PayloadMap) b).delivery().body(), "Tableau sends the same body");

        interpreter.evaluate("sandbox.createWorkbook('Hooked')");
        idle();
        Delivery only = ((PayloadMap) interpreter.evaluate("waitForPayload hook: 'twice-b', name: 'Hooked', timeout: 10"))
                .delivery();
        assertEquals("twice-b", only.hook());
        Object byWebhook = interpreter.evaluate("waitForPayload hook: webhooks().find { it.name == 'twice-a' }, "
                + "name: 'Hooked', timeout: 10");
        assertEquals("twice-a", ((PayloadMap) byWebhook).delivery().hook(), "hook: takes the webhook itself too");
        interpreter.evaluate("webhooks().findAll { it.name.startsWith('twice-') }.each { deleteWebhook it }");
    }

    @Test
    void theSameBodyAtTheSameAddressIsADuplicateAtAnotherItIsNot() throws Exception {
        String body = "{\"resource\":\"WORKBOOK\",\"event_type\":\"WorkbookCreated\",\"resource_name\":\"Same Bytes\"}";
        URI one = URI.create((String) interpreter.evaluate("inbox.urlFor('dup-one')"));
        post(one, body);
        post(URI.create((String) interpreter.evaluate("inbox.urlFor('dup-two')")), body);
        post(one, body);
        List<Delivery> seen = inbox.deliveries().stream().filter(d -> d.body().equals(body)).toList();
        assertEquals(3, seen.size());
        assertFalse(seen.get(1).duplicate(), "another webhook's address: not a duplicate");
        assertEquals(seen.get(0).seq(), seen.get(2).duplicateOf(), "the same address again: a duplicate");
    }

    @Test
    void aTimeoutSaysWhatTheInboxReceivedInstead() throws Exception {
        post(URI.create((String) interpreter.evaluate("inbox.urlFor('elsewhere')")),
                "{\"resource\":\"VIEW\",\"event_type\":\"ViewDeleted\",\"resource_name\":\"Not This\"}");
        DslException e = assertThrows(DslException.class,
                () -> interpreter.evaluate("waitForPayload event: 'LabelDeleted', hook: 'nobody', timeout: 2"));
        String m = e.getMessage();
        assertTrue(m.startsWith("nothing matching event: LabelDeleted, hook: nobody arrived within 2 s; the inbox received "),
                m);
        assertTrue(m.contains("ViewDeleted for hook=elsewhere"), m);
        assertTrue(m.endsWith("none matched event: LabelDeleted, hook: nobody"), m);
        assertFalse(m.contains("is a webhook subscribed"), m);

        try (Inbox empty = Inbox.start(InboxOptions.defaults())) {
            Interpreter quiet = interpreter(empty);
            String none = assertThrows(DslException.class,
                    () -> quiet.evaluate("waitForPayload timeout: 1")).getMessage();
            assertTrue(none.startsWith("no payload arrived within 1 s; the inbox received nothing in the last "), none);
            assertTrue(none.contains("; is a webhook enabled and aimed at the inbox (createWebhook without url:, or url: "
                    + "inbox.urlFor('NAME'))? sandbox.deliveries() shows what the sandbox sent"), none);
        }
        String zero = assertThrows(DslException.class,
                () -> interpreter.evaluate("waitForPayload event: 'LabelDeleted', timeout: 0")).getMessage();
        assertTrue(zero.contains("timeout: 0 looks only at what came already"), zero);
        String negative = assertThrows(RuntimeException.class,
                () -> interpreter.evaluate("waitForPayload timeout: -5")).getMessage();
        assertTrue(negative.contains("timeout: must be a number of seconds, 0 or more, not -5"), negative);
    }

    @Test
    void aWhereThatAsksForAFieldNoPayloadHasSaysSoWithTheNearestField() throws Exception {
        post(URI.create((String) interpreter.evaluate("inbox.urlFor('typo')")),
                "{\"resource\":\"WORKBOOK\",\"event_type\":\"WorkbookCreated\",\"resource_name\":\"Typo\"}");
        String m = assertThrows(DslException.class, () -> interpreter.evaluate(
                "waitForPayload(hook: 'typo', timeout: 1) { it.resourc_name == 'Typo' }")).getMessage();
        assertTrue(m.endsWith("; no payload has resourc_name: did you mean resource_name?"), m);
        assertEquals("Typo", ((java.util.Map<?, ?>) interpreter.evaluate(
                "waitForPayload(hook: 'typo', timeout: 1) { it.resource_name == 'Typo' }")).get("resource_name"));
    }

    @Test
    void deliveriesReadsTheJournalWithFiltersAsATableAndAsJson() throws Exception {
        post(URI.create((String) interpreter.evaluate("inbox.urlFor('history')")),
                "{\"resource\":\"DATASOURCE\",\"event_type\":\"DatasourceRefreshFailed\",\"resource_name\":\"Orders Feed\"}");
        post(inbox.url().resolve("/hooks/sales"),
                "{\"resource\":\"DATASOURCE\",\"event_type\":\"DatasourceRefreshFailed\",\"resource_name\":\"Sales Feed\"}");
        interpreter.evaluate("inbox.clear()");
        assertEquals(2L, interpreter.evaluate("deliveries event: 'datasource-refresh-failed', count: true"),
                "the journal keeps what inbox.clear() forgot");
        assertEquals(1L, interpreter.evaluate("deliveries event: 'DatasourceRefreshFailed', hook: 'history', count: true"));
        assertEquals(1L, interpreter.evaluate("deliveries path: '/hooks/sales', count: true"));
        assertEquals(1L, interpreter.evaluate("deliveries text: 'orders feed', count: true"));
        assertEquals(0L, interpreter.evaluate("deliveries text: 'orders feed', since: '09:00', until: '2000-01-01 10:00', count: true"));
        assertEquals(1L, interpreter.evaluate("deliveries text: 'orders feed', since: '10 min', count: true"));

        String table = Display.render(interpreter.evaluate("deliveries event: 'DatasourceRefreshFailed'"));
        assertTrue(table.contains("Orders Feed") && table.contains("hook=history") && table.contains("/hooks/sales"), table);
        assertTrue(table.endsWith("(2 deliveries)"), table);
        JsonNode json = new ObjectMapper().readTree(Display.json(interpreter.evaluate("deliveries hook: 'history'")));
        assertEquals(1, json.size(), json.toString());
        assertEquals("history", json.get(0).get("hook").asText(), json.toString());
        assertTrue(json.get(0).get("body").asText().contains("Orders Feed"), json.toString());

        String badTime = assertThrows(DslException.class,
                () -> interpreter.evaluate("deliveries since: 'yesterday-ish'")).getMessage();
        assertTrue(badTime.startsWith("since: must be a time like '10 min' (ago)"), badTime);
    }

    @Test
    void aDeliveryNamingTerminalEscapesShowsThemEscapedAndItsLineBreakAsASpaceInTheDeliveriesTable() throws Exception {
        post(inbox.url().resolve("/hooks/escapes"), "{\"resource\":\"WORKBOOK\",\"event_type\":\"WorkbookCreated\","
                + "\"resource_name\":\"Q3\\u001b]0;pwned\\u0007\\u001b[2J Sales\\nby region\"}");
        String table = Display.render(interpreter.evaluate("deliveries path: '/hooks/escapes'"));
        assertFalse(table.chars().anyMatch(c -> c == 0x1b || c == 0x07), table);
        assertTrue(table.contains("Q3\\u001b]0;pwned\\u0007\\u001b[2J Sales by region"), table);
    }

    @Test
    void journalsListsPastSessionsByAgeAndContentAndJournalOpensOne() throws Exception {
        Path folder = Journals.in(home).folder();
        Path past = folder.resolve("1714641327118-4242.jsonl");
        try (Inbox old = Inbox.start(InboxOptions.defaults().withJournal(past))) {
            post(old.url(), "{\"resource\":\"SITE\",\"event_type\":\"SiteCreated\",\"resource_name\":\"Long Ago\"}");
        }
        Path emptyPast = folder.resolve("1714641327119-4243.jsonl");
        try (Inbox quiet = Inbox.start(InboxOptions.defaults().withJournal(emptyPast))) {
            assertTrue(quiet.deliveries().isEmpty());
        }
        assertFalse(Files.exists(emptyPast), "a session that received nothing leaves no journal");
        post(inbox.url(), "{\"resource\":\"SITE\",\"event_type\":\"SiteCreated\",\"resource_name\":\"Now\"}");

        @SuppressWarnings("unchecked")
        List<JournalInfo> all = (List<JournalInfo>) interpreter.evaluate("journals()");
        assertEquals(2, all.size(), all.toString());
        assertTrue(all.get(0).thisSession(), "newest first: this session's");
        assertEquals("1714641327118-4242", all.get(1).name());
        assertEquals(1, all.get(1).deliveries());
        String table = Display.render(all);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("2 ") && l.contains("1714641327118-4242")), table);

        assertEquals(1L, interpreter.evaluate("journal(2, event: 'SiteCreated', count: true)"));
        assertEquals(1L, interpreter.evaluate("deliveries journal: '1714641327118-4242', text: 'long ago', count: true"));
        String none = assertThrows(DslException.class, () -> interpreter.evaluate("journal(9)")).getMessage();
        assertEquals("journal: no journal 9: journals() lists 2 journals", none);
    }
}
