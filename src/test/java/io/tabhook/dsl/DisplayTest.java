package io.tabhook.dsl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tabhook.api.Fixtures;
import io.tabhook.api.Webhook;
import io.tabhook.inbox.Inbox;
import io.tabhook.inbox.InboxOptions;
import io.tabhook.sandbox.Sandbox;
import io.tabhook.sandbox.SandboxOptions;
import io.tabhook.session.Session;
import io.tabhook.session.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every result as people read it (tables, blocks, lines) and as {@code --json} writes it, produced by the real DSL
 * against the real sandbox and inbox. No record's raw text may reach a user, and no secret in full.
 */
class DisplayTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static Sandbox sandbox;
    static Inbox inbox;
    static Interpreter interpreter;
    static StringWriter printed = new StringWriter();

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start(SandboxOptions.defaults());
        inbox = Inbox.start(InboxOptions.defaults());
        Session session = new Session(new Settings().server(sandbox.baseUrl()), Duration.ofSeconds(10));
        interpreter = new Interpreter(new Dsl(session, inbox, sandbox, Console.stderr(), Map.<String, String>of()::get));
        interpreter.output(printed);
        interpreter.evaluate("signIn");
        interpreter.evaluate("hook = createWebhook name: 'shown', event: 'WorkbookCreated'");
        interpreter.evaluate("off = createWebhook name: 'paused', event: 'view-deleted', enabled: false");
    }

    @AfterAll
    static void stop() {
        inbox.close();
        sandbox.close();
    }

    static Object eval(String code) {
        return interpreter.evaluate(code);
    }

    static JsonNode json(Object result) throws Exception {
        return JSON.readTree(Display.json(result));
    }

    /** What a record's generated toString looks like: {@code Webhook[id=…} or {@code …, createdAt=null}. */
    static void noRecordText(String text) {
        assertFalse(text.matches("(?s).*\\b[A-Z][A-Za-z]+\\[[a-zA-Z]+=.*") || text.contains("=null"),
                "raw record text reached the user:\n" + text);
    }

    @Test
    void aWebhookIsABlockForPeopleAndTableausSpellingInJson() throws Exception {
        Webhook hook = (Webhook) eval("hook");
        String block = Display.render(hook);
        assertTrue(block.matches("(?s)id +" + hook.id() + "\nname +shown\nevent +WorkbookCreated\nenabled +true\n"
                + "url +http.*\nowner +admin \\(.+\\)\ncreatedAt +\\d{4}-.+Z\nupdatedAt +\\d{4}-.+Z"), block);

        JsonNode j = json(hook);
        assertEquals("WorkbookCreated", j.get("event").asText());
        assertTrue(j.get("isEnabled").isBoolean() && j.get("isEnabled").asBoolean(), j.toString());
        assertEquals("", j.get("statusChangeReason").asText());
        assertEquals("admin", j.get("owner").get("name").asText());
        assertEquals(hook.ownerId(), j.get("owner").get("id").asText());
        assertEquals(hook.createdAt(), j.get("createdAt").asText());
        assertFalse(j.has("enabled") || j.has("reason") || j.has("disabledSince"), "no tabhook spellings: " + j);
    }

    @Test
    void aDisabledWebhookShowsItsReasonInBlockTableAndJson() throws Exception {
        Webhook off = (Webhook) eval("off");
        assertTrue(Display.render(off).contains("reason     Webhook disabled by user"), Display.render(off));
        String since = "disabled since " + off.updatedAt().replace('T', ' ').replace("Z", " UTC");
        assertTrue(Display.render(off).contains("enabled    false, " + since), Display.render(off));
        assertTrue(Display.render(java.util.List.of(off)).contains("no, " + since + " (Webhook disabled by user)"),
                Display.render(java.util.List.of(off)));
        JsonNode j = json(off);
        assertFalse(j.get("isEnabled").asBoolean());
        assertEquals("Webhook disabled by user", j.get("statusChangeReason").asText());
        assertEquals("ViewDeleted", j.get("event").asText());
    }

    @Test
    void webhooksAreATableWithACount() throws Exception {
        String table = Display.render(eval("webhooks().findAll { it.name in ['shown', 'paused'] }"));
        String[] lines = table.split("\n");
        assertTrue(lines[0].matches("NAME +EVENT +ENABLED +URL +ID"), table);
        assertTrue(lines[1].matches("shown +WorkbookCreated +yes +http\\S+ +[0-9a-f-]{36}"), table);
        assertTrue(lines[2].matches("paused +ViewDeleted +no, disabled since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC "
                + "\\(Webhook disabled by user\\) +http\\S+ +[0-9a-f-]{36}"), table);
        assertEquals("(2 webhooks)", lines[3]);
        assertEquals("(1 webhook)", Display.render(eval("webhooks().findAll { it.name == 'shown' }")).lines()
                .reduce((a, b) -> b).orElse(""));
        JsonNode j = json(eval("webhooks().findAll { it.name in ['shown', 'paused'] }"));
        assertTrue(j.isArray() && j.size() == 2 && j.get(1).get("event").asText().equals("ViewDeleted"), j.toString());
    }

    @Test
    void aUrlWithSecretsShowsThemMaskedInTableBlockAndJson() throws Exception {
        eval("createWebhook name: 'keyed', event: 'WorkbookCreated', "
                + "url: 'https://ops:hunter2-hunter2@hooks.example.com/catch?token=abcdef0123456789abcdef&team=bi'");
        Object keyed = eval("webhooks().findAll { it.name == 'keyed' }");
        for (String shown : List.of(Display.render(keyed), Display.render(eval("webhook 'keyed'")),
                json(keyed).toString())) {
            assertFalse(shown.contains("hunter2-hunter2") || shown.contains("abcdef0123456789abcdef"), shown);
            assertTrue(shown.contains("https://ops:****@hooks.example.com/catch?token=abcd") && shown.contains("&team=bi"),
                    shown);
        }
        eval("deleteWebhook 'keyed'");
    }

    @Test
    void aWebhookInAListOrAMapReadsAsItselfNotAsARecord() throws Exception {
        String inList = Display.render(eval("[hook, 42]"));
        noRecordText(inList);
        assertTrue(inList.startsWith("[webhook(id: ") && inList.contains("name: shown, event: WorkbookCreated")
                && inList.endsWith(", 42]"), inList);

        String inMap = Display.render(eval("[mine: hook]"));
        noRecordText(inMap);
        assertTrue(inMap.contains("mine=webhook(") && inMap.contains("owner: admin ("), inMap);

        JsonNode j = json(eval("[mine: hook, list: [hook]]"));
        assertEquals("WorkbookCreated", j.get("mine").get("event").asText());
        assertEquals("admin", j.get("list").get(0).get("owner").get("name").asText());
    }

    @Test
    void printlnAndInterpolationOfAWebhookInAScriptReadAsTheWebhook() {
        printed.getBuffer().setLength(0);
        eval("println hook\nprintln \"the hook: $hook\"\nprintln webhooks().findAll { it.name == 'shown' }");
        String out = printed.toString();
        noRecordText(out);
        assertEquals(3, out.lines().filter(l -> l.contains("name: shown, event: WorkbookCreated")).count(), out);
        assertTrue(out.contains("the hook: webhook("), out);
    }

    @Test
    void credentialsAndTheSessionNeverShowTheTokenInFull() throws Exception {
        String token = interpreter.dsl().state().credentials().orElseThrow().token();
        Object creds = eval("signIn");
        String block = Display.render(creds);
        assertTrue(block.matches("(?s)token +\\S+…\\(\\d+ chars\\)\nsiteId +[0-9a-f-]{36}\nsite +\\(Default\\)\nuserId +.*"),
                block);
        String newToken = interpreter.dsl().state().credentials().orElseThrow().token();
        for (String shown : new String[] {block, Display.json(creds), creds.toString(), Display.render(eval("session")),
                Display.json(eval("session")), eval("session").toString()}) {
            assertFalse(shown.contains(newToken) || shown.contains(token), "a token in full: " + shown);
            noRecordText(shown);
        }
        JsonNode j = json(creds);
        assertEquals("", j.get("site").get("contentUrl").asText());
        assertTrue(j.get("site").get("id").asText().matches("[0-9a-f-]{36}"), j.toString());
        assertTrue(j.get("user").get("id").asText().matches("[0-9a-f-]{36}"), j.toString());

        String session = Display.render(eval("session"));
        assertTrue(session.contains("site        (Default)") && session.contains("signedIn    yes"), session);
        JsonNode s = json(eval("session"));
        assertTrue(s.get("signedIn").asBoolean() && !s.get("expired").asBoolean() && s.get("sandbox").asBoolean(), s.toString());
        assertEquals("", s.get("site").asText());
    }

    @Test
    void serverInfoAndATestResultAreBlocksAndTableauShapedJson() throws Exception {
        Object info = eval("serverInfo");
        assertTrue(Display.render(info).matches("product +\\S+\nbuild +\\S+\nrestApiVersion +3\\.\\d+"), Display.render(info));
        JsonNode i = json(info);
        assertTrue(i.get("productVersion").has("value") && i.get("productVersion").has("build"), i.toString());
        assertTrue(i.get("restApiVersion").asText().matches("3\\.\\d+"), i.toString());

        Object test = eval("testWebhook hook");
        assertTrue(Display.render(test).matches("(?s)webhook +[0-9a-f-]{36}\nstatus +200\nok +true.*"), Display.render(test));
        JsonNode t = json(test);
        assertEquals(200, t.get("status").asInt());
        assertEquals(((Webhook) eval("hook")).id(), t.get("id").asText());
        noRecordText(test.toString());
    }

    @Test
    void eventsAreATableAndActivityAndDeliveriesAreLines() throws Exception {
        String events = Display.render(eval("events 'WorkbookCre'"));
        assertTrue(events.matches("EVENT +SOURCE ELEMENT +RESOURCE +SINCE\nWorkbookCreated +webhook-source-event-workbook-created +WORKBOOK +3\\.\\d+\n\\(1 event\\)"),
                events);
        JsonNode e = json(eval("events 'WorkbookCre'"));
        assertEquals("WorkbookCreated", e.get(0).get("name").asText());

        Instant before = Instant.now();
        Object fired = eval("sandbox.createWorkbook('Shown Sales')");
        assertTrue(Display.render(fired).matches("WorkbookCreated · Shown Sales \\([0-9a-f-]{36}\\) · subscribed webhooks are being called"),
                Display.render(fired));
        assertEquals("WorkbookCreated", Display.render(eval("sandbox.createWorkbook('Shown Too').event")));
        JsonNode a = json(fired);
        assertEquals("WorkbookCreated", a.get("event_type").asText(), "the event as Tableau spells it, not the enum's name");
        assertEquals("Shown Sales", a.get("resource_name").asText());

        Object payload = eval("waitForPayload event: 'WorkbookCreated', name: 'Shown Sales', timeout: 15");
        assertTrue(Display.render(payload).contains("\"resource_name\" : \"Shown Sales\""), Display.render(payload));
        assertEquals("Shown Sales", json(payload).get("resource_name").asText());

        String lines = Display.render(eval("inbox.deliveries.findAll { it.payload?.resourceName() == 'Shown Sales' }"));
        List<String> rows = lines.lines().toList();
        assertTrue(rows.get(0).matches("#\\s+TIME\\s+EVENT\\s+NAME\\s+ADDRESS\\s+FORWARD\\s+DUPLICATE OF"), lines);
        assertTrue(rows.get(1).matches("\\d+\\s+\\d\\d:\\d\\d:\\d\\d\\s+WorkbookCreated\\s+Shown Sales\\s+hook=\\S+\\s*"), lines);
        assertEquals("(1 delivery)", rows.get(2), lines);
        String one = Display.render(eval("inbox.deliveries.find { it.payload?.resourceName() == 'Shown Sales' }"));
        assertTrue(one.matches("\\d\\d:\\d\\d:\\d\\d WorkbookCreated WORKBOOK \"Shown Sales\" for hook=\\S+ \\(#\\d+\\)"), one);
        JsonNode d = json(eval("inbox.deliveries.find { it.payload?.resourceName() == 'Shown Sales' }"));
        assertFalse(Instant.parse(d.get("receivedAt").asText()).isBefore(before.minusSeconds(1)), "an ISO-8601 date: " + d);
        assertTrue(d.get("body").asText().contains("Shown Sales"), d.toString());
        Object delivered = eval("inbox.deliveries.find { it.payload?.resourceName() == 'Shown Sales' }.payload");
        assertTrue(Display.render(delivered).contains("\"event_type\" : \"WorkbookCreated\""), Display.render(delivered));
        assertEquals("Shown Sales", json(delivered).get("resource_name").asText());
    }

    @Test
    void aWebhookReadFromTableausDocumentedBodyAt36ShowsWithoutTheFieldsThatVersionLacks() throws Exception {
        Webhook w = Webhook.fromElement(Fixtures.element("webhook-response-3.6.json", "webhook"));
        JsonNode j = json(w);
        assertEquals("WorkbookCreated", j.get("event").asText());
        assertEquals("testadmin", j.get("owner").get("name").asText());
        assertEquals("f97aba2e-4a0b-4bcc-a6ca-5401135129b0", j.get("owner").get("id").asText());
        assertTrue(j.get("isEnabled").asBoolean(), "before 3.8 every webhook is enabled: " + j);
        assertFalse(j.has("statusChangeReason") || j.has("createdAt"), "absent fields stay absent: " + j);
        String block = Display.render(w);
        assertFalse(block.contains("reason") || block.contains("createdAt"), block);
        noRecordText(w.toString());
    }

    @Test
    void aDisabledWebhookFromAServerThatSendsNoTimestampsShowsNoSince() throws Exception {
        Webhook w = Webhook.fromElement(Fixtures.element("webhooks-list.xml", "webhooks").all("webhook").get(1));
        assertFalse(w.isEnabled());
        assertEquals(java.util.Optional.empty(), w.disabledSince());
        String table = Display.render(java.util.List.of(w));
        assertTrue(table.contains(" no (Webhook disabled by user) "), table);
        assertFalse(table.contains("since") || Display.render(w).contains("since"), table);
        assertFalse(json(w).has("updatedAt"), "absent stays absent");
    }

    @Test
    void aDisabledWebhookWithTheXsdTimestampsShowsSinceWhenInBlockAndTable() throws Exception {
        Webhook w = Webhook.fromElement(Fixtures.element("webhook-response-xsd.xml", "webhook"));
        assertEquals(Instant.parse("2025-05-02T09:15:27Z"), w.disabledSince().orElseThrow());
        assertTrue(Display.render(w).contains("enabled    false, disabled since 2025-05-02 09:15:27 UTC\n"),
                Display.render(w));
        assertTrue(Display.render(java.util.List.of(w)).contains(
                "no, disabled since 2025-05-02 09:15:27 UTC (Webhook disabled by user)"), Display.render(java.util.List.of(w)));
        JsonNode j = json(Webhook.fromElement(Fixtures.element("webhook-response-xsd.json", "webhook")));
        assertEquals("2025-05-02T09:14:03Z", j.get("createdAt").asText());
        assertEquals("2025-05-02T09:15:27Z", j.get("updatedAt").asText());
        assertFalse(j.get("isEnabled").asBoolean());
    }

    @Test
    void emptyListsAndPlainValuesPrintAsBefore() {
        assertEquals("(none)", Display.render(java.util.List.of()));
        assertEquals("42", Display.render(42));
        assertEquals("{\n  \"count\" : 2,\n  \"greeting\" : \"hi 2\"\n}", Display.json(eval("[count: 2, greeting: \"hi ${1 + 1}\"]")));
    }
}
