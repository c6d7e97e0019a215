package io.tabhook.inbox;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A look through a whole journal, this inbox's or a past one: the deliveries a filter matches, each with its latest
 * forward (or replay) result, keeping only the last {@code last} of them. Bodies are not kept: each is read while the
 * filter looks at it, and read back from the journal when someone asks for it, so a look through a journal of large
 * bodies costs little memory.
 */
final class JournalQuery {
    private JournalQuery() {}

    static FoundDeliveries scan(Path journal, DeliveryFilter filter, int last) throws IOException {
        LinkedHashMap<Long, Delivery> kept = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Delivery> eldest) {
                return size() > last;
            }
        };
        long[] counts = new long[2]; // matched, total
        JournalFile.scan(journal, (bytes, at) -> {
            JournalLine.Read line = JournalLine.read(bytes, at);
            if (line instanceof JournalLine.Forwarded f) {
                kept.computeIfPresent(f.seq(), (seq, d) -> d.withForward(f.result()));
            } else if (line instanceof JournalLine.Stored s) {
                Delivery d = s.delivery();
                counts[1]++;
                boolean matches = filter.matches(d);
                d.content().dropFromMemory(); // read back when asked
                if (!matches) return;
                counts[0]++;
                if (last > 0) kept.put(d.seq(), d);
            }
        });
        return new FoundDeliveries(new ArrayList<>(kept.values()), counts[0], counts[1]);
    }
}
