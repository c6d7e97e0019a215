package io.tabhook;

/**
 * Text that came from outside (a delivery's body, its event or resource name, its address) made safe to print on a
 * terminal: control characters, which a terminal would obey (move the cursor, clear the screen, retitle the window,
 * write the clipboard), are shown as {@code \u001b}-style escapes instead, as JSON writes them.
 */
public final class Printable {
    private Printable() {}

    /** On one line, as a table cell or a summary: line breaks and tabs as spaces, other control characters escaped. */
    public static String line(String text) {
        return text == null ? null : escape(text.replaceAll("\\R|\t", " "), false);
    }

    /** As a block: line breaks and tabs kept (a CR before a LF dropped), every other control character escaped. */
    public static String block(String text) {
        return escape(text, true);
    }

    private static String escape(String text, boolean keepLines) {
        if (text == null) return null;
        int n = text.length();
        int i = 0;
        while (i < n && !needsEscape(text.charAt(i), keepLines)) i++;
        if (i == n) return text;
        StringBuilder sb = new StringBuilder(n + 16).append(text, 0, i);
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (!needsEscape(c, keepLines)) {
                sb.append(c);
            } else if (keepLines && c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                // CRLF shows as the line break it is
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb.toString();
    }

    private static boolean needsEscape(char c, boolean keepLines) {
        if (keepLines && (c == '\n' || c == '\t')) return false;
        return c < 0x20 || (c >= 0x7f && c <= 0x9f);
    }
}
