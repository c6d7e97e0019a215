package io.tabhook.dsl;

import io.tabhook.inbox.Delivery;
import io.tabhook.inbox.Inbox;

import java.util.List;

/** {@code inbox} in the DSL: {@code inbox.url}, {@code inbox.deliveries}, {@code inbox.last}, {@code inbox.clear()}. */
public final class InboxWords {
    private final Inbox inbox;

    InboxWords(Inbox inbox) { this.inbox = inbox; }

    public String getUrl() { return inbox.url().toString(); }

    public List<Delivery> getDeliveries() { return inbox.deliveries(); }

    public PayloadMap getLast() {
        List<Delivery> all = inbox.deliveries();
        return all.isEmpty() ? null : PayloadMap.of(all.get(all.size() - 1));
    }

    /** Passes every later delivery on to {@code url} as well (null stops), like {@code stripe listen --forward-to}. */
    public String forwardTo(String url) {
        inbox.forwardTo(url == null ? null : java.net.URI.create(url));
        return url == null ? "forwarding off" : "forwarding to " + url;
    }

    public int size() { return inbox.deliveries().size(); }

    public String clear() {
        int n = inbox.deliveries().size();
        inbox.clear();
        return "cleared " + n + " deliveries";
    }

    @Override
    public String toString() {
        return "inbox at " + getUrl() + " (" + size() + " deliveries)";
    }
}
