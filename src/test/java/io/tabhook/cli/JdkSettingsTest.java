package io.tabhook.cli;

import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The JDK HTTP server's settings: set once at start-up, a user's own -D wins, tests run with the same values. */
class JdkSettingsTest {
    @Test
    void startUpSetsNoDelayAndTenSecondsForARequest() {
        Properties p = new Properties();
        JdkSettings.applyDefaults(p);
        assertEquals("true", p.getProperty("sun.net.httpserver.nodelay"));
        assertEquals("10", p.getProperty("sun.net.httpserver.maxReqTime"));
    }

    @Test
    void aUsersOwnSettingWins() {
        Properties p = new Properties();
        p.setProperty("sun.net.httpserver.maxReqTime", "1");
        JdkSettings.applyDefaults(p);
        assertEquals("1", p.getProperty("sun.net.httpserver.maxReqTime"));
        assertEquals("true", p.getProperty("sun.net.httpserver.nodelay"));
    }

    @Test
    void testsRunWithTheSettingsUsersGet() {
        // pom.xml's surefire systemPropertyVariables: the servers under test behave as they do for users
        JdkSettings.DEFAULTS.forEach((name, value) -> assertEquals(value, System.getProperty(name), name));
    }
}
