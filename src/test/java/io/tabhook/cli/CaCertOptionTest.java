package io.tabhook.cli;

import io.tabhook.client.TlsFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `--cacert FILE.pem` as a support engineer uses it against a server with its own CA, from the command line. */
class CaCertOptionTest {
    @TempDir
    Path dir;

    @Test
    void aServerWithItsOwnCertificateAnswersOnceItsCertificateIsGiven() throws Exception {
        try (TlsFixture server = TlsFixture.start(dir, "ip:127.0.0.1")) {
            String url = server.url().toString();

            CommandRun refused = CommandRun.run(dir, Map.of(), "-e", "serverInfo", "--server", url, "--site", "");
            assertEquals(1, refused.exit(), refused.err());
            assertTrue(refused.err().contains("its certificate is not trusted") && refused.err().contains("--cacert"),
                    refused.err());

            CommandRun trusted = CommandRun.run(dir, Map.of(), "-e", "serverInfo", "--server", url, "--site", "",
                    "--cacert", server.certificate().toString());
            assertEquals(0, trusted.exit(), trusted.err());
            assertTrue(trusted.out().contains("3.15"), trusted.out());
        }
    }

    @Test
    void aMissingCertificateFileIsAUsageErrorBeforeAnythingStarts() throws Exception {
        Path missing = dir.resolve("ca.pem");

        CommandRun r = CommandRun.run(dir, Map.of(), "-e", "serverInfo", "--server", "https://127.0.0.1:9",
                "--cacert", missing.toString());

        assertEquals(2, r.exit(), r.err());
        assertEquals("tabhook: --cacert " + missing + ": no such file (tabhook --help shows the options)", r.err().strip());
    }
}
