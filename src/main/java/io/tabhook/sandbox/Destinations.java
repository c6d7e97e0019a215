package io.tabhook.sandbox;

import io.tabhook.Loopback;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Which destination URLs a webhook may have. Tableau requires https; the sandbox also allows plain http to loopback
 * addresses, so a local receiver works without a certificate.
 */
final class Destinations {
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
        if (u.getPort() == 0 || u.getPort() > 65535) {
            return Optional.of("The destination URL '" + url + "' names port " + u.getPort()
                    + "; a port is 1 to 65535 (or leave it out).");
        }
        if (scheme.equals("https") || Loopback.isLoopback(u.getHost())) return Optional.empty();
        return Optional.of("The destination URL must use https; plain http is allowed only for loopback addresses "
                + "(127.0.0.1, ::1, localhost). Got '" + url + "'.");
    }
}
