package io.tabhook.client;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.tabhook.api.Fixtures;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A Tableau server over real HTTPS on loopback, with a self-signed certificate made by the JDK's keytool for this
 * test run: it answers serverinfo with the documented fixture. The certificate names {@code subjectAltName} (for
 * example {@code ip:127.0.0.1}), and {@link #certificate()} is its PEM file, as a user would get it from their admin.
 */
public final class TlsFixture implements AutoCloseable {
    private static final String PASSWORD = "test-only";
    private final HttpsServer server;
    private final Path pem;

    private TlsFixture(HttpsServer server, Path pem) {
        this.server = server;
        this.pem = pem;
    }

    public static TlsFixture start(Path dir, String subjectAltName) throws Exception {
        return start(dir, subjectAltName, exchange -> {
            byte[] body = Fixtures.bytes("serverinfo.xml");
            boolean serverInfo = exchange.getRequestURI().getPath().toLowerCase().endsWith("/serverinfo");
            exchange.getResponseHeaders().set("Content-Type", "application/xml;charset=UTF-8");
            exchange.sendResponseHeaders(serverInfo ? 200 : 404, serverInfo ? body.length : -1);
            if (serverInfo) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
    }

    /** The same server answering every request with {@code handler}. */
    public static TlsFixture start(Path dir, String subjectAltName, com.sun.net.httpserver.HttpHandler handler)
            throws Exception {
        Path store = dir.resolve("server-" + Math.abs(subjectAltName.hashCode()) + ".p12");
        Path pem = dir.resolve(store.getFileName().toString().replace(".p12", ".pem"));
        writeKeyPair(subjectAltName, store, pem);

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);

        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", handler);
        server.start();
        return new TlsFixture(server, pem);
    }

    /** The server's base URL, by IP address. */
    public URI url() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The server's self-signed certificate as PEM. */
    public Path certificate() {
        return pem;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** Key pairs made this JVM, by subjectAltName: the key store and the certificate as PEM. */
    private static final Map<String, byte[][]> MADE = new HashMap<>();

    /**
     * Writes a key store and its certificate for {@code subjectAltName}: made by keytool once per JVM (two processes,
     * 1 to 3 s on a busy machine) and copied for every later fixture with the same name.
     */
    private static synchronized void writeKeyPair(String subjectAltName, Path store, Path pem)
            throws IOException, InterruptedException {
        byte[][] made = MADE.get(subjectAltName);
        if (made == null) {
            Path dir = Files.createTempDirectory("tabhook-tls");
            Path madeStore = dir.resolve("server.p12");
            Path madePem = dir.resolve("server.pem");
            keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                    "-dname", "CN=tabhook-test", "-ext", "SAN=" + subjectAltName,
                    "-keystore", madeStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD);
            keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", madeStore.toString(), "-storepass", PASSWORD,
                    "-file", madePem.toString());
            made = new byte[][] {Files.readAllBytes(madeStore), Files.readAllBytes(madePem)};
            Files.delete(madeStore);
            Files.delete(madePem);
            Files.delete(dir);
            MADE.put(subjectAltName, made);
        }
        Files.write(store, made[0]);
        Files.write(pem, made[1]);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of("-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC")); // a short JVM: the tests' own flags
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + out);
        }
    }
}
