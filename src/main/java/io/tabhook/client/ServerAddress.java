package io.tabhook.client;

import io.tabhook.Loopback;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A server's address as people type it, for {@code --server} and {@code signIn server:}: a URL
 * ({@code https://10ay.online.tableau.com}), or a host with an optional port and no scheme, which means http on this
 * machine ({@code 127.0.0.1:9100}, {@code localhost:8080}, {@code [::1]:9100}) and https anywhere else
 * ({@code tableau.example.com}): a server elsewhere is reached over TLS, a local test server usually is not.
 */
public final class ServerAddress {
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://");
    /**
     * A host without a scheme, with an optional port and path: {@code 127.0.0.1:9100}, {@code [::1]},
     * {@code tableau.example.com/tableau}. A name needs a dot or a port ({@code localhost} aside), so a mistyped URL
     * ({@code htps//host}, {@code not-a-url}) is refused rather than taken for a host.
     */
    private static final Pattern BARE = Pattern.compile(
            "^(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+|[A-Za-z0-9-]+(?=:)|localhost)(:\\d{1,5})?(/[^/].*)?$");

    private ServerAddress() {}

    /** The address as a URL without trailing slashes; an {@link IllegalArgumentException} says what to type. */
    public static URI parse(String text) {
        String t = text == null ? "" : text.strip().replaceAll("/+$", "");
        if (!SCHEME.matcher(t).find()) {
            var bare = BARE.matcher(t);
            if (!bare.matches()) throw new IllegalArgumentException(problem(text));
            t = (Loopback.isLoopbackWithoutLookup(bare.group(1)) ? "http://" : "https://") + t;
        }
        try {
            URI uri = new URI(t);
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() != null && (scheme.equals("http") || scheme.equals("https"))) return uri;
        } catch (URISyntaxException e) {
            // said below
        }
        throw new IllegalArgumentException(problem(text));
    }

    private static String problem(String text) {
        return "'" + text + "' is not a server address; write it like https://tableau.example.com, "
                + "or host:port (http on this machine, https elsewhere)";
    }
}
