package io.tabhook.inbox;

/**
 * Hears what the inbox commits, in seq order, on a thread of its own (a slow listener never delays an acknowledgement
 * or another listener). A listener that falls behind is not waited for: what it has not taken yet is held up to a
 * bound ({@link Subscribers#QUEUE_NOTICES} notices, {@link Subscribers#QUEUE_BYTES} bytes of bodies), and what
 * arrives beyond that is skipped and counted, then told with {@link #skipped} before the next notice.
 */
public interface InboxListener {
    /** A new delivery, journalled. */
    default void delivered(Delivery d) {}

    /** A delivery with the final result of its forward (after retries); once per forwarded delivery. */
    default void forwarded(Delivery d) {}

    /** Notices this listener did not get because it fell behind; the deliveries themselves are all kept. */
    default void skipped(Skipped s) {}

    /**
     * What a listener missed.
     *
     * @param deliveries     deliveries not told
     * @param forwardResults forward results not told
     * @param firstSeq       the lowest seq among them
     * @param lastSeq        the highest
     */
    record Skipped(long deliveries, long forwardResults, long firstSeq, long lastSeq) {
        /** {@code skipped 120 deliveries (#31–#150)}, with the forward results when there were any. */
        public String describe() {
            StringBuilder s = new StringBuilder("skipped ");
            if (deliveries > 0) s.append(deliveries).append(deliveries == 1 ? " delivery" : " deliveries");
            if (deliveries > 0 && forwardResults > 0) s.append(" and ");
            if (forwardResults > 0) s.append(forwardResults).append(forwardResults == 1 ? " forward result" : " forward results");
            return s.append(firstSeq == lastSeq ? " (#" + firstSeq + ")" : " (#" + firstSeq + "–#" + lastSeq + ")").toString();
        }

        Skipped plus(boolean forward, long seq) {
            return new Skipped(deliveries + (forward ? 0 : 1), forwardResults + (forward ? 1 : 0),
                    deliveries + forwardResults == 0 ? seq : Math.min(firstSeq, seq), Math.max(lastSeq, seq));
        }
    }
}
