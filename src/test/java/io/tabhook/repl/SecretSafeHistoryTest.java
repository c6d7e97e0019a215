package io.tabhook.repl;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A line that gives a secret a value never reaches the history; every other line does. */
class SecretSafeHistoryTest {
    @ParameterizedTest(name = "{0} (kept: {1})")
    @CsvSource(delimiterString = " => ", quoteCharacter = '\u0000', value = {
            // the lines issue 9 found in ~/.tabhook/history, and their kin
            "signIn user: 'admin', password: 'X' => false",
            "signIn user: 'admin', 'password': 'X' => false",
            "signIn pat: 'workshop-pat', \"secret\": 'X' => false",
            "signIn pat: 'workshop-pat', secret: 'X' => false",
            "signIn jwt: 'eyJhbGciOiJIUzI1NiJ9' => false",
            "pw = 'X' => false",
            "def pwd='X' => false",
            "PASSWORD = 'X' => false",
            "apiKey = '0e2f6ad4' => false",
            "def api_key = 'k' => false",
            "creds.token = t => false",
            "headers: ['X-Tableau-Auth': t] => false",
            "createWebhook url: 'https://example.com/hook?token=abc' => false",
            "env = [PAT_SECRET: 'X'] => false",
            // lines without a secret stay
            "webhooks => true",
            "signIn user: 'admin' => true",
            "signIn pat: 'workshop-pat' => true",
            "signIn site: 'workshop', user: 'admin' => true",
            "createWebhook name: 'tokens', event: WorkbookCreated, url: inbox.url => true",
            "exportPostmanEnvironment 'env.json', secrets: false => true",
            "def name = 'personalAccessTokenName' => true",
            "println 'password' => true"})
    void onlyALineWithoutASecretIsKept(String line, boolean kept) {
        assertEquals(!kept, SecretSafeHistory.holdsSecret(line), line);
        SecretSafeHistory history = new SecretSafeHistory();
        history.add(Instant.now(), line);
        assertEquals(kept ? 1 : 0, history.size(), line);
    }
}
