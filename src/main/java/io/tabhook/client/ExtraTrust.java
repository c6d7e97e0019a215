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
 * TLS that trusts what Java trusts plus the CA certificates of one PEM file ({@code --cacert}): an on-premises
 * Tableau Server signed by the organisation's own CA, or a self-signed one. Additive, so Tableau Cloud still works in
 * the same session. Host names are still checked against the certificate, and nothing else is relaxed.
 */
public final class ExtraTrust {
    private ExtraTrust() {}

    /** An SSL context for {@link TableauClient.Builder#sslContext}; a one-line {@link IllegalArgumentException} for a bad file. */
    public static SSLContext sslContext(Path pemFile) {
        List<X509Certificate> certificates = read(pemFile);
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < certificates.size(); i++) store.setCertificateEntry("cacert-" + i, certificates.get(i));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new Either(trustManager(null), trustManager(store))}, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS with " + pemFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * Java's own trust, with its trust store read at the first https handshake rather than when a client is made:
     * against the embedded sandbox (plain http) it is never read, and the first command does not wait for about 150
     * certificates to be parsed. When the {@code javax.net.ssl.*} properties configure TLS, Java's default context
     * itself is used, so nothing they set is lost.
     */
    public static SSLContext javaDefault() {
        try {
            if (System.getProperty("javax.net.ssl.keyStore") != null || System.getProperty("javax.net.ssl.trustStore") != null) {
                return SSLContext.getDefault();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new Lazy()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** The X.509 certificates in a PEM (or DER) file; at least one, else a one-line {@link IllegalArgumentException}. */
    public static List<X509Certificate> read(Path pemFile) {
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

    private static X509ExtendedTrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store); // null: Java's own trust store, as the default context uses
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509ExtendedTrustManager x) return x;
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }

    /** Java's own trust manager, made at the first check. */
    static final class Lazy extends X509ExtendedTrustManager {
        private volatile X509ExtendedTrustManager delegate;

        private X509ExtendedTrustManager tm() throws CertificateException {
            X509ExtendedTrustManager d = delegate;
            if (d == null) {
                synchronized (this) {
                    if (delegate == null) {
                        try {
                            delegate = trustManager(null);
                        } catch (GeneralSecurityException e) {
                            throw new CertificateException("cannot read Java's trust store: " + e.getMessage(), e);
                        }
                    }
                    d = delegate;
                }
            }
            return d;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            tm().checkServerTrusted(chain, authType, socket);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            tm().checkServerTrusted(chain, authType, engine);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            tm().checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            tm().checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            tm().checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            tm().checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            try {
                return tm().getAcceptedIssuers();
            } catch (CertificateException e) {
                return new X509Certificate[0];
            }
        }
    }

    /**
     * Trusts a chain either trust manager trusts. When neither does, the reason given is the extra one's when the
     * chain does lead to its certificates (a host name that does not match, say), else Java's own.
     */
    private static final class Either extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager system;
        private final X509ExtendedTrustManager extra;

        Either(X509ExtendedTrustManager system, X509ExtendedTrustManager extra) {
            this.system = system;
            this.extra = extra;
        }

        private interface Check {
            void run(X509ExtendedTrustManager tm) throws CertificateException;
        }

        private void either(Check check) throws CertificateException {
            try {
                check.run(system);
            } catch (CertificateException bySystem) {
                try {
                    check.run(extra);
                } catch (CertificateException byExtra) {
                    if (noPath(byExtra)) {
                        bySystem.addSuppressed(byExtra);
                        throw bySystem;
                    }
                    byExtra.addSuppressed(bySystem);
                    throw byExtra;
                }
            }
        }

        private static boolean noPath(Throwable t) {
            for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
                if (c instanceof CertPathBuilderException || c instanceof CertPathValidatorException) return true;
            }
            return false;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            either(tm -> tm.checkServerTrusted(chain, authType, socket));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            either(tm -> tm.checkServerTrusted(chain, authType, engine));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            either(tm -> tm.checkServerTrusted(chain, authType));
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            either(tm -> tm.checkClientTrusted(chain, authType, socket));
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            either(tm -> tm.checkClientTrusted(chain, authType, engine));
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            either(tm -> tm.checkClientTrusted(chain, authType));
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            X509Certificate[] a = system.getAcceptedIssuers();
            X509Certificate[] b = extra.getAcceptedIssuers();
            X509Certificate[] all = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, all, a.length, b.length);
            return all;
        }
    }
}
