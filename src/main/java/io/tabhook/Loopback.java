package io.tabhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a host is this machine, decided by its address rather than by a list of spellings: {@code 127.0.0.1},
 * {@code 127.1}, {@code [::1]}, {@code ::ffff:127.0.0.1} and {@code localhost} are loopback; {@code 0},
 * {@code 0.0.0.0} and {@code ::} are the any-local (wildcard) address, which is not loopback but does reach this
 * machine when connected to. An IP literal in any spelling is decided without DNS, and so are {@code localhost} and
 * {@code *.localhost} (RFC 6761: always loopback); only another name is looked up, and a name that does not resolve is
 * not loopback. Use {@link #isLoopbackWithoutLookup} where the answer must never wait on DNS (drawing the prompt).
 */
public final class Loopback {
    private Loopback() {}

    /** True for a loopback address or name; another name is resolved, and is loopback when all its addresses are. */
    public static boolean isLoopback(String host) {
        String h = bare(host);
        if (h.isEmpty()) return false;
        Optional<InetAddress> literal = literal(h);
        if (literal.isPresent()) return literal.get().isLoopbackAddress();
        if (isLocalhostName(h)) return true;
        if (!looksLikeName(h)) return false;
        try {
            InetAddress[] all = InetAddress.getAllByName(h);
            for (InetAddress a : all) if (!a.isLoopbackAddress()) return false;
            return all.length > 0;
        } catch (UnknownHostException | SecurityException e) {
            return false;
        }
    }

    /** The same answer without DNS: an IP literal or a localhost name; any other name is taken as not loopback. */
    public static boolean isLoopbackWithoutLookup(String host) {
        String h = bare(host);
        Optional<InetAddress> literal = literal(h);
        return literal.map(InetAddress::isLoopbackAddress).orElseGet(() -> isLocalhostName(h));
    }

    /** True for the any-local (wildcard) address in any spelling: {@code 0}, {@code 0.0.0.0}, {@code ::}. Never DNS. */
    public static boolean isAnyLocal(String host) {
        return literal(bare(host)).map(InetAddress::isAnyLocalAddress).orElse(false);
    }

    /** Where a connection would land on this machine: loopback or the any-local address. */
    public static boolean reachesThisMachine(String host) {
        return isAnyLocal(host) || isLoopback(host);
    }

    /** The same answer without DNS (an IP literal or a localhost name), for the host of {@code url}; false for a non-URL. */
    public static boolean urlReachesThisMachineWithoutLookup(String url) {
        try {
            String host = java.net.URI.create(url.strip()).getHost();
            return host != null && (isAnyLocal(host) || isLoopbackWithoutLookup(host));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * An IP address written as a literal, in any spelling Java connects to ({@code 127.1}, {@code 2130706433},
     * {@code [::1]}, {@code ::ffff:127.0.0.1}); empty for a name. Never DNS.
     */
    public static Optional<InetAddress> literal(String host) {
        String h = bare(host);
        if (h.isEmpty()) return Optional.empty();
        if (h.indexOf(':') >= 0) {
            // With a colon Java parses an IPv6 literal or fails; it never looks the text up.
            try {
                return Optional.of(InetAddress.getByName(h));
            } catch (UnknownHostException | SecurityException e) {
                return Optional.empty();
            }
        }
        byte[] v4 = ipv4(h);
        if (v4 == null) return Optional.empty();
        try {
            return Optional.of(InetAddress.getByAddress(v4));
        } catch (UnknownHostException e) {
            return Optional.empty(); // not reached: four bytes are always an address
        }
    }

    /**
     * The dotted forms Java (and inet_aton) accept, decimal only as Java's: {@code a}, {@code a.b}, {@code a.b.c},
     * {@code a.b.c.d}, the last part filling the bytes left. Null when the text is not one.
     */
    private static byte[] ipv4(String h) {
        String[] parts = h.split("\\.", -1);
        if (parts.length > 4) return null;
        long[] n = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 10) return null;
            for (int c = 0; c < p.length(); c++) if (p.charAt(c) < '0' || p.charAt(c) > '9') return null;
            n[i] = Long.parseLong(p);
            if (i < parts.length - 1 && n[i] > 255) return null;
        }
        long last = n[parts.length - 1];
        int lastBytes = 5 - parts.length;
        if (last >= 1L << (8 * lastBytes)) return null;
        long value = last;
        for (int i = 0; i < parts.length - 1; i++) value |= n[i] << (8 * (3 - i));
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    private static boolean isLocalhostName(String h) {
        String name = h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
        name = name.toLowerCase(Locale.ROOT);
        return name.equals("localhost") || name.endsWith(".localhost");
    }

    /** Only a host name is worth a lookup: digits and dots that are no address, or stray characters, are not one. */
    private static boolean looksLikeName(String h) {
        boolean letter = false;
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            if (Character.isLetter(c)) letter = true;
            else if (!(Character.isDigit(c) || c == '.' || c == '-' || c == '_')) return false;
        }
        return letter;
    }

    /** The host without the brackets of a URL's IPv6 literal, or "" for null. */
    private static String bare(String host) {
        if (host == null) return "";
        String h = host.strip();
        if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
        return h;
    }
}
