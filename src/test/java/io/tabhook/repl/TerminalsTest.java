package io.tabhook.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import org.jline.terminal.TerminalBuilder;
import org.jline.utils.InfoCmp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell opens its terminal without running infocmp: the capabilities come from a copy in TABHOOK_HOME, made from
 * what JLine read the first time and refreshed by infocmp when old. Terminal types here are made up, so JLine's
 * state for real terminals (the shell tests' xterm-256color) is left alone.
 */
class TerminalsTest {
    @TempDir
    Path home;

    @AfterEach
    void clearType() {
        System.clearProperty(TerminalBuilder.PROP_TYPE);
    }

    @Test
    void theFirstStartKeepsWhatJlineReadAndTheNextStartHandsItBack() throws Exception {
        System.setProperty(TerminalBuilder.PROP_TYPE, "tabhook-test-first");
        String caps = capsOf("tabhook-test-first");
        InfoCmp.setLoadedInfoCmp("tabhook-test-first", caps); // as JLine records infocmp's answer

        Terminals.refreshCache(home);

        Path cached = home.resolve("terminfo/tabhook-test-first");
        assertEquals(caps, Files.readString(cached));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cached.getParent())),
                "tabhook's folder in the user's home is the user's alone");

        System.setProperty(TerminalBuilder.PROP_TYPE, "tabhook-test-second");
        String second = capsOf("tabhook-test-second");
        Files.writeString(home.resolve("terminfo/tabhook-test-second"), second);
        Terminals.useCache(home);
        assertEquals(second, InfoCmp.getLoadedInfoCmp("tabhook-test-second"));
    }

    /** xterm's capabilities under another terminal name, as infocmp would print them for that name. */
    private static String capsOf(String type) {
        return InfoCmp.getDefaultInfoCmp("xterm").replaceFirst("(?m)^xterm\\|", type + "|");
    }

    @Test
    void aCopyThatIsNotThisTerminalsTerminfoIsNotUsedAndIsReplaced() throws Exception {
        System.setProperty(TerminalBuilder.PROP_TYPE, "tabhook-test-damaged");
        Path cached = Files.createDirectories(home.resolve("terminfo")).resolve("tabhook-test-damaged");
        Files.writeString(cached, "garbage");

        Terminals.useCache(home);
        assertEquals(null, InfoCmp.getLoadedInfoCmp("tabhook-test-damaged"), "JLine asks infocmp itself");

        String caps = capsOf("tabhook-test-damaged");
        InfoCmp.setLoadedInfoCmp("tabhook-test-damaged", caps); // what infocmp then told JLine
        Terminals.refreshCache(home);
        assertEquals(caps, Files.readString(cached));
    }

    @Test
    void aTypeThatIsNoFileNameIsNeitherReadNorWritten() throws Exception {
        System.setProperty(TerminalBuilder.PROP_TYPE, "../../escape");
        InfoCmp.setLoadedInfoCmp("../../escape", "caps");

        Terminals.refreshCache(home);

        assertFalse(Files.exists(home.resolve("terminfo")));
        assertFalse(Files.exists(home.getParent().resolve("escape")));
    }

    @Test
    void aWeekOldCopyIsAskedOfInfocmpAgain() throws Exception {
        Path infocmp = Path.of("/usr/bin/infocmp");
        assumeTrue(Files.isExecutable(infocmp), "needs infocmp");
        System.setProperty(TerminalBuilder.PROP_TYPE, "xterm");
        Path cached = Files.createDirectories(home.resolve("terminfo")).resolve("xterm");
        Files.writeString(cached, "stale");
        Files.setLastModifiedTime(cached, FileTime.from(Instant.now().minus(Duration.ofDays(8))));

        Terminals.refreshCache(home);

        String fresh = Files.readString(cached);
        assertNotEquals("stale", fresh);
        assertTrue(fresh.contains("xterm"), fresh);
    }
}
