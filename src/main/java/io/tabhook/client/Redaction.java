package io.tabhook.client;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides secrets in what the client shows of an exchange: the session token ({@code X-Tableau-Auth}, cookies and the
 * {@code token} of a sign-in answer), passwords, personal access token secrets and JWTs, in XML attributes or
 * elements and JSON properties. A token keeps its first three characters so two sessions can be told apart; a
 * password or secret keeps nothing.
 */
public final class Redaction {
    /** Body keys whose values are secrets, as Tableau spells them. */
    public static final Set<String> SECRET_KEYS = Set.of("token", "password", "personalAccessTokenSecret", "jwt");
    /** Headers whose values are secrets. */
    public static final Set<String> SECRET_HEADERS = Set.of("x-tableau-auth", "authorization", "proxy-authorization",
            "cookie", "set-cookie");
    public static final String HIDDEN = "********";

    private static final String KEYS = "(token|password|personalAccessTokenSecret|jwt)";
    // key = "value" or key = 'value'; the look-behind keeps personalAccessTokenName and the like intact.
    private static final Pattern XML_ATTR = Pattern.compile(
            "(?<![\\w.])" + KEYS + "(\\s*=\\s*)(?:\"([^\"]*)\"|'([^']*)')", Pattern.CASE_INSENSITIVE);
    private static final Pattern XML_ELEMENT = Pattern.compile(
            "<(?:[\\w.-]+:)?" + KEYS + "(\\s[^>]*)?>([^<]*)</", Pattern.CASE_INSENSITIVE);
    private static final Pattern JSON_FIELD = Pattern.compile(
            "\"" + KEYS + "\"(\\s*:\\s*)(?:\"((?:[^\"\\\\]|\\\\.)*)\"|(-?[0-9][0-9.eE+-]*))", Pattern.CASE_INSENSITIVE);
    private static final Pattern COOKIE_PAIR = Pattern.compile("(^|;\\s*)([^=;\\s]+)=([^;]*)");

    private Redaction() {}

    /** How one secret is shown: a token as {@code Bq1…(redacted)}, anything else (or anything short) as stars. */
    public static String mask(String key, String value) {
        if (value == null) return null;
        if (value.isEmpty()) return value;
        boolean token = key != null && (key.equalsIgnoreCase("token") || key.equalsIgnoreCase("x-tableau-auth")
                || key.equalsIgnoreCase("jwt") || key.toLowerCase(Locale.ROOT).contains("cookie"));
        if (token && value.length() >= 12) return value.substring(0, 3) + "…(redacted)";
        return HIDDEN;
    }

    /**
     * A body (XML or JSON, or any text that may echo one, such as an error detail) with every secret value masked;
     * other text is left as it was.
     */
    public static String body(String text) {
        if (text == null || text.isEmpty()) return text;
        String out = replace(XML_ATTR, text, m -> {
            boolean doubleQuoted = m.group(3) != null;
            String value = doubleQuoted ? m.group(3) : m.group(4);
            String q = doubleQuoted ? "\"" : "'";
            return m.group(1) + m.group(2) + q + mask(m.group(1), value) + q;
        });
        out = replace(XML_ELEMENT, out, m -> {
            String whole = m.group();
            int close = whole.indexOf('>') + 1;
            return whole.substring(0, close) + mask(m.group(1), m.group(3)) + "</";
        });
        out = replace(JSON_FIELD, out, m -> {
            String key = "\"" + m.group(1) + "\"" + m.group(2);
            return m.group(3) != null ? key + "\"" + mask(m.group(1), m.group(3)) + "\"" : key + "\"" + HIDDEN + "\"";
        });
        return out;
    }

    /** A header value with the secret masked when the header carries one. */
    public static String header(String name, String value) {
        if (name == null || value == null) return value;
        String lower = name.toLowerCase(Locale.ROOT);
        if (!SECRET_HEADERS.contains(lower)) return value;
        if (lower.equals("cookie") || lower.equals("set-cookie")) {
            // Tableau's workgroup_session_id cookie is the session token; keep names, hide values.
            return replace(COOKIE_PAIR, value, m -> {
                boolean attribute = lower.equals("set-cookie") && m.start() > 0;
                return attribute ? m.group() : m.group(1) + m.group(2) + "=" + mask("cookie", m.group(3));
            });
        }
        return mask(lower, value);
    }

    /** All headers, secrets masked; names are looked up case-insensitively. */
    public static Map<String, String> headers(Map<String, String> headers) {
        Map<String, String> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> out.put(k, header(k, v)));
        return out;
    }

    private static String replace(Pattern p, String text, Function<Matcher, String> with) {
        Matcher m = p.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) m.appendReplacement(out, Matcher.quoteReplacement(with.apply(m)));
        m.appendTail(out);
        return out.toString();
    }
}
