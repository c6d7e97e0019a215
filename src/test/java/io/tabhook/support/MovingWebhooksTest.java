package io.tabhook.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tabhook.api.Webhook;
import io.tabhook.dsl.Display;
import io.tabhook.dsl.Dsl;
import io.tabhook.dsl.DslException;
import io.tabhook.dsl.Interpreter;
import io.tabhook.inbox.Inbox;
import io.tabhook.inbox.InboxOptions;
import io.tabhook.sandbox.Sandbox;
import io.tabhook.sandbox.SandboxOptions;
import io.tabhook.session.Session;
import io.tabhook.session.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13: {@code exportWebhooks} and {@code importWebhooks} move a site's webhooks to another site of a real sandbox:
 * the same webhooks arrive, importing twice changes nothing, a dry run creates nothing, the file is owner-only and
 * holds no secret, and a file that is not one says so in one line.
 */
class MovingWebhooksTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Sandbox sandbox;
    Inbox inbox;
    Interpreter interpreter;
    final List<String> log = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        sandbox = Sandbox.start(SandboxOptions.defaults());
        inbox = Inbox.start(InboxOptions.defaults());
        Session session = new Session(new Settings().server(sandbox.baseUrl()), Duration.ofSeconds(10));
        interpreter = new Interpreter(new Dsl(session, inbox, sandbox, log::add, Map.<String, String>of()::get));
        eval("""
                signIn site: 'workshop'
                createWebhook name: 'new-workbooks', event: 'WorkbookCreated'
                createWebhook name: 'refresh-failures', event: 'datasource-refresh-failed', url: '%s'
                createWebhook name: 'paused', event: 'ViewDeleted', enabled: false
                createSite name: 'Copy'
                """.formatted(inbox.url().resolve("alerts")));
    }

    @AfterEach
    void stop() {
        inbox.close();
        sandbox.close();
    }

    Object eval(String code) {
        return interpreter.evaluate(code);
    }

    /** A site's webhooks as name, event, url and enabled: what moving them keeps. */
    @SuppressWarnings("unchecked")
    Set<List<Object>> moved(String site) {
        List<Webhook> hooks = (List<Webhook>) eval("signIn site: '" + site + "'; webhooks()");
        return hooks.stream().map(w -> List.<Object>of(w.name(), w.event(), w.url(), w.isEnabled()))
                .collect(Collectors.toSet());
    }

    @Test
    void exportingFromOneSiteAndImportingIntoAnotherGivesTheSameWebhooks() {
        Path file = dir.resolve("webhooks.json");
        assertEquals("wrote 3 webhooks to " + file, eval("signIn site: 'workshop'; exportWebhooks '" + file + "'"));
        List<?> steps = (List<?>) eval("signIn site: 'copy'; importWebhooks '" + file + "'");
        assertEquals(List.of("created", "created", "created"),
                steps.stream().map(s -> ((ImportedWebhook) s).outcome()).toList());
        assertEquals(moved("workshop"), moved("copy"));
        assertTrue(moved("copy").contains(List.of("paused", "ViewDeleted", inbox.urlFor("paused").toString(), false)),
                "a disabled webhook arrives disabled");
        assertEquals("created 3, skipped 0, failed 0", log.get(log.size() - 1));
    }

    @Test
    @SuppressWarnings("unchecked")
    void importingTwiceChangesNothing() {
        Path file = dir.resolve("webhooks.json");
        eval("signIn site: 'workshop'; exportWebhooks '" + file + "'");
        eval("signIn site: 'copy'; importWebhooks '" + file + "'");
        List<Webhook> first = (List<Webhook>) eval("webhooks()");
        List<ImportedWebhook> again = (List<ImportedWebhook>) eval("importWebhooks '" + file + "'");
        assertEquals(List.of("skipped", "skipped", "skipped"), again.stream().map(ImportedWebhook::outcome).toList());
        assertEquals(first.stream().map(Webhook::id).toList(),
                again.stream().map(s -> s.detail().replace("already there: ", "")).toList(), "each names the one there");
        assertEquals(first, eval("webhooks()"), "not one webhook more, none changed");
        assertEquals("created 0, skipped 3, failed 0", log.get(log.size() - 1));
        String table = Display.render(again);
        assertTrue(table.startsWith("NAME  "), table);
        assertTrue(table.contains("new-workbooks     WorkbookCreated "), table);
        assertTrue(table.endsWith("(3 webhooks)"), table);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDryRunShowsThePlanAndCreatesNothing() {
        Path file = dir.resolve("webhooks.json");
        eval("signIn site: 'workshop'; exportWebhooks '" + file + "'");
        eval("signIn site: 'copy'; createWebhook name: 'new-workbooks', event: 'WorkbookCreated'");
        List<ImportedWebhook> plan = (List<ImportedWebhook>) eval("importWebhooks '" + file + "', dryRun: true");
        assertEquals(List.of("would skip", "would create", "would create"),
                plan.stream().map(ImportedWebhook::outcome).toList());
        assertEquals("disabled", plan.get(2).detail(), "says the one that arrives disabled");
        assertEquals(1, ((List<?>) eval("webhooks()")).size(), "nothing created");
        assertEquals("would create 2, would skip 1, would fail 0", log.get(log.size() - 1));
    }

    @Test
    void theFileIsOwnerOnlyDocumentedJsonWithAFormatVersion() throws Exception {
        Path file = dir.resolve("out").resolve("webhooks.json");
        eval("signIn site: 'workshop'; exportWebhooks '" + file + "'");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        JsonNode j = JSON.readTree(file.toFile());
        assertEquals("tabhook webhooks", j.get("format").asText());
        assertEquals(1, j.get("version").asInt());
        assertEquals("workshop", j.get("site").asText());
        assertEquals(sandbox.baseUrl().toString(), j.get("server").asText());
        assertTrue(j.get("exportedAt").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), j.toString());
        JsonNode first = j.get("webhooks").get(0);
        assertEquals(List.of("name", "event", "url", "enabled"), iterable(first.fieldNames()));
        assertEquals("new-workbooks", first.get("name").asText());
        assertEquals("WorkbookCreated", first.get("event").asText());
        assertTrue(first.get("enabled").asBoolean());
    }

    @Test
    void aUrlWithASecretIsWrittenMaskedAndNotImported() throws Exception {
        eval("createWebhook name: 'with-token', event: 'WorkbookDeleted', url: '"
                + inbox.url() + "?token=abcdefghijklmnopqrstuvwxyz0123456789'");
        Path file = dir.resolve("webhooks.json");
        String wrote = (String) eval("exportWebhooks '" + file + "'");
        assertEquals("wrote 4 webhooks to " + file + " (1 url's secret left out: create it by hand)", wrote);
        String text = Files.readString(file);
        assertFalse(text.contains("abcdefghijklmnopqrstuvwxyz0123456789"), text);
        assertTrue(text.contains("\"secretLeftOut\" : true"), text);
        @SuppressWarnings("unchecked")
        List<ImportedWebhook> steps = (List<ImportedWebhook>) eval("signIn site: 'copy'; importWebhooks '" + file + "'");
        ImportedWebhook withToken = steps.get(3);
        assertEquals("failed", withToken.outcome());
        assertTrue(withToken.detail().startsWith("its url held a secret, left out of the file"), withToken.detail());
        assertEquals(3, ((List<?>) eval("webhooks()")).size());
    }

    @Test
    void aFileThatIsNoWebhookFileIsOneLine() throws Exception {
        Path notOne = dir.resolve("env.json");
        Files.writeString(notOne, "{\"values\": []}");
        DslException e = assertThrows(DslException.class, () -> eval("importWebhooks '" + notOne + "'"));
        assertEquals(notOne + " is not a webhook file: it needs \"format\": \"tabhook webhooks\" (exportWebhooks writes one)",
                e.getMessage());
        Path newer = dir.resolve("newer.json");
        Files.writeString(newer, "{\"format\": \"tabhook webhooks\", \"version\": 2, \"webhooks\": []}");
        assertEquals(newer + " is format version 2, written by a newer tabhook; this one reads version 1",
                assertThrows(DslException.class, () -> eval("importWebhooks '" + newer + "'")).getMessage());
        Path noUrl = dir.resolve("no-url.json");
        Files.writeString(noUrl, "{\"format\": \"tabhook webhooks\", \"version\": 1, \"webhooks\": "
                + "[{\"name\": \"a\", \"event\": \"WorkbookCreated\"}]}");
        assertEquals(noUrl + ": webhook 1 has no url",
                assertThrows(DslException.class, () -> eval("importWebhooks '" + noUrl + "'")).getMessage());
        assertEquals(dir.resolve("missing.json") + ": no such file", assertThrows(DslException.class,
                () -> eval("importWebhooks '" + dir.resolve("missing.json") + "'")).getMessage());
    }

    @Test
    @SuppressWarnings("unchecked")
    void anEventInAnySpellingAndAnUnknownOneAreReadAsSuch() throws Exception {
        Path file = dir.resolve("hand-written.json");
        Files.writeString(file, """
                {"format": "tabhook webhooks", "version": 1, "webhooks": [
                  {"name": "legacy", "event": "webhook-source-event-workbook-created", "url": "%s"},
                  {"name": "typo", "event": "WorkbookCreatd", "url": "%s"}
                ]}""".formatted(inbox.url(), inbox.url()));
        List<ImportedWebhook> steps = (List<ImportedWebhook>) eval("signIn site: 'copy'; importWebhooks '" + file + "'");
        assertEquals("created", steps.get(0).outcome());
        assertEquals("WorkbookCreated", steps.get(0).event());
        assertEquals("failed", steps.get(1).outcome());
        assertTrue(steps.get(1).detail().contains("WorkbookCreated"), "the nearest event: " + steps.get(1).detail());
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> out = new ArrayList<>();
        names.forEachRemaining(out::add);
        return out;
    }
}
