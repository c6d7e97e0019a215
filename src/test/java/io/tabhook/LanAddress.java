package io.tabhook;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Optional;

/** An IPv4 address of this machine that is neither loopback nor link-local: a "server that is not this machine". */
public final class LanAddress {
    private LanAddress() {}

    /** The first such address, if the machine has one (tests that need it are skipped otherwise). */
    public static Optional<String> first() throws SocketException {
        return NetworkInterface.networkInterfaces().flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                .map(InetAddress::getHostAddress).findFirst();
    }
}
