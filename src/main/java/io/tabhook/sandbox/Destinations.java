package io.tabhook.sandbox;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which destination URLs a webhook may have. Tableau requires https; the sandbox also allows plain http to loopback
 * addresses, so a local receiver works without a certificate.
 */
final class Destinations {
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.\\d{1,3}){3}");

    private Destinations() {}

    /** Why a URL cannot be a destination, or empty when it can. */
    static Optional<String> problem(String url) {
        URI u;
        try {
            u = new URI(url.trim());
        } catch (URISyntaxException e) {
            return Optional.of("The destination URL '" + url + "' is not a valid URL.");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (u.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            return Optional.of("The destination URL '" + url + "' must be an absolute https URL.");
        }
        if (scheme.equals("https") || isLoopback(u.getHost())) return Optional.empty();
        return Optional.of("The destination URL must use https; plain http is allowed only for loopback addresses "
                + "(127.0.0.1, ::1, localhost). Got '" + url + "'.");
    }

    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
        return h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
                || IPV4_LOOPBACK.matcher(h).matches();
    }
}
