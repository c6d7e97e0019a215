package io.tabhook.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS the client speaks with. {@link #javaDefault()}: what Java trusts, its trust store read at the first https
 * handshake. {@link #trustingAlso(Path)}: that plus the CA certificates of one PEM file ({@code --cacert}), for an
 * on-premises Tableau Server signed by the organisation's own CA, or a self-signed one; additive, so Tableau Cloud
 * still works in the same session. Host names are always checked against the certificate; nothing else is relaxed.
 */
public final class Tls {
    /** Java's trust, shared by every context here so its trust store is read once; reads nothing until a check. */
    private static final LazyJava JAVA = new LazyJava();

    private Tls() {}

    /**
     * Java's own trust, read lazily: against the embedded sandbox (plain http) the trust store is never read, and the
     * first command does not wait for some 150 certificates to be parsed. One context for the JVM, as Java's default
     * is. When {@code javax.net.ssl.*} properties
     * configure TLS, Java's default context itself is used, so nothing they set is lost.
     */
    public static SSLContext javaDefault() {
        return JavaDefault.CONTEXT;
    }

    private static final class JavaDefault {
        static final SSLContext CONTEXT = make();

        private static SSLContext make() {
            try {
                if (System.getProperty("javax.net.ssl.keyStore") != null || System.getProperty("javax.net.ssl.trustStore") != null) {
                    return SSLContext.getDefault();
                }
                return context(JAVA);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
            }
        }
    }

    /** Java's trust plus the certificates in {@code pemFile}; a one-line {@link IllegalArgumentException} for a bad file. */
    public static SSLContext trustingAlso(Path pemFile) {
        List<X509Certificate> certificates = certificates(pemFile);
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < certificates.size(); i++) store.setCertificateEntry("cacert-" + i, certificates.get(i));
            return context(new Either(JAVA, trustManager(store)));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS with " + pemFile + ": " + e.getMessage(), e);
        }
    }

    /** The X.509 certificates in a PEM (or DER) file; at least one, else a one-line {@link IllegalArgumentException}. */
    public static List<X509Certificate> certificates(Path pemFile) {
        List<X509Certificate> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(pemFile)) {
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                if (c instanceof X509Certificate x) out.add(x);
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--cacert " + pemFile + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException("--cacert " + pemFile + ": cannot read it (" + e.getMessage() + ")");
        } catch (CertificateException e) {
            out.clear();
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("--cacert " + pemFile
                    + ": no certificate in it (expects PEM text from -----BEGIN CERTIFICATE-----)");
        }
        return out;
    }

    private static SSLContext context(X509ExtendedTrustManager trust) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trust}, null); // no key managers: as Java's default without javax.net.ssl.keyStore
        return context;
    }

    private static X509ExtendedTrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store); // null: Java's own trust store, found as the default context finds it
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509ExtendedTrustManager x) return x;
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }

    /** One check of a chain, as made of a trust manager. */
    private interface Check {
        void on(X509ExtendedTrustManager tm) throws CertificateException;
    }

    /** A trust manager whose every check is {@link #check}ed against others. */
    private abstract static class Delegating extends X509ExtendedTrustManager {
        abstract void check(Check check) throws CertificateException;

        @Override
        public final void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            check(tm -> tm.checkServerTrusted(chain, authType, socket));
        }

        @Override
        public final void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            check(tm -> tm.checkServerTrusted(chain, authType, engine));
        }

        @Override
        public final void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(tm -> tm.checkServerTrusted(chain, authType));
        }

        @Override
        public final void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            check(tm -> tm.checkClientTrusted(chain, authType, socket));
        }

        @Override
        public final void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            check(tm -> tm.checkClientTrusted(chain, authType, engine));
        }

        @Override
        public final void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(tm -> tm.checkClientTrusted(chain, authType));
        }
    }

    /** Java's own trust manager, made at the first check. */
    static final class LazyJava extends Delegating {
        private volatile X509ExtendedTrustManager java;

        private X509ExtendedTrustManager java() throws CertificateException {
            X509ExtendedTrustManager tm = java;
            if (tm == null) {
                synchronized (this) {
                    if (java == null) {
                        try {
                            java = trustManager(null);
                        } catch (GeneralSecurityException e) {
                            throw new CertificateException("cannot read Java's trust store: " + e.getMessage(), e);
                        }
                    }
                    tm = java;
                }
            }
            return tm;
        }

        @Override
        void check(Check check) throws CertificateException {
            check.on(java());
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            try {
                return java().getAcceptedIssuers();
            } catch (CertificateException e) {
                return new X509Certificate[0];
            }
        }
    }

    /**
     * Trusts a chain either trust manager trusts. When neither does, the reason given is the extra one's when the
     * chain does lead to its certificates (a host name that does not match, say), else Java's own.
     */
    private static final class Either extends Delegating {
        private final X509ExtendedTrustManager java;
        private final X509ExtendedTrustManager extra;

        Either(X509ExtendedTrustManager java, X509ExtendedTrustManager extra) {
            this.java = java;
            this.extra = extra;
        }

        @Override
        void check(Check check) throws CertificateException {
            try {
                check.on(java);
            } catch (CertificateException byJava) {
                try {
                    check.on(extra);
                } catch (CertificateException byExtra) {
                    if (noPath(byExtra)) {
                        byJava.addSuppressed(byExtra);
                        throw byJava;
                    }
                    byExtra.addSuppressed(byJava);
                    throw byExtra;
                }
            }
        }

        private static boolean noPath(Throwable t) {
            return io.tabhook.Causes.find(t, CertPathBuilderException.class) != null
                    || io.tabhook.Causes.find(t, CertPathValidatorException.class) != null;
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            X509Certificate[] a = java.getAcceptedIssuers();
            X509Certificate[] b = extra.getAcceptedIssuers();
            X509Certificate[] all = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, all, a.length, b.length);
            return all;
        }
    }
}
