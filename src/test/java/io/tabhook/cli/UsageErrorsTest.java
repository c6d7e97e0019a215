package io.tabhook.cli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A bad option value is one line that names the option and what it takes, and exit 2, before anything starts. */
class UsageErrorsTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            -e 1 --server not-a-url         | tabhook: --server: 'not-a-url' is not a server address; write it like https://tableau.example.com, or host:port (http on this machine, https elsewhere) (tabhook --help shows the options)
            -e 1 --server htps//example.com | tabhook: --server: 'htps//example.com' is not a server address; write it like https://tableau.example.com, or host:port (http on this machine, https elsewhere) (tabhook --help shows the options)
            -e 1 --server ftp://example.com | tabhook: --server: 'ftp://example.com' is not a server address; write it like https://tableau.example.com, or host:port (http on this machine, https elsewhere) (tabhook --help shows the options)
            -e 1 --format yaml              | tabhook: --format: unknown format 'yaml'; use xml or json (tabhook --help shows the options)
            run --api-version three x.groovy | tabhook: --api-version: 'three' is not an API version; write it like 3.9 or 3.25 (tabhook run --help shows the options)
            -e 1 --timeout 0                | tabhook: --timeout: needs a whole number of seconds from 1, not '0' (tabhook --help shows the options)
            run --timeout soon x.groovy     | tabhook: --timeout: needs a whole number of seconds from 1, not 'soon' (tabhook run --help shows the options)
            sandbox --token-ttl 0           | tabhook: --token-ttl: needs a whole number of minutes from 1, not '0' (tabhook sandbox --help shows the options)
            sandbox --retry-backoff -5      | tabhook: --retry-backoff: needs a whole number of millis, 0 or more, not '-5' (tabhook sandbox --help shows the options)
            sandbox --port 70000            | tabhook: port must be 0..65535, not 70000 (tabhook sandbox --help shows the options)
            sandbox --delivery-queue 0      | tabhook: a delivery queue must hold at least 1 event, not 0 (tabhook sandbox --help shows the options)
            run no-such-script.groovy       | tabhook: no script no-such-script.groovy (tabhook run --help shows the options)
            run                             | tabhook: Missing required parameter: 'FILE' (tabhook run --help shows the options)
            --no-such-option                | tabhook: Unknown option: '--no-such-option' (tabhook --help shows the options)
            """)
    void isOneLineAndExitTwo(String args, String line) {
        CommandRun r = CommandRun.run(dir, Map.of(), args.strip().split(" +"));
        assertEquals(2, r.exit(), r.err());
        assertEquals(line, r.err().strip());
        assertEquals("", r.out());
    }
}
