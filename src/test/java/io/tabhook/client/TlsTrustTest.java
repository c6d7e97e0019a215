package io.tabhook.client;

import io.tabhook.api.ServerInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server with its own certificate (on-premises Tableau Server with the organisation's CA, or self-signed), over
 * real HTTPS: refused with a one-line hint by default, trusted with {@code --cacert}, and the host name still checked.
 */
@Timeout(60)
class TlsTrustTest {
    @TempDir
    static Path dir;
    static TlsFixture matching;
    static TlsFixture otherHost;

    @BeforeAll
    static void start() throws Exception {
        matching = TlsFixture.start(dir, "ip:127.0.0.1");
        otherHost = TlsFixture.start(dir, "dns:tableau.elsewhere.invalid");
    }

    @AfterAll
    static void stop() {
        if (matching != null) matching.close();
        if (otherHost != null) otherHost.close();
    }

    @Test
    void anUntrustedCertificateIsRefusedWithAHintAtCacert() {
        TableauClient client = TableauClient.builder(matching.url()).build();

        TableauConnectionException e = assertThrows(TableauConnectionException.class, client::serverInfo);

        assertEquals("cannot reach " + matching.url() + ": its certificate is not trusted (self-signed, or your "
                + "organisation's own CA?) — start tabhook with --cacert CA.pem", e.getMessage());
    }

    @Test
    void theCertificateGivenIsTrusted() {
        TableauClient client = TableauClient.builder(matching.url())
                .sslContext(Tls.trustingAlso(matching.certificate())).build();

        ServerInfo info = client.serverInfo();

        assertEquals("3.15", info.restApiVersion().toString());
    }

    @Test
    void aTrustedCertificateForAnotherHostIsStillRefused() {
        TableauClient client = TableauClient.builder(otherHost.url())
                .sslContext(Tls.trustingAlso(otherHost.certificate())).build();

        TableauConnectionException e = assertThrows(TableauConnectionException.class, client::serverInfo);

        assertTrue(e.getMessage().startsWith("cannot reach " + otherHost.url() + ": its certificate is for another host name ("),
                e.getMessage());
    }

    @Test
    void anotherServersCertificateDoesNotOpenThisOne() {
        TableauClient client = TableauClient.builder(matching.url())
                .sslContext(Tls.trustingAlso(otherHost.certificate())).build();

        TableauConnectionException e = assertThrows(TableauConnectionException.class, client::serverInfo);

        assertTrue(e.getMessage().contains("its certificate is not trusted"), e.getMessage());
    }

    @Test
    void aFileWithoutCertificatesIsOneLineSayingWhatItExpects() throws Exception {
        Path notPem = Files.writeString(dir.resolve("key.txt"), "not a certificate\n");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tls.certificates(notPem));

        assertEquals("--cacert " + notPem + ": no certificate in it (expects PEM text from -----BEGIN CERTIFICATE-----)",
                e.getMessage());
        assertEquals("--cacert " + dir.resolve("none.pem") + ": no such file",
                assertThrows(IllegalArgumentException.class, () -> Tls.certificates(dir.resolve("none.pem"))).getMessage());
    }

    @Test
    void withoutCacertTheAnchorsAreExactlyJavasOwn() throws Exception {
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((java.security.KeyStore) null);
        javax.net.ssl.X509TrustManager javas = (javax.net.ssl.X509TrustManager) tmf.getTrustManagers()[0];

        java.util.Set<java.security.cert.X509Certificate> expected = java.util.Set.of(javas.getAcceptedIssuers());
        java.util.Set<java.security.cert.X509Certificate> lazy = java.util.Set.of(new Tls.LazyJava().getAcceptedIssuers());

        assertTrue(expected.size() > 10, "Java's trust store has its CAs: " + expected.size());
        assertEquals(expected, lazy);
    }

    @Test
    void javasOwnTrustIsReadAtTheFirstHandshakeAndTrustsWhatItHolds() throws Exception {
        // A trust store holding the test server's certificate stands in for Java's cacerts and a public CA.
        Path store = dir.resolve("truststore.p12");
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("test", Tls.certificates(matching.certificate()).get(0));
        try (var out = Files.newOutputStream(store)) {
            ks.store(out, "changeit".toCharArray());
        }
        javax.net.ssl.SSLContext lazy = javax.net.ssl.SSLContext.getInstance("TLS");
        lazy.init(null, new javax.net.ssl.TrustManager[] {new Tls.LazyJava()}, null);
        TableauClient client = TableauClient.builder(matching.url()).sslContext(lazy).build();

        System.setProperty("javax.net.ssl.trustStore", store.toString()); // read at the handshake, not before
        System.setProperty("javax.net.ssl.trustStorePassword", "changeit");
        try {
            assertEquals("3.15", client.serverInfo().restApiVersion().toString());
        } finally {
            System.clearProperty("javax.net.ssl.trustStore");
            System.clearProperty("javax.net.ssl.trustStorePassword");
        }
    }
}
