package io.tabhook.cli;

/**
 * A command whose server outlives its {@code call()} ({@code sandbox}, {@code inbox}): {@link Main} then leaves the
 * JVM running instead of exiting; the server closes at exit (Ctrl-C) or when {@link #stop()}ped.
 */
abstract class ServingCommand {
    private volatile Runnable stop;

    /** Keeps {@code server} until the JVM exits (or {@link #stop()}). */
    void serveUntilExit(AutoCloseable server, String name) {
        Thread hook = new Thread(() -> closeQuietly(server), name);
        Runtime.getRuntime().addShutdownHook(hook);
        stop = () -> {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException exiting) {
                // the hook is running already
            }
            closeQuietly(server);
        };
    }

    /** True once the command started its server. */
    public boolean serving() {
        return stop != null;
    }

    /** Closes the server now rather than at JVM exit. */
    public void stop() {
        Runnable s = stop;
        if (s != null) s.run();
    }

    private static void closeQuietly(AutoCloseable server) {
        try {
            server.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }
}
