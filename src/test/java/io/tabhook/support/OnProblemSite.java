package io.tabhook.support;

import io.tabhook.dsl.Console;
import io.tabhook.dsl.Dsl;
import io.tabhook.dsl.Interpreter;
import io.tabhook.session.Session;
import io.tabhook.session.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One {@link ProblemSite} for a test class (its files under {@code dir/site}; the rest of {@code dir} is the class's),
 * and interpreters on it as a shell makes them.
 */
public abstract class OnProblemSite {
    @TempDir
    protected static Path dir;
    protected static ProblemSite site;

    @BeforeAll
    static void startTheProblemSite() throws Exception {
        site = ProblemSite.start(dir.resolve("site"));
    }

    @AfterAll
    static void stopTheProblemSite() {
        if (site != null) site.close();
    }

    /** An interpreter on a fresh session of the sandbox, as a shell makes one; what it logs goes to {@code log}. */
    protected static Interpreter interpreter(ProblemSite site, List<String> log) {
        Session session = new Session(new Settings().server(site.server()), Duration.ofSeconds(10));
        Console console = log::add;
        return new Interpreter(new Dsl(session, site.inbox, site.sandbox, console, Map.<String, String>of()::get));
    }
}
