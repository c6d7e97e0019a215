package io.tabhook.inbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** {@code tabhook inbox} running in a JVM of its own, as a user starts it; killed at the end. */
final class ChildInbox implements AutoCloseable {
    private static final String LISTENING = "tabhook inbox listening on ";
    final Process process;
    final URI url;
    final BlockingQueue<String> output = new LinkedBlockingQueue<>();

    ChildInbox(List<String> jvmOptions, String... inboxArgs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.tabhook.cli.Main", "inbox"));
        command.addAll(List.of(inboxArgs));
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) output.add(line);
            } catch (IOException ended) {
                // the child is gone
            }
        }, "child-inbox-output");
        reader.setDaemon(true);
        reader.start();
        String first = output.poll(30, TimeUnit.SECONDS);
        if (first == null || !first.startsWith(LISTENING)) {
            process.destroyForcibly();
            throw new IllegalStateException("the child inbox did not start: " + first);
        }
        url = URI.create(first.substring(LISTENING.length()).trim());
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
