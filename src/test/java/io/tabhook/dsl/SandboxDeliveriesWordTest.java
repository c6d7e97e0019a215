package io.tabhook.dsl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tabhook.sandbox.DeliveryAttempt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13: {@code sandbox.deliveries(...)}, the delivery timeline in the DSL, through the real interpreter against the real
 * sandbox: a table people read (attempts, retries, the auto-disable), JSON with the lines of
 * {@code GET /sandbox/deliveries}, filtered by webhook and event.
 */
class SandboxDeliveriesWordTest extends InterpreterOnLoopback {
    static final ObjectMapper JSON = new ObjectMapper();
    static Interpreter interpreter;

    @BeforeAll
    static void makeHistory() throws Exception {
        interpreter = interpreter(Map.of(), line -> { });
        String nowhere;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nowhere = "http://127.0.0.1:" + s.getLocalPort() + "/gone";
        }
        interpreter.evaluate("signIn");
        interpreter.evaluate("createWebhook name: 'unreachable', event: 'WorkbookCreated', url: '" + nowhere + "'");
        interpreter.evaluate("createWebhook name: 'listening', event: 'WorkbookCreated'");
        interpreter.evaluate("createWebhook name: 'datasources', event: 'DatasourceCreated'");
        interpreter.evaluate("sandbox.createWorkbook 'Heard Once'");
        interpreter.evaluate("sandbox.createDatasource 'Orders'");
        assertTrue(sandbox.deliveries().awaitIdle(Duration.ofSeconds(30)));
    }

    @SuppressWarnings("unchecked")
    static List<DeliveryAttempt> eval(String code) {
        return (List<DeliveryAttempt>) interpreter.evaluate(code);
    }

    @Test
    void theTimelineIsATableOfAttemptsRetriesAndTheAutoDisable() {
        String table = Display.render(eval("sandbox.deliveries('unreachable')"));
        String[] lines = table.split("\n");
        assertTrue(lines[0].matches("TIME +WEBHOOK +EVENT +ATTEMPT +OUTCOME +TOOK"), table);
        String time = "\\d\\d:\\d\\d:\\d\\d\\.\\d{3}";
        assertTrue(lines[1].matches(time + " +unreachable +WorkbookCreated +1 +connection refused, retry in 200 ms +\\d+ ms"),
                table);
        assertTrue(lines[2].matches(time + " .* 2 +connection refused, retry in 400 ms .*"), table);
        assertTrue(lines[3].matches(time + " .* 3 +connection refused, retry in 800 ms .*"), table);
        assertTrue(lines[4].matches(time + " .* 4 +connection refused, no retries left .*"), table);
        assertTrue(lines[5].matches(time + " +unreachable +WorkbookCreated +4 +webhook disabled: Disabled after 4 failed "
                + "delivery attempts: connection refused"), table);
        assertEquals("(5 timeline entries)", lines[6]);
        DisplayTest.noRecordText(table);
    }

    @Test
    void theTimelineInJsonHasTheLinesOfTheControlEndpoint() throws Exception {
        JsonNode j = JSON.readTree(Display.json(eval("sandbox.deliveries('unreachable')")));
        assertEquals(5, j.size(), j.toString());
        assertEquals("attempt", j.get(0).get("what").asText());
        assertEquals(1, j.get(0).get("attempt").asInt());
        assertEquals(0, j.get(0).get("status").asInt());
        assertEquals("connection refused", j.get(0).get("error").asText());
        assertEquals(200, j.get(0).get("retryInMs").asInt());
        assertEquals("disabled", j.get(4).get("what").asText());
        assertFalse(j.get(0).has("outcome") || j.get(0).has("payload"), "people's text and the payload stay out");
        JsonNode http = JSON.readTree(new java.net.URL(sandbox.baseUrl() + "/sandbox/deliveries?webhook=unreachable")
                .openStream());
        assertEquals(http, j, "the DSL's JSON is the control endpoint's");
    }

    @Test
    void theTimelineFiltersByWebhookObjectNameOrIdAndByEvent() {
        assertEquals(7, eval("sandbox.deliveries()").size(), "4 attempts, the disable, 2 deliveries");
        assertEquals(1, eval("sandbox.deliveries(webhook('listening'))").size());
        assertEquals(5, eval("sandbox.deliveries(webhook('unreachable').id)").size());
        assertEquals(6, eval("sandbox.deliveries(event: 'workbook-created')").size());
        List<DeliveryAttempt> orders = eval("sandbox.deliveries event: DatasourceCreated");
        assertEquals(1, orders.size());
        assertTrue(orders.get(0).succeeded() && orders.get(0).payload().contains("Orders"), orders.toString());
        assertEquals(0, eval("sandbox.deliveries('datasources', event: 'WorkbookCreated')").size());
        assertEquals("(none)", Display.render(eval("sandbox.deliveries('nobody')")));
        DslException typo = assertThrows(DslException.class, () -> interpreter.evaluate("sandbox.deliveries(event: 'Nope')"));
        assertTrue(typo.getMessage().contains("usage: sandbox.deliveries"), typo.getMessage());
    }

    @Test
    void aLineReadsAsItselfInAScript() {
        String line = String.valueOf(interpreter.evaluate("sandbox.deliveries('listening')[0]"));
        assertTrue(line.startsWith("timeline entry(time: ") && line.contains("outcome: HTTP 200"), line);
        DisplayTest.noRecordText(line);
    }
}
