package io.tabhook.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tabhook.dsl.Display;
import io.tabhook.dsl.Interpreter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13: {@code testWebhooks(...)} makes the test call of every webhook, or of those named, of an event or enabled or
 * not, and tabulates name, event, status, time and the first words of the answer, against a real sandbox.
 */
class TestWebhooksWordTest extends OnProblemSite {
    static final ObjectMapper JSON = new ObjectMapper();
    static Interpreter interpreter;

    @BeforeAll
    static void signIn() {
        interpreter = interpreter(site, new ArrayList<>());
        interpreter.evaluate("signIn()");
    }

    @SuppressWarnings("unchecked")
    static List<TestedWebhook> tests(String code) {
        return (List<TestedWebhook>) interpreter.evaluate(code);
    }

    @Test
    void everyWebhookIsTestedAndTabulated() {
        List<TestedWebhook> all = tests("testWebhooks()");
        assertEquals(12, all.size());
        String table = Display.render(all);
        String[] lines = table.split("\n");
        assertTrue(lines[0].matches("NAME +EVENT +STATUS +TIME +ANSWER"), table);
        assertTrue(table.contains("\nhealthy ") && table.contains("\ndead-end "), table);
        assertEquals("(12 tests)", lines[lines.length - 1]);
        TestedWebhook healthy = all.stream().filter(t -> t.name().equals("healthy")).findFirst().orElseThrow();
        assertEquals(200, healthy.status());
        assertTrue(healthy.ok());
        TestedWebhook deadEnd = all.stream().filter(t -> t.name().equals("dead-end")).findFirst().orElseThrow();
        assertEquals(408, deadEnd.status());
        assertFalse(deadEnd.ok());
        assertTrue(deadEnd.answer().startsWith("\"unable to connect to the url "), "first words: " + deadEnd.answer());
        String row = List.of(lines).stream().filter(l -> l.startsWith("dead-end ")).findFirst().orElseThrow();
        assertTrue(row.matches("dead-end +WorkbookCreated +408 +(\\d+ ms|[\\d.]+ s) +\"unable to connect to the url .*"), row);
    }

    @Test
    void aNameWithAStarAnEventOrEnabledPicksWhichAreTested() {
        assertEquals(List.of("twin-a", "twin-b"), tests("testWebhooks('twin-*')").stream().map(TestedWebhook::name).toList());
        assertEquals(List.of("healthy"), tests("testWebhooks 'healthy'").stream().map(TestedWebhook::name).toList());
        assertEquals(List.of("twin-a", "twin-b"), tests("testWebhooks event: 'datasource-created'").stream()
                .map(TestedWebhook::name).toList());
        assertEquals(List.of("dead-end", "paused"), tests("testWebhooks enabled: false").stream()
                .map(TestedWebhook::name).toList());
        assertEquals(List.of("healthy"), tests("testWebhooks(webhook('healthy'))").stream()
                .map(TestedWebhook::name).toList());
        assertEquals("(none)", Display.render(tests("testWebhooks 'nobody'")));
    }

    @Test
    void theJsonHasTheStatusAndTheTimeInMilliseconds() throws Exception {
        JsonNode j = JSON.readTree(Display.json(tests("testWebhooks 'healthy'")));
        assertEquals(1, j.size());
        assertEquals("healthy", j.get(0).get("name").asText());
        assertEquals(200, j.get(0).get("status").asInt());
        assertTrue(j.get(0).get("ok").asBoolean());
        assertTrue(j.get(0).get("tookMs").isIntegralNumber(), j.toString());
        assertTrue(j.get(0).has("id") && j.get(0).has("answer"), j.toString());
    }
}
