package io.tabhook.inbox;

import java.util.List;

/**
 * What a look through a journal found.
 *
 * @param deliveries the matching deliveries kept (the last ones, when a limit cut them), oldest first, each with its
 *                   latest forward result; their bodies are read back from the journal when asked for
 * @param matched    how many deliveries matched in all
 * @param total      how many deliveries the journal (or, without one, the inbox's memory) holds
 */
public record FoundDeliveries(List<Delivery> deliveries, long matched, long total) {
    public FoundDeliveries {
        deliveries = List.copyOf(deliveries);
    }
}
