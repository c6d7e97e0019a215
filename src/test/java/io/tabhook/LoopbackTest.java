package io.tabhook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whether a host is this machine is decided by its address, in every spelling a user or a URL may give it. */
class LoopbackTest {
    @ParameterizedTest(name = "{0}: loopback {1}, any-local {2}")
    @CsvSource(nullValues = "NULL", value = {
            // host,                  loopback, any-local (the wildcard address)
            "127.0.0.1,               true,     false",
            "127.1,                   true,     false",
            "127.0.1,                 true,     false",
            "127.255.255.254,         true,     false",
            "2130706433,              true,     false",
            "127.000.000.001,         true,     false",
            "::1,                     true,     false",
            "[::1],                   true,     false",
            "0:0:0:0:0:0:0:1,         true,     false",
            "::ffff:127.0.0.1,        true,     false",
            "[::ffff:127.0.0.1],      true,     false",
            "localhost,               true,     false",
            "LocalHost,               true,     false",
            "localhost.,              true,     false",
            "api.localhost,           true,     false",
            "0,                       false,    true",
            "0.0.0.0,                 false,    true",
            "::,                      false,    true",
            "[::],                    false,    true",
            "10.0.0.1,                false,    false",
            "192.168.1.20,            false,    false",
            "128.0.0.1,               false,    false",
            "::ffff:10.0.0.1,         false,    false",
            "[2001:db8::1],           false,    false",
            "1.2.3.4.5,               false,    false",
            "127.0.0.256,             false,    false",
            "999.0.0.1,               false,    false",
            // a name that does not resolve, and no host at all
            "no-such-host.invalid,    false,    false",
            "tabhook-test.invalid,    false,    false",
            "'',                      false,    false",
            "'  ',                    false,    false",
            "[],                      false,    false",
            "NULL,                    false,    false"})
    void everySpellingIsClassifiedByItsAddress(String host, boolean loopback, boolean anyLocal) {
        assertEquals(loopback, Loopback.isLoopback(host), "isLoopback(" + host + ")");
        assertEquals(loopback, Loopback.isLoopbackWithoutLookup(host), "isLoopbackWithoutLookup(" + host + ")");
        assertEquals(anyLocal, Loopback.isAnyLocal(host), "isAnyLocal(" + host + ")");
        assertEquals(loopback || anyLocal, Loopback.reachesThisMachine(host), "reachesThisMachine(" + host + ")");
    }

    @Test
    void aNameIsNeverLookedUpWithoutLookup() {
        // example.com resolves elsewhere; without a lookup any name but localhost is taken as not loopback, at once.
        assertFalse(Loopback.isLoopbackWithoutLookup("example.com"));
        assertTrue(Loopback.literal("example.com").isEmpty());
    }

    @ParameterizedTest
    @CsvSource({"127.1, 127.0.0.1", "0, 0.0.0.0", "2130706433, 127.0.0.1", "[::1], 0:0:0:0:0:0:0:1",
            "::ffff:127.0.0.1, 127.0.0.1", "10.1, 10.0.0.1"})
    void literalsAreReadWithoutDns(String host, String address) {
        assertEquals(address, Loopback.literal(host).orElseThrow().getHostAddress());
    }

    @ParameterizedTest
    @CsvSource({"http://127.0.0.1:8080/automation, true", "http://[::1]:9/x, true", "http://0.0.0.0:5678/, true",
            "https://localhost/hook, true", "http://api.localhost:1/, true", " http://127.0.0.1/ , true",
            "https://example.com/hook, false", "http://10.0.0.1:8080/, false", "not a url, false", "'', false"})
    void aUrlIsThisMachineByItsHostWithoutDns(String url, boolean here) {
        assertEquals(here, Loopback.urlReachesThisMachineWithoutLookup(url), url);
    }
}
