package io.tabhook.repl;

import java.nio.file.Path;

/**
 * The user's home directory as a shell sees it: {@code $HOME} when set, else the JVM's {@code user.home} (which on
 * Linux comes from the password database and ignores {@code $HOME}). {@code ~/} in paths the user types means it.
 */
public final class Tilde {
    private Tilde() {}

    public static Path home() {
        String env = System.getenv("HOME");
        return Path.of(env != null && !env.isBlank() ? env : System.getProperty("user.home"));
    }

    /** {@link #expand} as an absolute path. */
    public static Path path(String typed) {
        return Path.of(expand(typed)).toAbsolutePath();
    }

    /** {@code ~/x} as a path under {@link #home()}; anything else as typed. */
    public static String expand(String typed) {
        return typed.startsWith("~/") ? home() + typed.substring(1) : typed;
    }
}
