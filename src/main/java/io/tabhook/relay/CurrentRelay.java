package io.tabhook.relay;

import io.tabhook.inbox.Inbox;

import java.net.URI;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The relay a shell or script uses, if any: started by {@code --relay} or {@code inbox.relay(URL)}, replaced by the
 * next one, stopped with {@code inbox.relay(null)}. {@link #address()} is where Tableau should deliver: the relay's
 * public address, else the inbox's own. What a relay says on its own goes to whoever listens now.
 */
public final class CurrentRelay implements AutoCloseable {
    private final Inbox inbox;
    private final RelaySettings settings;
    private final Consumer<RelayAddress> started;
    private volatile Relay relay;
    private volatile Consumer<String> notices;

    /**
     * @param settings the relay services, with the place kept beside the inbox's journal
     * @param notices  where relay notices go until {@link #noticesTo} says otherwise
     * @param started  told each relay's address as it starts (the session keeps it out of traces)
     */
    public CurrentRelay(Inbox inbox, RelaySettings settings, Consumer<String> notices, Consumer<RelayAddress> started) {
        this.inbox = inbox;
        this.settings = settings;
        this.notices = notices;
        this.started = started;
    }

    /**
     * Starts relaying from {@code address} (see {@link Relay#start}); the relay used before stops once the new one
     * listens, so a mistake leaves the old one running.
     *
     * @throws RelayException in one line, when the new one cannot start
     */
    public synchronized Relay use(String address) {
        Relay now = Relay.start(address, inbox, settings, line -> notices.accept(line));
        started.accept(now.address());
        Relay old = relay;
        relay = now;
        inbox.relayAddress(now.publicUrl()); // the inbox's page shows it beside the inbox's own, to copy
        if (old != null) old.close();
        return now;
    }

    /** Stops relaying; the inbox goes on at its own address. False when no relay was in use. */
    public synchronized boolean stop() {
        Relay old = relay;
        relay = null;
        inbox.relayAddress(null);
        if (old != null) old.close();
        return old != null;
    }

    public Optional<Relay> relay() {
        return Optional.ofNullable(relay);
    }

    /** Where Tableau should deliver: the relay's public address, else the inbox's own. */
    public URI address() {
        Relay r = relay;
        return r != null ? r.publicUrl() : inbox.url();
    }

    /** Sends relay notices to {@code listener} from now on; closing the handle sends them where they went before. */
    public AutoCloseable noticesTo(Consumer<String> listener) {
        Consumer<String> before = notices;
        notices = listener;
        return () -> notices = before;
    }

    @Override
    public void close() {
        stop();
    }
}
