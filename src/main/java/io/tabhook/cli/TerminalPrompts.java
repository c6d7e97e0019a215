package io.tabhook.cli;

import io.tabhook.dsl.Console;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * The DSL's console for a command: progress lines to stderr; a secret (without echo) or a yes-or-no question asked on
 * the process's terminal, and nothing asked without one (a pipe, CI), where the command says what to pass instead.
 */
final class TerminalPrompts implements Console {
    private final PrintWriter err;
    private final java.io.Console terminal = System.console();

    TerminalPrompts(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void log(String line) {
        err.println(line);
        err.flush();
    }

    @Override
    public String readSecret(String prompt) {
        if (terminal == null) return null;
        char[] typed = terminal.readPassword("%s", prompt);
        return typed == null ? null : new String(typed);
    }

    @Override
    public boolean canConfirm() {
        return terminal != null;
    }

    @Override
    public Boolean confirm(String question) {
        if (terminal == null) return null;
        String answer = terminal.readLine("%s", question);
        return answer != null && answer.strip().toLowerCase(Locale.ROOT).matches("y|yes");
    }
}
