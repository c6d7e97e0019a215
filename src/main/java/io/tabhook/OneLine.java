package io.tabhook;

/**
 * Failure text on one line, as the shell, the sandbox's error answers and the inbox's forward results show it: a
 * message's line breaks (and the spaces around them) become one space, so a multi-line message from the JDK, Jackson
 * or Groovy never breaks a table or a log line.
 */
public final class OneLine {
    private OneLine() {}

    /** The text on one line, ends stripped; "" for null. */
    public static String of(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /**
     * Input shown back to whoever sent it (a Host header, an event name): on one line and at most {@code max}
     * characters, the rest named by its length, so a megabyte of input is never echoed whole. Only the first
     * {@code max} characters are looked at, so it costs nothing measurable whatever the input's size.
     */
    public static String capped(String text, int max) {
        if (text == null) return "";
        if (text.length() <= max) return of(text);
        return of(text.substring(0, max)) + "…(" + text.length() + " characters)";
    }

    /** What went wrong: the message on one line, or the exception's simple class name when it has no message. */
    public static String of(Throwable failure) {
        String m = failure.getMessage();
        return m == null || m.isBlank() ? failure.getClass().getSimpleName() : of(m);
    }
}
