package io.tabhook.dsl;

import io.tabhook.api.Content;
import io.tabhook.api.Project;
import io.tabhook.api.PublishSpec;
import io.tabhook.dsl.Word.Kind;
import io.tabhook.session.Session;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Projects and publishing: list and create the signed-in site's projects, publish a workbook or data source file
 * (a large one through an upload session, on its own). Publishing is how Tableau makes WorkbookCreated,
 * WorkbookUpdated, DatasourceCreated and DatasourceUpdated happen.
 */
final class PublishWords {
    private PublishWords() {}

    static final WordTable TABLE = new WordTable();

    private static final String LUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    static {
        TABLE.word("projects", "List the projects of the signed-in site.")
                .example("projects().collect { it.name }")
                .does(PublishWords::projects);
    }

    static List<Project> projects(Call c) {
        Session session = c.session();
        return session.call(() -> session.client().listProjects());
    }

    static {
        TABLE.word("createProject", "Create a project, to publish into.")
                .positional("name", Kind.TEXT, "the project's name")
                .option("parent", Kind.TEXT, "the project it goes under, by name or id (left out: top level)")
                .option("description", Kind.TEXT, "what it is for")
                .example("createProject 'Finance', description: 'Quarterly reports'")
                .does(PublishWords::createProject);
    }

    static Project createProject(Call c) {
        String parent = c.text("parent") == null ? null : projectId(c, c.text("parent"));
        Project spec = Project.toCreate(c.text("name"), c.text("description"), parent);
        Session session = c.session();
        return session.call(() -> session.client().createProject(spec));
    }

    static {
        publishing("publishWorkbook", "Publish a .twb or .twbx file: WorkbookCreated, or WorkbookUpdated with "
                        + "overwrite: true.", ".twb or .twbx", "workbook")
                .details("""
                        The file is streamed from disk: in one request up to 64 MB, through an upload session beyond
                        (as Tableau's clients do). Without overwrite: true an existing name is refused (403007).""")
                .option("showTabs", Kind.BOOLEAN, "show its views as tabs")
                .example("publishWorkbook 'Sales.twbx', project: 'Finance', overwrite: true")
                .does(c -> publish(c, "workbook"));
        publishing("publishDatasource", "Publish a .tds, .tdsx, .hyper or .tde file: DatasourceCreated, or "
                        + "DatasourceUpdated with overwrite: true.", ".tds, .tdsx, .hyper or .tde", "data source")
                .details("As publishWorkbook: streamed from disk, large files through an upload session.")
                .example("publishDatasource 'Orders.hyper', overwrite: true")
                .does(c -> publish(c, "datasource"));
    }

    /** What both publish words take: the file, and the name, project and overwrite of what it becomes. */
    private static WordTable.Declaration publishing(String word, String summary, String files, String what) {
        return TABLE.word(word, summary)
                .positional("file", Kind.FILE, "the " + files + " to publish")
                .option("name", Kind.TEXT, "the " + what + "'s name (left out: the file's name)")
                .option("project", Kind.TEXT, "the project, by name or id (left out: Default)")
                .option("overwrite", Kind.BOOLEAN, "true replaces a " + what + " of that name");
    }

    static Content publish(Call c, String kind) {
        Path file = Path.of(c.text("file"));
        if (!Files.isRegularFile(file)) throw c.mistake("has no file " + file + " to publish");
        String name = c.text("name");
        if (name == null || name.isBlank()) {
            String f = file.getFileName().toString();
            name = f.contains(".") ? f.substring(0, f.lastIndexOf('.')) : f;
        }
        String project = projectId(c, c.text("project") == null ? "Default" : c.text("project"));
        Boolean showTabs = c.word().arg("showTabs") == null ? null : c.bool("showTabs");
        PublishSpec spec = new PublishSpec(name, project, c.flag("overwrite"), showTabs);
        Session session = c.session();
        return session.call(() -> kind.equals("workbook") ? session.client().publishWorkbook(file, spec)
                : session.client().publishDatasource(file, spec));
    }

    /** A project given by id, or by name (the one project of that name; one line when there are none or several). */
    private static String projectId(Call c, String project) {
        if (project.strip().matches(LUID)) return project.strip();
        List<Project> all = projects(c);
        List<Project> named = all.stream().filter(p -> p.name().equalsIgnoreCase(project.strip())).toList();
        if (named.size() == 1) return named.get(0).id();
        if (named.isEmpty()) {
            throw c.mistake("no project named '" + project + "'; there are: "
                    + all.stream().map(Project::name).sorted().collect(Collectors.joining(", ")));
        }
        throw c.mistake(named.size() + " projects are named '" + project + "'; give one by id: "
                + named.stream().map(Project::id).collect(Collectors.joining(", ")));
    }
}
