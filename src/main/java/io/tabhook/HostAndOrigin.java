package io.tabhook;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one rule by which the inbox and the sandbox keep web pages from driving them (issue 10, item 8). A page the
 * user visits can send requests to a server on loopback, and DNS rebinding lets it read the answers too; both are
 * told apart by headers a browser always sends and a page cannot forge:
 * <ul>
 *   <li>{@code Host} must name an address the server answers on, with its port: an IP literal of the bind address
 *       (or of loopback, or any of this machine's for a wildcard bind), {@code localhost}, or this machine's name when
 *       bound beyond loopback. A rebound name ({@code evil.example}) is refused with 421.</li>
 *   <li>A request that changes something (not GET, HEAD or OPTIONS) carrying an {@code Origin} is refused with 403
 *       unless that origin is the server's own ({@code http://} and an accepted host and port). curl, the Tableau
 *       clients and tabhook's own send no {@code Origin}.</li>
 * </ul>
 * Deliveries to the inbox are exempt (a relay or a tunnel sends its own {@code Host}); the inbox decides which
 * requests are deliveries. Echoed header values are capped ({@link OneLine#capped}).
 */
public final class HostAndOrigin {
    /** A refusal: the status to answer and one line saying why. */
    public record Refusal(int status, String message) {}

    private static final int SHOWN = 100;

    private final InetAddress bound;
    private final int port;
    private final boolean onLoopback;
    private final String own;
    private final Map<InetAddress, Boolean> ofThisMachine = new ConcurrentHashMap<>();
    private volatile String machineName; // looked up once, only for a server bound beyond loopback

    private HostAndOrigin(InetAddress bound, int port) {
        this.bound = bound;
        this.port = port;
        this.onLoopback = bound.isLoopbackAddress() || bound.isAnyLocalAddress();
        String host = bound.isAnyLocalAddress() ? "127.0.0.1" : bound.getHostAddress();
        if (host.contains(":")) host = "[" + host + "]";
        this.own = "http://" + host + ":" + port;
    }

    /** The rule for a server listening on {@code bound} (an address, or the wildcard) and {@code port}. */
    public static HostAndOrigin of(InetAddress bound, int port) {
        return new HostAndOrigin(bound, port);
    }

    /** The refusal for this request, if any: {@code Host} first, then {@code Origin}. */
    public Optional<Refusal> check(String method, String host, String origin) {
        String why = hostRefusal(host);
        if (why != null) return Optional.of(new Refusal(421, why));
        why = originRefusal(method, origin);
        return why == null ? Optional.empty() : Optional.of(new Refusal(403, why));
    }

    /** Null when {@code host} (a Host header) names this server; else one line saying why not. */
    public String hostRefusal(String host) {
        if (host != null && accepts(host)) return null;
        return "refused: Host '" + OneLine.capped(host == null ? "" : host, SHOWN) + "' is not an address this server"
                + " answers on (a web page using DNS rebinding looks like this); use " + own;
    }

    /** Null when the request changes nothing, or carries no Origin, or this server's own; else one line why not. */
    public String originRefusal(String method, String origin) {
        if (origin == null || isSafe(method)) return null;
        String o = origin.strip();
        if (o.regionMatches(true, 0, "http://", 0, 7) && o.indexOf('/', 7) < 0 && accepts(o.substring(7))) return null;
        return "refused: a web page at '" + OneLine.capped(origin, SHOWN) + "' may not change anything here; only "
                + own + " may (curl and other programs send no Origin)";
    }

    private static boolean isSafe(String method) {
        return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
    }

    /** {@code host[:port]} names this server: the port is this one (80 when left out) and the host one it answers on. */
    private boolean accepts(String hostAndPort) {
        String h = hostAndPort.strip();
        if (h.isEmpty() || h.length() > 300) return false;
        String name;
        String portText;
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            if (end < 0) return false;
            name = h.substring(1, end);
            String rest = h.substring(end + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) return false;
            portText = rest.isEmpty() ? null : rest.substring(1);
        } else {
            int colon = h.lastIndexOf(':');
            if (colon >= 0 && h.indexOf(':') != colon) return false; // an IPv6 literal must be bracketed
            name = colon < 0 ? h : h.substring(0, colon);
            portText = colon < 0 ? null : h.substring(colon + 1);
        }
        int p = 80;
        if (portText != null) {
            if (portText.isEmpty() || portText.length() > 5 || !portText.chars().allMatch(Character::isDigit)) return false;
            p = Integer.parseInt(portText);
        }
        return p == port && acceptsHost(name);
    }

    private boolean acceptsHost(String name) {
        Optional<InetAddress> literal = Loopback.literal(name);
        if (literal.isPresent()) {
            InetAddress a = literal.get();
            if (a.isLoopbackAddress()) return onLoopback;
            if (a.equals(bound)) return true;
            return bound.isAnyLocalAddress() && ofThisMachine.computeIfAbsent(a, HostAndOrigin::isOfThisMachine);
        }
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".")) n = n.substring(0, n.length() - 1);
        if (n.equals("localhost") || n.endsWith(".localhost")) return onLoopback;
        return !bound.isLoopbackAddress() && n.equals(machineName());
    }

    private static boolean isOfThisMachine(InetAddress a) {
        try {
            return NetworkInterface.getByInetAddress(a) != null;
        } catch (SocketException e) {
            return false;
        }
    }

    private String machineName() {
        String n = machineName;
        if (n == null) {
            try {
                n = InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
            } catch (UnknownHostException e) {
                n = "";
            }
            machineName = n;
        }
        return n;
    }
}
