package io.tabhook.cli;

import io.tabhook.repl.Tilde;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * What a command reads from its surroundings besides its arguments: environment variables, and from them where
 * tabhook keeps its files. {@link Main} passes the process's own; a test passes its own, so a command runs in the
 * test's JVM without touching the user's files.
 */
record Environment(Function<String, String> variables) {

    static Environment system() {
        return new Environment(System::getenv);
    }

    static Environment of(Map<String, String> variables) {
        Map<String, String> copy = Map.copyOf(variables);
        return new Environment(copy::get);
    }

    /** This environment with one variable set (or replaced). */
    Environment with(String name, String value) {
        Function<String, String> outer = variables;
        return new Environment(n -> n.equals(name) ? value : outer.apply(n));
    }

    String get(String name) {
        return variables.apply(name);
    }

    /** Where tabhook keeps its files: {@code TABHOOK_HOME}, else {@code ~/.tabhook} ({@code ~} being {@code $HOME}). */
    Path home() {
        String dir = get("TABHOOK_HOME");
        if (dir != null && !dir.isBlank()) return Path.of(dir);
        String user = get("HOME");
        return (user != null && !user.isBlank() ? Path.of(user) : Tilde.home()).resolve(".tabhook");
    }
}
