package io.tabhook.dsl;

import io.tabhook.api.Content;
import io.tabhook.api.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** projects, createProject, publishWorkbook and publishDatasource as a user types them, on the real sandbox. */
class PublishWordsTest extends InterpreterOnLoopback {
    @TempDir
    Path dir;

    Interpreter signedIn() {
        Interpreter e = interpreter(Map.of(), Console.stderr());
        e.evaluate("signIn site: 'workshop'");
        return e;
    }

    String quoted(Path p) {
        return "'" + p.toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    @Test
    void projectsListsTheDefaultProjectAndCreateProjectAddsOne() {
        Interpreter e = signedIn();
        assertTrue(((List<?>) e.evaluate("projects")).stream().anyMatch(p -> ((Project) p).name().equals("Default")));
        Project finance = (Project) e.evaluate("createProject 'Words Finance', description: 'Quarterly reports'");
        assertEquals("Quarterly reports", finance.description());
        Project nested = (Project) e.evaluate("createProject 'Words Q3', parent: 'Words Finance'");
        assertEquals(finance.id(), nested.parentProjectId());
    }

    @Test
    void publishingFiresCreatedThenUpdatedAtTheInbox() throws Exception {
        Path twbx = Files.writeString(dir.resolve("Words Sales.twbx"), "not really a zip");
        Interpreter e = signedIn();
        e.evaluate("created = createWebhook name: 'words-wb-created', event: 'WorkbookCreated'");
        e.evaluate("updated = createWebhook name: 'words-wb-updated', event: 'WorkbookUpdated'");
        e.evaluate("createProject 'Words Target'");
        Content wb = (Content) e.evaluate("wb = publishWorkbook " + quoted(twbx) + ", project: 'Words Target'");
        assertEquals("Words Sales", wb.name(), "the name comes from the file when left out");
        assertEquals("Words Target", wb.projectName());
        assertEquals(wb.id(), e.evaluate("waitForPayload(event: 'WorkbookCreated', name: 'Words Sales', timeout: 20).resource_luid"));
        Content again = (Content) e.evaluate("publishWorkbook " + quoted(twbx) + ", project: 'Words Target', overwrite: true");
        assertEquals(wb.id(), again.id());
        assertEquals(wb.id(), e.evaluate("waitForPayload(event: 'WorkbookUpdated', name: 'Words Sales', timeout: 20).resource_luid"));
        e.evaluate("deleteWebhook created; deleteWebhook updated");
    }

    @Test
    void publishDatasourceTakesANameAndFiresDatasourceCreated() throws Exception {
        Path hyper = Files.write(dir.resolve("orders.hyper"), new byte[100]);
        Interpreter e = signedIn();
        e.evaluate("hook = createWebhook name: 'words-ds-created', event: 'DatasourceCreated'");
        Content ds = (Content) e.evaluate("publishDatasource " + quoted(hyper) + ", name: 'Words Orders'");
        assertEquals("datasource", ds.kind());
        assertEquals("Default", ds.projectName());
        assertEquals("Words Orders", e.evaluate("waitForPayload(event: 'DatasourceCreated', timeout: 20) { it.resource_luid == '"
                + ds.id() + "' }.resource_name"));
        e.evaluate("deleteWebhook hook");
    }

    @Test
    void mistakesGetOneLineThatSaysWhatToDo() throws Exception {
        Interpreter e = signedIn();
        DslException noFile = assertThrows(DslException.class,
                () -> e.evaluate("publishWorkbook " + quoted(dir.resolve("missing.twbx"))));
        assertTrue(noFile.getMessage().contains("no file") && noFile.getMessage().contains("usage: publishWorkbook"),
                noFile.getMessage());
        Path twb = Files.writeString(dir.resolve("x.twb"), "<workbook/>");
        DslException noProject = assertThrows(DslException.class,
                () -> e.evaluate("publishWorkbook " + quoted(twb) + ", project: 'Nowhere'"));
        assertTrue(noProject.getMessage().contains("no project named 'Nowhere'") && noProject.getMessage().contains("Default"),
                noProject.getMessage());
        e.evaluate("publishWorkbook " + quoted(twb) + ", name: 'Words Clash'");
        RuntimeException clash = assertThrows(RuntimeException.class,
                () -> e.evaluate("publishWorkbook " + quoted(twb) + ", name: 'Words Clash'"));
        assertTrue(clash.getMessage().contains("403007") && clash.getMessage().contains("overwrite"), clash.getMessage());
        assertTrue(!clash.getMessage().contains("\n"), "one line: " + clash.getMessage());
    }
}
