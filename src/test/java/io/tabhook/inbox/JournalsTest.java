package io.tabhook.inbox;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 9, "Journals kept by what they hold": quick runs never delete the journal of the session that had deliveries. */
class JournalsTest {
    @TempDir
    Path home;

    private static Path journal(Path folder, Instant started, int deliveries) throws IOException {
        Path p = folder.resolve(started.toEpochMilli() + "-1.jsonl");
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= deliveries; i++) {
            lines.append("{\"seq\":").append(i).append(",\"receivedAt\":\"").append(started)
                    .append("\",\"method\":\"POST\",\"path\":\"/\",\"headers\":{},\"body\":\"{}\"}\n");
        }
        Files.writeString(p, lines);
        Files.setLastModifiedTime(p, FileTime.from(started));
        return p;
    }

    @Test
    void manyQuickEmptyRunsNeverDeleteTheJournalThatHadDeliveries() throws Exception {
        Journals journals = Journals.in(home);
        Instant now = Instant.now();
        Files.createDirectories(journals.folder());
        Path worked = journal(journals.folder(), now.minus(Duration.ofHours(1)), 3);
        for (int run = 0; run < 25; run++) { // each -e or run: an inbox that receives nothing
            try (Inbox quiet = Inbox.start(InboxOptions.defaults().withJournal(journals.forNewSession()))) {
                assertTrue(quiet.deliveries().isEmpty());
            }
        }
        assertTrue(Files.exists(worked), "the session with deliveries is kept");
        try (var left = Files.list(journals.folder())) {
            assertEquals(1, left.count(), "the empty runs left no file");
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(journals.folder())));
    }

    @Test
    void journalsWithDeliveriesAreKeptThirtyDaysAndTheFiftyNewestWhateverTheirAge() throws Exception {
        Journals journals = Journals.in(home);
        Files.createDirectories(journals.folder());
        Instant now = Instant.now();
        Path recentButMany = null;
        for (int i = 0; i < Journals.KEEP_LAST + 5; i++) {
            Path p = journal(journals.folder(), now.minus(Duration.ofDays(1)).minusSeconds(i), 1);
            if (i == Journals.KEEP_LAST + 4) recentButMany = p;
        }
        Path old = journal(journals.folder(), now.minus(Duration.ofDays(Journals.KEEP_DAYS + 5)), 2);
        Path oldEmpty = journal(journals.folder(), now.minus(Duration.ofDays(2)), 0);

        assertEquals(2, journals.tidy(now), "the old one beyond the newest 50, and the empty one");
        assertFalse(Files.exists(old));
        assertFalse(Files.exists(oldEmpty));
        assertTrue(Files.exists(recentButMany), "written within 30 days: kept however many there are");
        assertEquals(Journals.KEEP_LAST + 5, journals.list().size());

        for (int i = 0; i < Journals.KEEP_LAST + 5; i++) { // now all old: the 50 newest stay
            Files.setLastModifiedTime(journals.list().get(i).path(), FileTime.from(now.minus(Duration.ofDays(90))));
        }
        assertEquals(5, journals.tidy(now));
        assertEquals(Journals.KEEP_LAST, journals.list().size());
    }

    @Test
    void aJournalInUseIsNeverTidiedAwayEvenWhileEmpty() throws Exception {
        Journals journals = Journals.in(home);
        try (Inbox running = Inbox.start(InboxOptions.defaults().withJournal(journals.forNewSession()))) {
            journals.tidy(Instant.now().plus(Duration.ofDays(365)));
            assertTrue(Files.exists(running.journal()));
            assertEquals(1, journals.list().size());
            assertTrue(journals.list().get(0).thisSession());
        }
    }
}
