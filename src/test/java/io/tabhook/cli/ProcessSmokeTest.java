package io.tabhook.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one test that starts tabhook as a process of its own, as a terminal or CI does; every other command test runs
 * in this JVM through {@link Main#commandLine}. What only a process shows: the exit code reaching the OS, stdout and
 * stderr wired to the real streams, the real environment read ($HOME), a closed stdin not waited on.
 */
class ProcessSmokeTest {
    @TempDir
    Path dir;

    @Test
    void aFailingScriptExitsOneWithItsLineOnStderrAndItsOutputOnStdout() throws Exception {
        Path user = Files.createDirectories(dir.resolve("user"));
        Files.writeString(Files.createDirectories(dir.resolve("checks")).resolve("smoke.groovy"), """
                signIn()
                println "signed in as ${session.user}"
                expect webhooks().size() == 5, 'there should be five webhooks'
                """);
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "run", "checks/smoke.groovy");
        pb.directory(dir.toFile()); // the script named relative to where tabhook runs, as people type it
        pb.environment().put("TABHOOK_HOME", "");  // files go under $HOME/.tabhook, as the shell sets $HOME
        pb.environment().put("HOME", user.toString());
        File out = dir.resolve("out.txt").toFile();
        File err = dir.resolve("err.txt").toFile();
        Process p = pb.redirectOutput(out).redirectError(err).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        p.getOutputStream().close();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("tabhook run did not finish in 120 s");
        }

        String stderr = Files.readString(err.toPath(), StandardCharsets.UTF_8);
        assertEquals(1, p.exitValue(), stderr);
        assertEquals("checks/smoke.groovy:3: expectation failed: there should be five webhooks", stderr.strip(),
                "the script as it was given, path and all");
        assertEquals("signed in as admin", Files.readString(out.toPath(), StandardCharsets.UTF_8).strip());
        try (var journals = Files.list(user.resolve(".tabhook/deliveries"))) {
            assertEquals(0, journals.filter(f -> f.toString().endsWith(".jsonl")).count(),
                    "a run that received no delivery leaves no journal (issue 9: journals kept by what they hold)");
        }
        for (Path folder : List.of(user.resolve(".tabhook"), user.resolve(".tabhook/deliveries"))) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)),
                    "only the user may look into " + folder);
        }
    }
}
