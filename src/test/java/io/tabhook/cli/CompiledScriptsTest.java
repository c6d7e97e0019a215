package io.tabhook.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code tabhook run} keeps a script's compiled classes in {@code TABHOOK_HOME/scripts} and loads them while the
 * script is unchanged: what it runs is always the script as it is now, and a bad entry is never run.
 */
class CompiledScriptsTest {
    @TempDir
    Path dir;

    private Path home() {
        return dir.resolve("tabhook-home");
    }

    private Path scripts() {
        return home().resolve("scripts");
    }

    private List<Path> entries() throws IOException {
        if (!Files.isDirectory(scripts())) return List.of();
        try (var files = Files.list(scripts())) {
            return files.filter(p -> p.toString().endsWith(".classes")).sorted().toList();
        }
    }

    private CommandRun run(Path script) {
        return CommandRun.run(dir, Map.of(), "run", script.toString());
    }

    /** A script that prints {@code word}, run once, so its compiled classes are kept. */
    private Path scriptRunOnce(String name, String word) throws IOException {
        Path script = dir.resolve(name);
        Files.writeString(script, "println '" + word + "'\n");
        assertEquals(word, run(script).out().strip());
        return script;
    }

    private static final FileTime LONG_AGO = FileTime.fromMillis(946_684_800_000L); // 2000-01-01

    @Test
    void anUnchangedScriptRunsFromItsEntryAndAChangedOneIsCompiledAgain() throws Exception {
        Path script = dir.resolve("hello.groovy");
        Files.writeString(script, "println 'one'\n");
        assertEquals("one", run(script).out().strip());
        List<Path> first = entries();
        assertEquals(1, first.size(), "one entry for the script");
        Path entry = first.get(0);

        Files.writeString(script, "println 'two'\n");
        assertEquals("two", run(script).out().strip(), "the edited script runs, not the classes of the old one");
        assertEquals(2, entries().size());

        Files.writeString(script, "println 'one'\n");
        Files.setLastModifiedTime(entry, LONG_AGO);
        byte[] before = Files.readAllBytes(entry);
        assertEquals("one", run(script).out().strip());
        assertEquals(2, entries().size(), "the first text's entry was found again");
        assertEquals(LONG_AGO, Files.getLastModifiedTime(entry), "loaded, not compiled and written again");
        assertArrayEquals(before, Files.readAllBytes(entry));
    }

    @Test
    void theFolderAndEntriesAreOwnerOnly() throws Exception {
        Files.createDirectories(scripts(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        scriptRunOnce("private.groovy", "mine");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(scripts())),
                "a folder made wider before is narrowed");
        Path entry = entries().get(0);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(entry)));
    }

    @Test
    void anEntryOthersCouldHaveWrittenIsIgnoredAndReplaced() throws Exception {
        Path script = scriptRunOnce("shared.groovy", "safe");
        Path entry = entries().get(0);
        Files.setPosixFilePermissions(entry, PosixFilePermissions.fromString("rw-rw-rw-"));
        Files.setLastModifiedTime(entry, LONG_AGO);
        assertEquals("safe", run(script).out().strip());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(entry)));
        assertNotEquals(LONG_AGO, Files.getLastModifiedTime(entry), "compiled again and written anew");
    }

    @Test
    void aCorruptOrTruncatedEntryIsIgnoredAndReplaced() throws Exception {
        Path script = scriptRunOnce("corrupt.groovy", "intact");
        Path entry = entries().get(0);
        byte[] good = Files.readAllBytes(entry);

        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x5a; // one byte inside a class
        Files.write(entry, flipped);
        CommandRun afterFlip = run(script);
        assertEquals(0, afterFlip.exit(), afterFlip.err());
        assertEquals("intact", afterFlip.out().strip());
        assertArrayEquals(good, Files.readAllBytes(entry), "replaced by a fresh compile");

        Files.write(entry, java.util.Arrays.copyOf(good, good.length / 3));
        assertEquals("intact", run(script).out().strip());
        assertArrayEquals(good, Files.readAllBytes(entry));

        Files.write(entry, new byte[0]);
        assertEquals("intact", run(script).out().strip());
        assertArrayEquals(good, Files.readAllBytes(entry));
    }

    @Test
    void anotherScriptsEntryFiledUnderThisScriptsNameIsNotRun() throws Exception {
        scriptRunOnce("a.groovy", "from a");
        Path entryA = entries().get(0);
        Path b = scriptRunOnce("b.groovy", "from b");
        Path entryB = entries().stream().filter(p -> !p.equals(entryA)).findFirst().orElseThrow();
        Files.copy(entryA, entryB, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertEquals("from b", run(b).out().strip());
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(entryA), Files.readAllBytes(entryB)),
                "b's entry holds b's classes again");
    }

    @Test
    void failuresNameTheUsersFileAndLineFromCachedClassesToo() throws Exception {
        String text = "x = 1\n\nexpect x == 2, 'x should be two'\n";
        Path script = dir.resolve("check.groovy");
        Files.writeString(script, text);
        for (int i = 0; i < 2; i++) {
            CommandRun r = run(script);
            assertEquals(1, r.exit());
            assertEquals(script + ":3: expectation failed: x should be two", r.err().strip(), "run " + (i + 1));
        }
        assertEquals(1, entries().size());

        Path renamed = dir.resolve("renamed.groovy");
        Files.writeString(renamed, text);
        CommandRun r = run(renamed);
        assertEquals(renamed + ":3: expectation failed: x should be two", r.err().strip(),
                "the same text under another name names that file");

        Path typo = dir.resolve("typo.groovy");
        Files.writeString(typo, "println 'ok'\ny = x.noSuchThing()\n");
        for (int i = 0; i < 2; i++) {
            CommandRun t = run(typo);
            assertTrue(t.err().startsWith(typo + ":2: "), t.err());
        }
    }

    @Test
    void aScriptThatDoesNotCompileIsNotKept() throws Exception {
        Path script = dir.resolve("syntax.groovy");
        Files.writeString(script, "println 'a'\n\nhook = createWebhook(name: 'x'\n");
        for (int i = 0; i < 2; i++) {
            CommandRun r = run(script);
            assertEquals(1, r.exit());
            assertTrue(r.err().startsWith(script + ":3: syntax error"), r.err());
        }
        assertEquals(List.of(), entries());
    }
}
