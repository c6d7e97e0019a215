package io.tabhook.repl;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ctrl-C stops whatever a line runs, the next line runs, Ctrl-D leaves; a quiet command shows that it works. */
class ShellCtrlCTest extends ShellOnLoopback {

    /** Ctrl-C while {@code code} runs (once its spinner shows), then a line that must answer. */
    private String interruptAndGoOn(String code) throws Exception {
        shell.run(code, "Ctrl-C stops"); // the spinner: the command runs, and has been quiet for a second
        shell.mark();
        shell.ctrlC();
        String after = shell.waitFor("interrupted");
        shell.run("6 * 7", "42");
        return after;
    }

    @Test
    void aLoopOfSleepsStops() throws Exception {
        interruptAndGoOn("while (true) { sleep 100 }");
    }

    @Test
    void aCpuLoopStops() throws Exception {
        interruptAndGoOn("while (true) {}");
    }

    @Test
    void aLoopInAClosureStops() throws Exception {
        interruptAndGoOn("(1..3).each { while (true) { it++ } }");
    }

    @Test
    void aLongSleepStopsAtOnce() throws Exception {
        interruptAndGoOn("sleep 600000");
    }

    @Test
    void ctrlDLeavesAfterAnInterruptedCommand() throws Exception {
        interruptAndGoOn("while (true) {}");
        shell.mark();
        shell.ctrlD();
        shell.join();
        assertFalse(shell.running(), () -> "Ctrl-D did not end the shell; its screen shows:\n" + shell.plainSinceMark()
                + "\nits thread:\n" + shell.loopStack());
    }

    @Test
    void codeThatSwallowsTheInterruptIsLeftBehindAtTheSecondCtrlC() throws Exception {
        shell.run("stop = false", "> ");
        shell.run("while (!stop) { try { Thread.sleep(50) } catch (InterruptedException ignored) { } }", "Ctrl-C stops");
        shell.ctrlC();
        shell.waitFor("Ctrl-C again leaves it"); // the spinner says the first one did not stop it
        shell.mark();
        shell.ctrlC();
        shell.waitFor("✗ abandoned: it ignored Ctrl-C and may still run in the background; the next line starts afresh");
        shell.run("6 * 7", "42");
        shell.type("stop = true\r"); // the abandoned loop reads the same binding, and ends
    }

    @Test
    void testWebhookOnADestinationThatNeverAnswersShowsItWaitsAndStopsAtCtrlC() throws Exception {
        try (Silent destination = new Silent()) {
            shell.run("signIn", "admin@Default");
            shell.run("createWebhook name: 'silent', event: 'WorkbookCreated', url: '" + destination.url() + "'",
                    "silent");
            shell.run("testWebhook 'silent'", "testWebhook · Ctrl-C stops · 1 s");
            assertFalse(destination.accepted.isEmpty(), "the sandbox is posting to the destination");
            shell.mark();
            shell.ctrlC();
            shell.waitFor("✗ interrupted");
            shell.run("6 * 7", "42");
        }
    }

    /** A destination that takes connections and never answers. */
    private static final class Silent implements AutoCloseable {
        final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final List<Socket> accepted = new CopyOnWriteArrayList<>();

        Silent() throws IOException {
            Thread t = new Thread(() -> {
                try {
                    while (true) accepted.add(socket.accept());
                } catch (IOException closed) {
                    // done
                }
            }, "silent-destination");
            t.setDaemon(true);
            t.start();
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/hook";
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket s : accepted) s.close();
        }
    }
}
