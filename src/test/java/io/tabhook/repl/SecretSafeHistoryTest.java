package io.tabhook.repl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A line that gives a secret a value never reaches the history; every other line does. */
class SecretSafeHistoryTest {
    @ParameterizedTest
    @ValueSource(strings = {
            "signIn user: 'admin', password: 'X'",
            "signIn user: 'admin', 'password': 'X'",
            "signIn pat: 'workshop-pat', \"secret\": 'X'",
            "signIn pat: 'workshop-pat', secret: 'X'",
            "signIn jwt: 'eyJhbGciOiJIUzI1NiJ9'",
            "pw = 'X'",
            "def pwd='X'",
            "PASSWORD = 'X'",
            "apiKey = '0e2f6ad4'",
            "def api_key = 'k'",
            "creds.token = t",
            "headers: ['X-Tableau-Auth': t]",
            "createWebhook url: 'https://example.com/hook?token=abc'",
            "env = [PAT_SECRET: 'X']"})
    void aLineGivingASecretAValueIsNotKept(String line) {
        assertTrue(SecretSafeHistory.holdsSecret(line), line);
        SecretSafeHistory history = new SecretSafeHistory();
        history.add(Instant.now(), line);
        assertEquals(0, history.size(), line);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "webhooks",
            "signIn user: 'admin'",
            "signIn pat: 'workshop-pat'",
            "signIn site: 'workshop', user: 'admin'",
            "createWebhook name: 'tokens', event: WorkbookCreated, url: inbox.url",
            "exportPostmanEnvironment 'env.json', secrets: false",
            "def name = 'personalAccessTokenName'",
            "println 'password'"})
    void anOrdinaryLineIsKept(String line) {
        assertFalse(SecretSafeHistory.holdsSecret(line), line);
        SecretSafeHistory history = new SecretSafeHistory();
        history.add(Instant.now(), line);
        assertEquals(1, history.size(), line);
    }
}
