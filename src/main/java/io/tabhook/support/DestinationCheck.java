package io.tabhook.support;

import io.tabhook.Causes;
import io.tabhook.DaemonThreads;
import io.tabhook.HumanDuration;
import io.tabhook.Loopback;
import io.tabhook.OneLine;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What can be seen of an address from this machine, each look bounded in time: whether its host resolves, and a real
 * TLS handshake with the certificate it presents. Tableau makes its own connection from its own network, so these
 * say what this machine sees; a name that resolves only inside Tableau's network shows as not resolving here.
 */
final class DestinationCheck {
    private DestinationCheck() {}

    /** DNS lookups run here, so a resolver that hangs costs the doctor its time limit, not forever. */
    private static final ExecutorService LOOKUPS = Executors.newCachedThreadPool(DaemonThreads.named("doctor-dns"));

    /** A host's addresses, or why there are none. */
    record Resolved(List<InetAddress> addresses, String problem) {
        boolean ok() { return problem == null; }

        /** All its addresses are this machine's loopback ones. */
        boolean loopback() {
            return ok() && addresses.stream().allMatch(InetAddress::isLoopbackAddress);
        }

        String shown() {
            return String.join(", ", addresses.stream().map(InetAddress::getHostAddress).distinct().limit(3).toList());
        }
    }

    /** The host's addresses; an IP literal or a localhost name without asking DNS. */
    static Resolved resolve(String host, Duration within) throws InterruptedException {
        if (Loopback.literal(host).isPresent()) return new Resolved(List.of(Loopback.literal(host).get()), null);
        if (Loopback.isLoopbackWithoutLookup(host)) return new Resolved(List.of(InetAddress.getLoopbackAddress()), null);
        Future<InetAddress[]> lookup = LOOKUPS.submit(() -> InetAddress.getAllByName(host));
        try {
            return new Resolved(List.of(lookup.get(within.toMillis(), TimeUnit.MILLISECONDS)), null);
        } catch (TimeoutException e) {
            lookup.cancel(true);
            return new Resolved(List.of(), "no answer from DNS within " + HumanDuration.of(within));
        } catch (ExecutionException e) {
            return new Resolved(List.of(), e.getCause() instanceof UnknownHostException
                    ? "does not resolve" : "cannot be looked up: " + OneLine.of(e.getCause()));
        } catch (InterruptedException e) {
            lookup.cancel(true);
            throw e;
        }
    }

    /** The certificate a TLS handshake was made with, or what stopped the handshake and what to do about it. */
    record Handshake(X509Certificate certificate, String problem, String todo) {
        boolean ok() { return problem == null; }

        Instant expires() { return certificate.getNotAfter().toInstant(); }

        String issuer() { return certificate.getIssuerX500Principal().getName(); }
    }

    /**
     * A TLS handshake with {@code host} (its name given for SNI and checked against the certificate, as an https
     * client checks it) at {@code address}: connect and handshake each within {@code within}.
     */
    static Handshake tls(String host, InetAddress address, int port, SSLContext context, Duration within) {
        int ms = (int) Math.min(Integer.MAX_VALUE, within.toMillis());
        try (Socket raw = new Socket()) {
            raw.connect(new InetSocketAddress(address, port), ms);
            raw.setSoTimeout(ms);
            try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(raw, host, port, true)) {
                SSLParameters parameters = tls.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                tls.setSSLParameters(parameters);
                tls.startHandshake();
                return new Handshake((X509Certificate) tls.getSession().getPeerCertificates()[0], null, null);
            }
        } catch (SocketTimeoutException e) {
            return new Handshake(null, "no answer from " + host + ":" + port + " within " + HumanDuration.of(within),
                    "check that the destination is up and that no firewall drops the connection");
        } catch (ConnectException e) {
            return new Handshake(null, "connection refused at " + host + ":" + port,
                    "check that the destination is running and listens on port " + port);
        } catch (SSLException e) {
            return refused(e);
        } catch (IOException e) {
            return new Handshake(null, "cannot connect to " + host + ":" + port + ": " + OneLine.of(e),
                    "check the destination's address and that it is reachable");
        }
    }

    /** Why a handshake failed, in words: untrusted, expired, for another name, or the TLS error itself. */
    private static Handshake refused(SSLException e) {
        String trust = "Tableau delivers only to a certificate from a CA it trusts: give the destination one";
        if (Causes.find(e, CertificateExpiredException.class) != null) {
            return new Handshake(null, "its certificate has expired (" + OneLine.of(Causes.find(e, CertificateExpiredException.class))
                    + ")", "renew the destination's certificate");
        }
        if (Causes.find(e, CertPathBuilderException.class) != null || Causes.find(e, CertPathValidatorException.class) != null) {
            return new Handshake(null, "its certificate is not trusted (self-signed, or from a private CA)", trust);
        }
        CertificateException cert = Causes.find(e, CertificateException.class);
        if (cert != null && cert.getMessage() != null && cert.getMessage().matches("(?s)No (subject alternative|name matching).*")) {
            return new Handshake(null, "its certificate is for another host name (" + OneLine.of(cert) + ")",
                    "use the host name the certificate names, or a certificate for this one");
        }
        return new Handshake(null, "the TLS handshake failed: " + OneLine.of(e), "check that the destination speaks https");
    }
}
