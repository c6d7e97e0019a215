package io.tabhook.dsl;

import io.tabhook.dsl.Word.Kind;
import io.tabhook.relay.CurrentRelay;
import io.tabhook.relay.Relay;
import io.tabhook.relay.RelayException;

/** {@code inbox.relay}: a public address (a smee channel, a webhook.site token) that feeds the inbox. */
final class RelayWords {
    private RelayWords() {}

    static final WordTable TABLE = new WordTable();

    static {
        TABLE.word("inbox.relay", "Receive through a public relay, as a real Tableau site needs: a smee channel or a "
                        + "webhook.site address feeds the inbox.")
                .details("""
                        Tableau Cloud and Server deliver only to a public https address. 'smee' makes a new smee.io
                        channel, 'webhook.site' a new webhook.site token; a URL uses one you have
                        (https://smee.io/CHANNEL, https://webhook.site/TOKEN-ID; the token's API key, if it needs one,
                        from WEBHOOK_SITE_API_KEY). From then on inbox.url is the relay's public address, and on a real
                        site createWebhook without url: uses it. Deliveries through the relay are journalled, matched
                        by waitForPayload and forwarded like direct ones. null stops relaying.""")
                .positional("url", Kind.URL, "'smee', 'webhook.site', a channel or token URL, or null to stop")
                .example("inbox.relay('smee')")
                .does(RelayWords::relay);
    }

    static String relay(Call c) {
        String url = c.text("url");
        CurrentRelay current = c.dsl().relay("inbox.relay");
        if (url == null) return current.stop() ? "relay stopped; inbox.url is " + current.address() : "no relay in use";
        try {
            Relay r = current.use(url);
            return "relaying the " + r.address().kind() + " " + r.publicUrl() + " to the inbox; inbox.url is now "
                    + "this address";
        } catch (RelayException e) {
            throw new DslException(e.getMessage());
        }
    }
}
