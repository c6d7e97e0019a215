package io.tabhook.client;

import io.tabhook.Loopback;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server's address as people type or paste it, for {@code --server} and {@code signIn server:}: a URL
 * ({@code https://10ay.online.tableau.com}), a host with an optional port and no scheme, which means http on this
 * machine ({@code 127.0.0.1:9100}, {@code localhost:8080}, {@code [::1]:9100}) and https anywhere else
 * ({@code tableau.example.com}), or the address a browser shows on a site
 * ({@code https://10ax.online.tableau.com/#/site/mysitedev123/home}, {@code …/t/mysitedev123/views/…}), which names the
 * site too.
 *
 * @param server the server's base: scheme, host, port and any path before {@code /api/}, without a trailing slash
 * @param site   the site's contentUrl a browser address names ("" for the Default site's {@code #/home}); null when the
 *               address names none
 */
public record ServerAddress(URI server, String site) {
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://");
    /**
     * A host without a scheme, with an optional port and path: {@code 127.0.0.1:9100}, {@code [::1]},
     * {@code tableau.example.com/tableau}. A name needs a dot or a port ({@code localhost} aside), so a mistyped URL
     * ({@code htps//host}, {@code not-a-url}) is refused rather than taken for a host.
     */
    private static final Pattern BARE = Pattern.compile(
            "^(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+|[A-Za-z0-9-]+(?=:)|localhost)(:\\d{1,5})?([/#?].*)?$");
    /** The site in a browser address's fragment: {@code #/site/NAME/…}. */
    private static final Pattern FRAGMENT_SITE = Pattern.compile("^/?site/([^/?#]+)");
    /** The site in a view's path: {@code /t/NAME/views/…}; what comes before {@code /t/} is the server's path. */
    private static final Pattern PATH_SITE = Pattern.compile("^(.*?)/t/([^/]+)(/.*)?$");

    /** The address as typed or pasted; an {@link IllegalArgumentException} says what to type. */
    public static ServerAddress parse(String text) {
        String t = text == null ? "" : text.strip();
        if (!SCHEME.matcher(t).find()) {
            Matcher bare = BARE.matcher(t);
            if (!bare.matches()) throw new IllegalArgumentException(problem(text));
            t = (Loopback.isLoopbackWithoutLookup(bare.group(1)) ? "http://" : "https://") + t;
        }
        URI uri;
        try {
            uri = new URI(t);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(problem(text));
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new IllegalArgumentException(problem(text));
        }
        String site = null;
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        Matcher inPath = PATH_SITE.matcher(path);
        if (inPath.matches() && !path.contains("/api/")) {
            site = decode(inPath.group(2));
            path = inPath.group(1);
        }
        String fragment = uri.getRawFragment();
        if (fragment != null && fragment.startsWith("/")) {
            Matcher inFragment = FRAGMENT_SITE.matcher(fragment);
            site = inFragment.find() ? decode(inFragment.group(1)) : site == null ? "" : site;
        }
        return new ServerAddress(base(scheme, uri.getRawAuthority(), path), site);
    }

    /**
     * The base a server URI stands for: scheme, host, port and any path before {@code /api/}, without a trailing
     * slash, query or fragment. Fails with a one-line hint for anything that is not an http(s) URL.
     */
    static URI base(URI uri) {
        if (uri == null || uri.getScheme() == null || uri.getHost() == null
                || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))) {
            throw new IllegalArgumentException("'" + uri + "' is not a server address; write it like "
                    + "https://tableau.example.com or http://localhost:8080");
        }
        return base(uri.getScheme().toLowerCase(Locale.ROOT), uri.getRawAuthority(),
                uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    private static URI base(String scheme, String authority, String path) {
        int api = path.indexOf("/api/");
        if (api >= 0) path = path.substring(0, api);
        while (path.endsWith("/")) path = path.substring(0, path.length() - 1);
        return URI.create(scheme + "://" + authority + path);
    }

    private static String decode(String part) {
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String problem(String text) {
        return "'" + text + "' is not a server address; write it like https://tableau.example.com, "
                + "or host:port (http on this machine, https elsewhere)";
    }
}
