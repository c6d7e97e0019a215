package io.tabhook.repl;

import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A line that gives a secret a value never reaches the history file; every other line does. */
class SecretSafeHistoryTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} (kept: {1})")
    @CsvSource(delimiterString = " => ", quoteCharacter = '\u0000', value = {
            // the lines issue 9 found in ~/.tabhook/history, and their kin
            "signIn user: 'admin', password: 'X' => false",
            "signIn user: 'admin', 'password': 'X' => false",
            "signIn pat: 'workshop-pat', \"secret\": 'X' => false",
            "signIn pat: 'workshop-pat', secret: 'X' => false",
            "signIn('admin', 'X') => false",
            "signIn 'admin', 'X' => false",
            "signIn('admin', \"X${1}\") => false",
            "signIn(site: 'workshop', 'admin', 'X') => false",
            "x = 1; signIn 'admin', 'X' => false",
            "signIn jwt: 'eyJhbGciOiJIUzI1NiJ9' => false",
            "pw = 'X' => false",
            "def pwd='X' => false",
            "PASSWORD = 'X' => false",
            "apiKey = '0e2f6ad4' => false",
            "def api_key = 'k' => false",
            "creds.token = 'X' => false",
            "headers: ['X-Tableau-Auth': 'X'] => false",
            "pin = [secret: 4711] => false",
            "createWebhook url: 'https://example.com/hook?token=abc' => false",
            "env = [PAT_SECRET: 'X'] => false",
            "signIn server: 'https://admin:X@tableau.example.com', user: 'a' => false",
            "println \"${x}b?x=1\" => true",
            // lines without a secret stay: a name is not a secret, nor a value given by a variable or env()
            "webhooks => true",
            "signIn => true",
            "signIn user: 'admin' => true",
            "signIn('admin') => true",
            "signIn 'admin', pw => true",
            "signIn user: 'admin', password: pw => true",
            "signIn pat: 'workshop-pat', secret: env('TABLEAU_PAT_SECRET') => true",
            "signIn site: 'workshop', user: 'admin' => true",
            "creds.token = t => true",
            "headers: ['X-Tableau-Auth': t] => true",
            "createWebhook name: 'tokens', event: WorkbookCreated, url: inbox.url => true",
            "exportPostmanEnvironment 'env.json', secrets: false => true",
            "def name = 'personalAccessTokenName' => true",
            "println 'password' => true",
            "pw == 'X' => true"})
    void onlyALineWithoutASecretIsKept(String line, boolean kept) {
        assertEquals(!kept, SecretSafeHistory.holdsSecret(line), line);
    }

    @Test
    void aSecretLineStaysInMemoryForUpArrowButNeverReachesTheFileWhichIsOwnerOnly() throws Exception {
        Path file = dir.resolve("history");
        SecretSafeHistory history = attached(file);
        List<String> typed = List.of("signIn", "signIn('admin', 'Hunter2-x')", "webhooks", "pw = 'Hunter2-x'", "1 + 1");
        for (String line : typed) history.add(Instant.now(), line);
        history.save();

        List<String> inMemory = new ArrayList<>();
        history.forEach(e -> inMemory.add(e.line()));
        assertEquals(typed, inMemory, "Up-arrow finds every line as typed");
        String written = Files.readString(file);
        assertFalse(written.contains("Hunter2"), written);
        assertTrue(written.contains(":signIn\n") && written.contains(":webhooks\n") && written.contains(":1 + 1\n"),
                written);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        SecretSafeHistory next = attached(file);
        List<String> reread = new ArrayList<>();
        next.forEach(e -> reread.add(e.line()));
        assertEquals(List.of("signIn", "webhooks", "1 + 1"), reread, "the next session reads back what was kept");
    }

    /** The history as the shell's reader uses it: attached to a line reader, which loads the file. */
    private static SecretSafeHistory attached(Path file) throws Exception {
        SecretSafeHistory history = new SecretSafeHistory(file);
        Terminal terminal = TerminalBuilder.builder().system(false)
                .streams(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream()).build();
        LineReader reader = LineReaderBuilder.builder().terminal(terminal).variable(LineReader.HISTORY_FILE, file)
                .history(history).build();
        history.attach(reader); // as the reader does at its first readLine
        return history;
    }

    @Test
    void aHistoryFileLeftReadableByOthersIsNarrowedWhenLoaded() throws Exception {
        Path file = dir.resolve("history");
        Files.writeString(file, "1700000000000:webhooks\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        attached(file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
}
