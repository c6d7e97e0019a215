package io.tabhook.cli;

import picocli.CommandLine;

import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code tabhook sandbox ARGS} run in this JVM as {@link Main} runs it, left serving: what it printed, the address it
 * says it listens on, and {@link #close()} to stop it (as Ctrl-C would).
 */
record ServingSandbox(SandboxCommand command, String out, URI url) implements AutoCloseable {

    static ServingSandbox start(Path dir, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = CommandRun.commandLine(dir, Map.of(), out, err);
        String[] all = new String[args.length + 1];
        all[0] = "sandbox";
        System.arraycopy(args, 0, all, 1, args.length);
        assertEquals(0, cl.execute(all), err.toString());
        SandboxCommand command = cl.getSubcommands().get("sandbox").getCommand();
        Matcher listening = Pattern.compile("^tabhook sandbox listening on (http://127\\.0\\.0\\.1:\\d+)\n")
                .matcher(out.toString());
        if (!listening.find()) {
            command.stop();
            throw new AssertionError("no address in: " + out);
        }
        assertTrue(command.serving(), "Main leaves the JVM running for it");
        return new ServingSandbox(command, out.toString(), URI.create(listening.group(1)));
    }

    @Override
    public void close() {
        command.stop();
    }
}
