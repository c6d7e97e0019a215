package io.tabhook.cli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
            sandbox --faults eror-rate=0.3  | tabhook: --faults: unknown fault 'eror-rate'; the faults are error-rate, rate-limit, expire-tokens, latency, html, drop, seed, written as error-rate=0.3,rate-limit=0.1,expire-tokens=3s,latency=50ms,html=0.05,drop=0.05,seed=7 (tabhook sandbox --help shows the options)
            sandbox --faults error-rate=3   | tabhook: --faults: error-rate needs a share of the calls between 0 and 1, like error-rate=0.3, not '3' (tabhook sandbox --help shows the options)
            -e 1 --faults expire-tokens=3   | tabhook: --faults: expire-tokens needs a time with its unit, like expire-tokens=3s or expire-tokens=500ms, not '3' (tabhook --help shows the options)
            run --faults latency x.groovy   | tabhook: --faults: 'latency' needs a value, like latency=50ms; write faults as error-rate=0.3,rate-limit=0.1,expire-tokens=3s,latency=50ms,html=0.05,drop=0.05,seed=7 (tabhook run --help shows the options)
            sandbox --moved-to ftp://x      | tabhook: --moved-to: 'ftp://x' is not a server address; write it like https://tableau.example.com, or host:port (http on this machine, https elsewhere) (tabhook sandbox --help shows the options)
            -e 1 --server 127.0.0.1:9 --faults drop=0.1 | tabhook: --faults makes the embedded sandbox misbehave, and with --server there is none; run `tabhook sandbox --faults …` and give its address to --server (tabhook --help shows the options)
            sandbox --port abc              | tabhook: --port: needs a whole number, not 'abc' (tabhook sandbox --help shows the options)
            inbox --keep many               | tabhook: --keep: needs a whole number, not 'many' (tabhook inbox --help shows the options)
            webhooks import hooks.json      | tabhook: webhooks import needs --server URL: the Tableau server to work on (tabhook webhooks import --help shows the options)
            webhooks export                 | tabhook: Missing required parameter: 'FILE' (tabhook webhooks export --help shows the options)
            run .                           | tabhook: . is a folder, not a script (tabhook run --help shows the options)
            -e 1 --relay bogus              | tabhook: --relay: not an http(s) URL; give a smee channel (https://smee.io/CHANNEL; `smee` makes one) or a webhook.site address (https://webhook.site/TOKEN-ID; `webhook.site` makes one) (tabhook --help shows the options)
            inbox --relay ftp://x           | tabhook: --relay: not an http(s) URL; give a smee channel (https://smee.io/CHANNEL; `smee` makes one) or a webhook.site address (https://webhook.site/TOKEN-ID; `webhook.site` makes one) (tabhook inbox --help shows the options)
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

    @ParameterizedTest
    @ValueSource(strings = {"", "run", "sandbox", "inbox", "doctor", "webhooks", "webhooks export", "webhooks import"})
    void everyCommandSaysItsVersion(String command) {
        List<String> args = new ArrayList<>(command.isEmpty() ? List.of() : List.of(command.split(" ")));
        args.add("--version");
        CommandRun r = CommandRun.run(dir, Map.of(), args.toArray(new String[0]));
        assertEquals(0, r.exit(), r.err());
        assertEquals(new VersionProvider().getVersion()[0], r.out().strip(), "tabhook " + command + " --version");
    }
}
