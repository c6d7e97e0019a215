package io.tabhook.api;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one secrets policy: which names and HTTP headers carry a secret, how a secret looks when it has to be shown at
 * all, and how a body or URL is shown with its secrets masked. The shell's history, the client's trace, the display,
 * the Postman export and the inbox all ask here.
 *
 * <p>A name is secret whatever its case, quotes or separators ({@code password}, {@code 'password'},
 * {@code "secret"}, {@code PAT_SECRET}, {@code pat-secret}, {@code apiKey}, {@code api_key}): {@code pw},
 * {@code pass}, {@code jwt}, and any name ending in password, passwd, passphrase, pwd, secret, token, apikey, jwt or
 * privatekey ({@code personalAccessTokenSecret}, {@code tableau-auth-token}), but not one that only starts with them
 * ({@code personalAccessTokenName}, {@code tokenName}, {@code secrets}). The credential headers
 * ({@code X-Tableau-Auth}, {@code Authorization}, {@code Proxy-Authorization}, {@code Cookie}, {@code Set-Cookie}) are
 * secret names too, and a header is secret when its name is ({@code Api-Key}, {@code X-Webhook-Secret}).
 *
 * <p>The mask: a token or key of {@value #SHOWN_FROM} characters or more keeps its first four and shows its length
 * ({@code Bq1x…(36 chars)}), so two sessions or API keys can be told apart; a shorter value is {@code ****}, and so
 * is a password or secret of any length ({@code password}, {@code personalAccessTokenSecret}): its start or length
 * would help a guesser and tells a user nothing.
 */
public final class Secrets {
    /** How a short secret, or any password, is shown. */
    public static final String HIDDEN = "****";
    /** Values at least this long keep their first four characters: at most a quarter of a random token. */
    public static final int SHOWN_FROM = 16;

    private static final Set<String> EXACT = Set.of("pw", "pass", "jwt");
    private static final List<String> ENDINGS = List.of("password", "passwd", "passphrase", "pwd", "secret", "token",
            "apikey", "jwt", "privatekey");
    private static final Set<String> CREDENTIAL_HEADERS = Set.of("xtableauauth", "authorization", "proxyauthorization",
            "cookie", "setcookie");
    /** Query parameters that carry a secret in URLs, though the names mean other things elsewhere. */
    private static final Set<String> URL_PARAMETERS = Set.of("key", "code", "sig", "signature", "auth");

    // key="value" or key='value', not preceded by a name character (keeps personalAccessTokenName intact).
    private static final Pattern XML_ATTRIBUTE = Pattern.compile(
            "(?<![\\w.:-])([\\w.:-]+)(\\s*=\\s*)(?:\"([^\"]*)\"|'([^']*)')");
    // <name …>text</ with an optional namespace prefix; only text-only elements carry a value.
    private static final Pattern XML_ELEMENT = Pattern.compile("<(?:[\\w.-]+:)?([\\w.-]+)(\\s[^<>]*)?>([^<]*)</");
    private static final Pattern JSON_FIELD = Pattern.compile(
            "\"([^\"\\\\]{1,200})\"(\\s*:\\s*)(?:\"((?:[^\"\\\\]|\\\\.)*)\"|(-?[0-9][0-9.eE+-]*))");
    // name=value at the start of a text (a form body) or after ? & ; # (a URL's query or fragment, &amp; in XML).
    private static final Pattern PARAMETER = Pattern.compile("(^|[?&;#])([^=&#;?\\s\"'<>]{1,200})=([^&#;\\s\"'<>]*)");
    private static final Pattern URL_USERINFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)([^/?#@\\s]*)@");
    /** A URL's user-info password anywhere in a text (a body that carries a webhook's destination). */
    private static final Pattern URL_PASSWORD_IN_TEXT =
            Pattern.compile("(\\b[A-Za-z][A-Za-z0-9+.-]*://[^/?#@\\s\"'<>:]*:)([^/?#@\\s\"'<>]+)@");
    private static final Pattern COOKIE_PAIR = Pattern.compile("(^|;\\s*)([^=;\\s]+)=([^;]*)");
    private static final Pattern AUTH_SCHEME = Pattern.compile("([A-Za-z][\\w-]*)\\s+(\\S.*)", Pattern.DOTALL);

    private Secrets() {}

    // ---- names ----

    /**
     * True when a value under this name is a secret: an argument ({@code password:}), a JSON or XML field or
     * attribute, a variable ({@code pw = …}), an environment or Postman variable ({@code TABLEAU_PAT_SECRET},
     * {@code pat-secret}) or a header. Quotes around the name ({@code 'password'}, {@code "secret"}) are ignored.
     */
    public static boolean isSecretName(String name) {
        String n = normalize(name);
        if (n.isEmpty()) return false;
        if (EXACT.contains(n) || CREDENTIAL_HEADERS.contains(n)) return true;
        for (String ending : ENDINGS) if (n.endsWith(ending)) return true;
        return false;
    }

    /** True when an HTTP header carries a secret: the credential headers, and any header with a secret name. */
    public static boolean isSecretHeader(String name) {
        return isSecretName(name);
    }

    /** True for a password or secret, whose value never keeps its start or length when masked. */
    static boolean keepsNothing(String name) {
        String n = normalize(name);
        return n.equals("pw") || n.equals("pass") || n.endsWith("pwd") || n.endsWith("secret")
                || n.endsWith("privatekey") || n.contains("password") || n.contains("passwd") || n.contains("passphrase");
    }

    private static boolean isSecretParameter(String name) {
        return isSecretName(name) || URL_PARAMETERS.contains(normalize(name));
    }

    /** Lower case, without surrounding quotes and without the separators people put in names ({@code - _ .} space). */
    private static String normalize(String name) {
        if (name == null) return "";
        String n = name.strip();
        while (n.length() >= 2 && (n.charAt(0) == '\'' || n.charAt(0) == '"' || n.charAt(0) == '`')
                && n.charAt(n.length() - 1) == n.charAt(0)) {
            n = n.substring(1, n.length() - 1).strip();
        }
        StringBuilder out = new StringBuilder(n.length());
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (c != '-' && c != '_' && c != '.' && c != ' ') out.append(c);
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    // ---- the mask ----

    /**
     * A secret as it may be shown: {@code Bq1x…(36 chars)} for a value of {@value #SHOWN_FROM} characters or more,
     * {@link #HIDDEN} for a shorter one; null and "" stay as they are (there is nothing to hide in them).
     */
    public static String mask(String secret) {
        if (secret == null || secret.isEmpty()) return secret;
        int length = secret.codePointCount(0, secret.length());
        if (length < SHOWN_FROM) return HIDDEN;
        return secret.substring(0, secret.offsetByCodePoints(0, 4)) + "…(" + length + " chars)";
    }

    /**
     * A named secret as it may be shown: a password or secret as {@link #HIDDEN} whatever its length, a token or key
     * by {@link #mask(String)}.
     */
    public static String mask(String name, String secret) {
        if (secret == null || secret.isEmpty()) return secret;
        return keepsNothing(name) ? HIDDEN : mask(secret);
    }

    // ---- redaction ----

    /**
     * A header's value as it may be shown: masked when the header is secret. Cookies keep their names and
     * {@code Set-Cookie} its attributes ({@code Path=/; Secure}); {@code Authorization} keeps its scheme
     * ({@code Bearer eyJh…(120 chars)}), and {@code Basic} credentials, which hold a password, are hidden whole.
     */
    public static String redactHeader(String name, String value) {
        if (name == null || value == null || !isSecretHeader(name)) return value;
        String n = normalize(name);
        if (n.equals("cookie") || n.equals("setcookie")) {
            // Tableau's workgroup_session_id cookie is the session token; keep names, hide values.
            return replace(COOKIE_PAIR, value, m -> {
                boolean attribute = n.equals("setcookie") && m.start() > 0;
                return attribute ? m.group() : m.group(1) + m.group(2) + "=" + mask(m.group(3));
            });
        }
        if (n.endsWith("authorization")) {
            Matcher m = AUTH_SCHEME.matcher(value.strip());
            if (m.matches()) {
                return m.group(1) + " " + (m.group(1).equalsIgnoreCase("basic") ? HIDDEN : mask(m.group(2)));
            }
        }
        return mask(name, value);
    }

    /**
     * A body, or any text that may echo one (an error detail, a log line), with every secret value masked: XML
     * attributes and text-only elements at any depth (with or without a namespace prefix), JSON fields at any depth
     * (strings and numbers), {@code name=value} parameters of a form body or of URLs inside the text, and the password
     * in a URL's user info ({@code https://user:****@host}).
     * Everything else is left exactly as it was.
     */
    public static String redactBody(String text) {
        if (text == null || text.isEmpty()) return text;
        String out = replace(XML_ATTRIBUTE, text, m -> {
            String name = localName(m.group(1));
            if (!isSecretName(name)) return m.group();
            boolean doubleQuoted = m.group(3) != null;
            String q = doubleQuoted ? "\"" : "'";
            return m.group(1) + m.group(2) + q + mask(name, doubleQuoted ? m.group(3) : m.group(4)) + q;
        });
        out = replace(XML_ELEMENT, out, m -> {
            if (!isSecretName(m.group(1)) || m.group(3).isBlank()) return m.group();
            String whole = m.group();
            int close = whole.indexOf('>') + 1;
            return whole.substring(0, close) + mask(m.group(1), m.group(3)) + "</";
        });
        out = replace(JSON_FIELD, out, m -> {
            if (!isSecretName(m.group(1))) return m.group();
            String value = m.group(3) != null ? m.group(3) : m.group(4);
            return "\"" + m.group(1) + "\"" + m.group(2) + "\"" + mask(m.group(1), value) + "\"";
        });
        out = replace(URL_PASSWORD_IN_TEXT, out, m -> m.group(1) + HIDDEN + "@");
        return redactParameters(out);
    }

    /**
     * A URL as it may be shown: a password in its user info ({@code https://user:****@host}), a token given as the
     * user info, and secret query or fragment parameters ({@code ?token=}, {@code &api_key=}, {@code &sig=},
     * {@code &code=}) masked; the rest as it was.
     */
    public static String redactUrl(String url) {
        if (url == null || url.isEmpty()) return url;
        String out = replace(URL_USERINFO, url, m -> {
            String info = m.group(2);
            int colon = info.indexOf(':');
            String shown = colon >= 0 ? info.substring(0, colon + 1) + (colon == info.length() - 1 ? "" : HIDDEN)
                    : mask(info);
            return m.group(1) + shown + "@";
        });
        return redactParameters(out);
    }

    /**
     * The secrets a URL holds, by name: the password of its user info ({@code password}) and each secret parameter
     * ({@code token}, …), so that each can be masked wherever it shows, the rest of the address left readable.
     */
    public static java.util.Map<String, String> inUrl(String url) {
        java.util.Map<String, String> found = new java.util.LinkedHashMap<>();
        if (url == null) return found;
        Matcher info = URL_USERINFO.matcher(url);
        if (info.find() && info.group(2).indexOf(':') >= 0) {
            String password = info.group(2).substring(info.group(2).indexOf(':') + 1);
            if (!password.isEmpty()) found.put("password", password);
        }
        Matcher p = PARAMETER.matcher(url);
        while (p.find()) {
            if (isSecretParameter(p.group(2)) && !p.group(3).isEmpty()) found.put(p.group(2), p.group(3));
        }
        return found;
    }

    private static String redactParameters(String text) {
        return replace(PARAMETER, text, m -> isSecretParameter(m.group(2))
                ? m.group(1) + m.group(2) + "=" + mask(m.group(2), m.group(3)) : m.group());
    }

    /** An XML name without its namespace prefix: {@code t:token} is a token. */
    private static String localName(String name) {
        return name.substring(name.lastIndexOf(':') + 1);
    }

    private static String replace(Pattern p, String text, Function<Matcher, String> with) {
        Matcher m = p.matcher(text);
        if (!m.find()) return text;
        StringBuilder out = new StringBuilder(text.length());
        do {
            m.appendReplacement(out, Matcher.quoteReplacement(with.apply(m)));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }
}
