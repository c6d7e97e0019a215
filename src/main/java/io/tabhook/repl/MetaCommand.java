package io.tabhook.repl;

/** A {@code :command} of the shell, declared once: name, argument usage, help and handler. */
record MetaCommand(String name, String usage, String summary, Handler handler) {
    interface Handler {
        void run(String argument) throws Exception;
    }
}
