package io.tabhook.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tabhook.api.SignInRequest;
import io.tabhook.api.Webhook;
import io.tabhook.api.WebhookSpec;
import io.tabhook.client.TableauClient;
import io.tabhook.events.EventType;
import io.tabhook.sandbox.Sandbox;
import io.tabhook.sandbox.SandboxOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13: {@code tabhook webhooks export FILE} and {@code webhooks import FILE [--dry-run]}, in-process against a real
 * sandbox: what one site exports another imports as the same webhooks; importing twice changes nothing.
 */
class WebhooksCommandTest {
    static final Map<String, String> ADMIN = Map.of("TABLEAU_PASSWORD", "admin");

    @TempDir
    Path dir;
    Sandbox sandbox;

    @BeforeEach
    void start() throws Exception {
        sandbox = Sandbox.start(SandboxOptions.defaults());
        TableauClient workshop = client("workshop");
        workshop.createWebhook(WebhookSpec.create("new-workbooks", EventType.WORKBOOK_CREATED, "https://hooks.example.com/a"));
        workshop.createWebhook(new WebhookSpec("paused", EventType.VIEW_DELETED, "https://hooks.example.com/b", false, null));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    TableauClient client(String site) {
        TableauClient c = TableauClient.builder(sandbox.baseUrl()).build();
        c.signIn(SignInRequest.password("admin", "admin", site));
        return c;
    }

    CommandRun webhooks(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("webhooks"));
        all.addAll(List.of(args));
        all.addAll(List.of("--server", sandbox.baseUrl().toString(), "--user", "admin"));
        return CommandRun.run(dir, ADMIN, all.toArray(String[]::new));
    }

    static List<List<Object>> kept(List<Webhook> hooks) {
        return hooks.stream().map(w -> List.<Object>of(w.name(), w.event(), w.url(), w.isEnabled())).toList();
    }

    @Test
    void exportFromOneSiteAndImportIntoAnotherGivesTheSameWebhooksAndTwiceChangesNothing() {
        Path file = dir.resolve("webhooks.json");
        CommandRun exported = webhooks("export", file.toString(), "--site", "workshop");
        assertEquals(0, exported.exit(), exported.err());
        assertEquals("wrote 2 webhooks to " + file, exported.out().strip());

        CommandRun imported = webhooks("import", file.toString(), "--site", "");
        assertEquals(0, imported.exit(), imported.err());
        assertEquals("created 2, skipped 0, failed 0", imported.err().strip());
        assertTrue(imported.out().startsWith("NAME  "), imported.out());
        assertTrue(imported.out().strip().endsWith("(2 webhooks)"), imported.out());
        assertEquals(kept(client("workshop").listWebhooks()), kept(client("").listWebhooks()));

        List<Webhook> once = client("").listWebhooks();
        CommandRun again = webhooks("import", file.toString(), "--site", "");
        assertEquals(0, again.exit(), again.err());
        assertEquals("created 0, skipped 2, failed 0", again.err().strip());
        assertEquals(once, client("").listWebhooks());
    }

    @Test
    void aDryRunCreatesNothingAndJsonSaysWhatItWouldDo() throws Exception {
        Path file = dir.resolve("webhooks.json");
        webhooks("export", file.toString(), "--site", "workshop");
        CommandRun plan = webhooks("import", file.toString(), "--dry-run", "--json");
        assertEquals(0, plan.exit(), plan.err());
        JsonNode j = new ObjectMapper().readTree(plan.out());
        assertEquals("would create", j.get(0).get("outcome").asText());
        assertEquals("new-workbooks", j.get(0).get("name").asText());
        assertEquals(0, client("").listWebhooks().size());
    }

    @Test
    void anImportWithAFailureExitsOne() throws Exception {
        Path file = dir.resolve("plain-http.json");
        Files.writeString(file, "{\"format\": \"tabhook webhooks\", \"version\": 1, \"webhooks\": ["
                + "{\"name\": \"plain\", \"event\": \"WorkbookCreated\", \"url\": \"http://192.0.2.10/hook\"}]}");
        CommandRun r = webhooks("import", file.toString());
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("\nplain  WorkbookCreated  http://192.0.2.10/hook  failed   Tableau 400000 Bad Request: "), r.out());
    }

    @Test
    void mistakesAreOneLine() throws Exception {
        CommandRun none = CommandRun.run(dir, ADMIN, "webhooks");
        assertEquals(2, none.exit());
        assertTrue(none.err().startsWith("tabhook: webhooks needs export FILE or import FILE"), none.err());
        CommandRun noServer = CommandRun.run(dir, ADMIN, "webhooks", "export", "x.json", "--user", "admin");
        assertEquals(2, noServer.exit());
        Path notOne = dir.resolve("not-one.json");
        Files.writeString(notOne, "[]");
        CommandRun bad = webhooks("import", notOne.toString());
        assertEquals(1, bad.exit());
        assertEquals("tabhook: " + notOne + " is not a webhook file: it needs \"format\": \"tabhook webhooks\" "
                + "(exportWebhooks writes one)", bad.err().strip());
        Path cut = dir.resolve("cut-short.json");
        Files.writeString(cut, "{\"format\": \"tabhook webhooks\", \"webhooks\": [");
        CommandRun truncated = webhooks("import", cut.toString());
        assertEquals(1, truncated.exit());
        assertEquals("tabhook: " + cut + " is not a webhook file: not JSON (line 1, column 45: "
                + "Unexpected end-of-input: expected close marker for Array)", truncated.err().strip(), "no parser internals");
        CommandRun wrongPassword = CommandRun.run(dir, Map.of("TABLEAU_PASSWORD", "nope"), "webhooks", "export",
                dir.resolve("x.json").toString(), "--server", sandbox.baseUrl().toString(), "--user", "admin");
        assertEquals(1, wrongPassword.exit());
        assertTrue(wrongPassword.err().startsWith("tabhook: Tableau 401001"), wrongPassword.err());
        assertTrue(Files.notExists(dir.resolve("x.json")));
    }
}
