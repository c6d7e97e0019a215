package io.tabhook.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs tabhook as a separate process, as a user's terminal or CI would: exit code, stdout and stderr. */
record TabhookProcess(int exit, String out, String err) {

    static TabhookProcess run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return runIn(null, env, args);
    }

    static TabhookProcess runIn(Path dir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (dir != null) pb.directory(dir.toFile());
        pb.environment().remove("TABLEAU_PASSWORD");
        pb.environment().remove("TABLEAU_PAT_SECRET");
        // Keep the test's session journals and history out of the real home directory.
        pb.environment().put("TABHOOK_HOME", java.nio.file.Files.createTempDirectory("tabhook-home").toString());
        pb.environment().putAll(env);
        File out = File.createTempFile("tabhook-out", ".txt");
        File err = File.createTempFile("tabhook-err", ".txt");
        pb.redirectOutput(out).redirectError(err).redirectInput(ProcessBuilder.Redirect.PIPE);
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("tabhook " + String.join(" ", args) + " did not finish in 120 s");
        }
        TabhookProcess r = new TabhookProcess(p.exitValue(),
                java.nio.file.Files.readString(out.toPath(), StandardCharsets.UTF_8),
                java.nio.file.Files.readString(err.toPath(), StandardCharsets.UTF_8));
        out.delete();
        err.delete();
        return r;
    }
}
