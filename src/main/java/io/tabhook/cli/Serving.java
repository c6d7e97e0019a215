package io.tabhook.cli;

/**
 * A command whose server outlives its {@code call()} ({@code sandbox}, {@code inbox}): {@link Main} then leaves the
 * JVM running instead of exiting; the server closes at exit (Ctrl-C) or when {@link #stop()}ped.
 */
interface Serving {
    /** True once the command started its server. */
    boolean serving();

    /** Closes the server now rather than at JVM exit. */
    void stop();

    /** Closes {@code server} when the JVM exits; returns what closes it sooner (for {@link #stop()}). */
    static Runnable closeAtExit(AutoCloseable server, String name) {
        Thread hook = new Thread(() -> closeQuietly(server), name);
        Runtime.getRuntime().addShutdownHook(hook);
        return () -> {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException exiting) {
                // the hook is running already
            }
            closeQuietly(server);
        };
    }

    private static void closeQuietly(AutoCloseable server) {
        try {
            server.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }
}
