package io.tabhook.client;

import io.tabhook.api.Secrets;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * An answer that did not come from Tableau's REST API: a plain web server, a proxy's or a gateway's page, a login
 * page, an empty error. Tableau answers every call with an XML or JSON body and every error with its
 * {@code <error>}; this says, in one line, that the answer was something else and what it was: the status, the
 * content type and the first words of the body (secrets masked). It makes up no Tableau error code and gives no advice
 * it cannot know to be right (the one hint: a 404 page under a server address with a path, which that path explains).
 */
public final class NotTableauAnswer extends RuntimeException {
    /** How much of the body the message quotes. */
    static final int FIRST_WORDS = 100;

    private final int status;
    private final String contentType;

    NotTableauAnswer(String method, URI uri, int status, String reason, String contentType, byte[] body, String hint) {
        super(method + " " + uri + " got an answer that does not look like Tableau's REST API: HTTP " + status
                + (reason == null ? "" : " " + reason) + ", "
                + (contentType == null || contentType.isBlank() ? "no content type" : contentType) + ", "
                + firstWords(body) + (hint == null ? "" : " — " + hint));
        this.status = status;
        this.contentType = contentType;
    }

    /** The HTTP status of the answer. */
    public int status() { return status; }

    /** Its Content-Type, or null. */
    public String contentType() { return contentType; }

    /**
     * The body's first words in quotes, or "empty body": an HTML page by its text (the tags dropped, so a proxy's
     * "404 Not Found · The requested URL…" reads as such), anything else as it came, on one line.
     */
    public static String firstWords(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) return "empty body";
        String words = text;
        if (text.startsWith("<")) {
            String withoutTags = text.replaceAll("(?s)<!--.*?-->|<(script|style)[^>]*>.*?</\\1>|<[^>]*>", " ")
                    .replaceAll("&nbsp;", " ").replaceAll("\\s+", " ").strip();
            if (!withoutTags.isEmpty()) words = withoutTags;
        }
        words = Secrets.redactBody(words.replaceAll("\\s+", " "));
        if (words.length() > FIRST_WORDS) {
            int space = words.lastIndexOf(' ', FIRST_WORDS);
            words = words.substring(0, space > FIRST_WORDS / 2 ? space : FIRST_WORDS).stripTrailing() + "…";
        }
        return "\"" + words + "\"";
    }
}
