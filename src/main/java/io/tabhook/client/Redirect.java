package io.tabhook.client;

import io.tabhook.Loopback;
import io.tabhook.OneLine;
import io.tabhook.api.Secrets;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * Where a redirect leads and how the request goes there, decided once for every call.
 * <ul>
 * <li>307 and 308 repeat the method and body (RFC 9110 §15.4.8, §15.4.9); 303 asks for a GET without a body
 * (§15.4.4). For 301 and 302 RFC 9110 (§15.4.2, §15.4.3) lets a client turn a POST into a GET, as browsers and
 * Python's requests (so Tableau Server Client) do; tabhook does not: a sign-in or a create turned into a GET is a
 * different request that can only fail, and Tableau Cloud answers a sign-in on the wrong pod with such a redirect.
 * The server that redirected did not do the request, so sending it again does not do it twice.</li>
 * <li>The target must be https; http only from http between loopback addresses (a local sandbox and its move).</li>
 * <li>A {@code Location} that names only a host (a pod) keeps the call's path from {@code /api/} on.</li>
 * <li>301 and 308 are permanent: the session may keep the new address (when it stays in the same domain).</li>
 * </ul>
 */
record Redirect(URI to, String method, boolean keepsBody, boolean permanent) {
    static final Set<Integer> STATUSES = Set.of(301, 302, 303, 307, 308);
    static final int MOST = 5;
    /** Tableau Cloud's pods: a site moves between them, and a session with it. */
    private static final String TABLEAU_CLOUD = "online.tableau.com";

    /**
     * The next hop of {@code method from} answered by {@code status} with {@code location}. Fails with one line when
     * the Location cannot be used or would leave https.
     */
    static Redirect of(String method, URI from, int status, String location) {
        URI next;
        try {
            next = from.resolve(new URI(location.strip()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new TableauConnectionException(method + " " + from + " was redirected to an unusable Location ("
                    + OneLine.of(Secrets.redactUrl(location)) + "); give the final server instead", false, e);
        }
        if (!leavesHttpsSafely(from, next)) {
            throw new TableauConnectionException("refusing to follow the redirect from " + origin(from) + " to "
                    + origin(next) + ": it would leave https (http is followed only between loopback addresses)",
                    false, null);
        }
        String path = next.getRawPath() == null ? "" : next.getRawPath();
        String fromPath = from.getRawPath() == null ? "" : from.getRawPath();
        int api = fromPath.indexOf("/api/");
        if ((path.isEmpty() || path.equals("/")) && api >= 0) {
            // A Location naming only the host (the pod): the same call there.
            next = URI.create(origin(next) + fromPath.substring(api)
                    + (from.getRawQuery() == null ? "" : "?" + from.getRawQuery()));
        }
        boolean get = status == 303 && !method.equals("HEAD");
        return new Redirect(next, get ? "GET" : method, !get, status == 301 || status == 308);
    }

    /**
     * True when a token or credentials given to {@code signedIn} may go to {@code target}: the same host, or two of
     * Tableau Cloud's pods (hosts under online.tableau.com). Any other host is another domain, whoever it belongs to:
     * without the public suffix list a parent domain cannot be told from a shared one (co.uk, cloudapp.azure.com).
     */
    static boolean sameDomain(URI signedIn, URI target) {
        String a = host(signedIn);
        String b = host(target);
        return a.equals(b) || (tableauCloud(a) && tableauCloud(b));
    }

    private static boolean tableauCloud(String host) {
        return host.equals(TABLEAU_CLOUD) || host.endsWith("." + TABLEAU_CLOUD);
    }

    private static String host(URI uri) {
        String h = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    private static boolean leavesHttpsSafely(URI from, URI to) {
        if ("https".equalsIgnoreCase(to.getScheme())) return true;
        return "http".equalsIgnoreCase(to.getScheme()) && "http".equalsIgnoreCase(from.getScheme())
                && to.getHost() != null && Loopback.isLoopback(from.getHost()) && Loopback.isLoopback(to.getHost());
    }

    static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
