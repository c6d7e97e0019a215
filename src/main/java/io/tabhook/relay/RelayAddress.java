package io.tabhook.relay;

import io.tabhook.api.Secrets;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A relay's public address, as Tableau is given it, and what it takes to read what reaches it. The address is a
 * capability (whoever has it can read the deliveries), so it is shown to the user and nowhere else: {@link #shown()}
 * is how logs, notices and errors name it.
 *
 * @param kind       a smee channel or a webhook.site token
 * @param publicUrl  where Tableau delivers: the channel's URL, or the token's URL (any path below it is captured too)
 * @param capability the channel name or the token's id: the part that must not be shown
 * @param service    a smee channel's event stream (the channel URL itself); the root of webhook.site's API
 */
public record RelayAddress(Kind kind, URI publicUrl, String capability, URI service) {

    public enum Kind {
        SMEE("smee channel"), WEBHOOK_SITE("webhook.site token");

        private final String shown;

        Kind(String shown) {
            this.shown = shown;
        }

        /** As people say it: {@code smee channel}, {@code webhook.site token}. */
        @Override
        public String toString() {
            return shown;
        }
    }

    /** smee's own rule for a channel name (lib/server.js). */
    private static final Pattern CHANNEL = Pattern.compile("[a-zA-Z0-9_-]{1,128}");
    private static final Pattern TOKEN = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    static final String KINDS = "a smee channel (https://smee.io/CHANNEL; `smee` makes one) or a webhook.site "
            + "address (https://webhook.site/TOKEN-ID; `webhook.site` makes one)";

    /**
     * The relay an address names: a webhook.site token when the host is webhook.site (or the configured webhook.site
     * server), else a smee channel (smee.io or a smee server of your own, at any URL).
     *
     * @throws RelayException when it is neither, in one line that says what would be
     */
    static RelayAddress parse(String text, RelaySettings settings) {
        URI u = url(text);
        if (isWebhookSite(u, settings)) return webhookSite(u, settings);
        String path = u.getRawPath() == null ? "" : u.getRawPath().replaceAll("/+$", "");
        String channel = path.substring(path.lastIndexOf('/') + 1);
        if (channel.isEmpty() || !CHANNEL.matcher(channel).matches()) {
            throw new RelayException("relay: " + Secrets.redactUrl(u.getScheme() + "://" + u.getRawAuthority())
                    + "… names no channel; give " + KINDS);
        }
        URI channelUrl = URI.create(u.getScheme() + "://" + u.getRawAuthority() + path);
        return new RelayAddress(Kind.SMEE, channelUrl, channel, channelUrl);
    }

    /** An http(s) URL, or a one-line refusal that does not repeat what was typed (it may be a capability). */
    static URI url(String text) {
        try {
            URI u = new URI(text.strip());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (u.getHost() != null && (scheme.equals("http") || scheme.equals("https"))) return u;
        } catch (URISyntaxException e) {
            // said below
        }
        throw new RelayException("relay: not an http(s) URL; give " + KINDS);
    }

    private static boolean isWebhookSite(URI u, RelaySettings settings) {
        String host = u.getHost().toLowerCase(Locale.ROOT);
        if (host.equals("webhook.site") || host.endsWith(".webhook.site")) return true;
        URI base = settings.webhookSiteIfGiven();
        return base != null && host.equalsIgnoreCase(base.getHost()) && port(u) == port(base)
                && (u.getRawPath() == null ? "" : u.getRawPath()).startsWith(base.getRawPath() == null ? "" : base.getRawPath());
    }

    private static RelayAddress webhookSite(URI u, RelaySettings settings) {
        String host = u.getHost().toLowerCase(Locale.ROOT);
        String sub = host.endsWith(".webhook.site") ? host.substring(0, host.length() - ".webhook.site".length()) : "";
        boolean ours = host.equals("webhook.site") || !sub.isEmpty();
        URI api = ours ? RelaySettings.WEBHOOK_SITE : settings.webhookSite();
        String rest = (u.getRawPath() == null ? "" : u.getRawPath()).substring(ours ? 0
                : (api.getRawPath() == null ? 0 : api.getRawPath().length()));
        String token = TOKEN.matcher(sub).matches() ? sub : rest.replaceFirst("^/+", "").split("/", 2)[0];
        if (!TOKEN.matcher(token).matches()) {
            throw new RelayException("relay: a webhook.site address is " + api + "/TOKEN-ID, the token's id (an alias "
                    + "cannot be read back); `--relay webhook.site` makes a new token");
        }
        URI shown = URI.create(u.getScheme() + "://" + u.getRawAuthority()
                + (u.getRawPath() == null ? "" : u.getRawPath().replaceAll("/+$", "")));
        return new RelayAddress(Kind.WEBHOOK_SITE, shown, token, api);
    }

    private static int port(URI u) {
        return u.getPort() != -1 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    /** The address as logs, notices and errors may show it: {@code https://smee.io/aB3x…(16 chars)}. */
    public String shown() {
        String url = publicUrl.toString();
        if (kind == Kind.WEBHOOK_SITE) return url.replace(capability, Secrets.mask(capability)); // a UUID, wherever it stands
        // a smee channel is the path's last segment; its letters may recur in the host (channel 'x', example.com)
        int at = url.lastIndexOf(capability);
        return url.substring(0, at) + Secrets.mask(capability) + url.substring(at + capability.length());
    }

    /** {@code smee channel https://smee.io/aB3x…(16 chars)}: the relay as a log line names it. */
    public String named() {
        return kind + " " + shown();
    }

    @Override
    public String toString() {
        return named();
    }
}
