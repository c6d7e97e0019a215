package io.tabhook;

/** A failure's causes, searched by type: what a wrapped failure (java.net.http's, a future's) is underneath. */
public final class Causes {
    private Causes() {}

    /** The first of {@code failure} and its causes that is a {@code type}, or null. */
    public static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable c = failure; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) return type.cast(c);
        }
        return null;
    }
}
