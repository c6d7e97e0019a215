package io.tabhook.relay;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

/**
 * Where the relay services are and how to talk to them: the smee server that {@code --relay smee} makes a channel on,
 * the webhook.site server that {@code --relay webhook.site} makes a token on (both {@code https://} by default, another
 * server through {@value #SMEE_URL} and {@value #WEBHOOK_SITE_URL}), the API key of a paid webhook.site token (from
 * {@value #API_KEY}; a secret, never shown), and where a webhook.site relay keeps its place (beside the journal).
 */
public final class RelaySettings {
    public static final String SMEE_URL = "TABHOOK_SMEE_URL";
    public static final String WEBHOOK_SITE_URL = "TABHOOK_WEBHOOK_SITE_URL";
    public static final String API_KEY = "WEBHOOK_SITE_API_KEY";
    static final URI SMEE = URI.create("https://smee.io");
    static final URI WEBHOOK_SITE = URI.create("https://webhook.site");

    private final URI smee;
    private final URI webhookSite;
    private final String apiKey;
    private final Path place;
    private final Duration pollEvery;

    private RelaySettings(URI smee, URI webhookSite, String apiKey, Path place, Duration pollEvery) {
        // null: the variable named no http(s) URL, which is said when a relay needs it
        this.smee = smee;
        this.webhookSite = webhookSite;
        this.apiKey = apiKey;
        this.place = place;
        this.pollEvery = pollEvery;
    }

    /** From the environment: the two servers, the API key; no place kept until {@link #placeBeside} says where. */
    public static RelaySettings from(Function<String, String> environment) {
        return new RelaySettings(base(environment.apply(SMEE_URL), SMEE),
                base(environment.apply(WEBHOOK_SITE_URL), WEBHOOK_SITE), blankToNull(environment.apply(API_KEY)),
                null, Duration.ofSeconds(1));
    }

    /**
     * These settings with a webhook.site relay's place kept in {@code JOURNAL.relay} beside the journal, so a restart
     * on the same journal resumes where the last one stopped; null (no journal) keeps it in memory only.
     */
    public RelaySettings placeBeside(Path journal) {
        Path file = journal == null ? null : journal.resolveSibling(journal.getFileName() + ".relay");
        return new RelaySettings(smee, webhookSite, apiKey, file, pollEvery);
    }

    URI smee() { return given(smee, SMEE_URL); }

    URI webhookSite() { return given(webhookSite, WEBHOOK_SITE_URL); }

    /** The webhook.site server, or null when its variable names no URL: to recognise its addresses by. */
    URI webhookSiteIfGiven() { return webhookSite; }

    private static URI given(URI base, String variable) {
        if (base == null) throw new RelayException("relay: " + variable + " is not an http(s) URL");
        return base;
    }

    /** The API key for webhook.site, or null. A secret: sent only as webhook.site's {@code Api-Key} header. */
    String apiKey() { return apiKey; }

    /** Where a webhook.site relay keeps its place, or null. */
    Path place() { return place; }

    /** How often a webhook.site relay asks for new requests: once a second, half of what webhook.site allows. */
    Duration pollEvery() { return pollEvery; }

    private static URI base(String value, URI otherwise) {
        String v = blankToNull(value);
        if (v == null) return otherwise;
        try {
            URI u = new URI(v.replaceAll("/+$", ""));
            return u.getHost() != null && ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) ? u : null;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Never the API key itself. */
    @Override
    public String toString() {
        return "relays (smee " + smee + ", webhook.site " + webhookSite + (apiKey != null ? ", with an API key" : "") + ")";
    }
}
