package io.tabhook.inbox;

import io.tabhook.api.Fields;
import io.tabhook.api.Shown;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * A journal in the session journals' folder, as {@code journals()} lists it.
 *
 * @param number      its place in the list, 1 the newest: what {@code journal(1)} opens
 * @param name        the file's name without {@code .jsonl}
 * @param started     when its session started
 * @param lastWritten when a line was last written to it
 * @param bytes       its size
 * @param deliveries  how many deliveries it holds
 * @param thisSession whether this process's inbox journals to it now
 * @param inUse       whether an inbox (this one or another) has it open
 */
public record JournalInfo(int number, String name, Path path, Instant started, Instant lastWritten, long bytes,
                          long deliveries, boolean thisSession, boolean inUse) implements Shown {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    @Override
    public Fields fields() {
        return new Fields("journal", "journals")
                .add("number", "#", number)
                .add("name", name)
                .add("started", started.toString()).shown(WHEN.format(started))
                .add("lastWritten", "last written", lastWritten.toString()).shown(WHEN.format(lastWritten))
                .add("deliveries", deliveries)
                .add("bytes", "size", bytes).shown(size(bytes))
                .add("path", path.toString())
                .add("thisSession", "this session", thisSession).hidden()
                .add("inUse", "in use", inUse).shown(thisSession ? "this session" : inUse ? "in use" : "")
                .columns("#", "name", "started", "last written", "deliveries", "size", "in use");
    }

    private static String size(long bytes) {
        if (bytes < 1024) return bytes + " B";
        if (bytes < 1024 * 1024) return String.format("%.1f KiB", bytes / 1024.0);
        return String.format("%.1f MiB", bytes / (1024.0 * 1024));
    }

    @Override
    public String toString() {
        return fields().toString();
    }
}
