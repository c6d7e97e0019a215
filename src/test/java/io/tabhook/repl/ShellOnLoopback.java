package io.tabhook.repl;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

/** A fresh shell for each test, on a real terminal, with its own sandbox and inbox, waiting at its first prompt. */
abstract class ShellOnLoopback {
    @TempDir
    Path home;
    ShellDriver shell;

    @BeforeEach
    void start() throws Exception {
        shell = new ShellDriver(home, Map.of());
        shell.waitFor("not signed in");
    }

    @AfterEach
    void stop() throws Exception {
        shell.close();
    }
}
