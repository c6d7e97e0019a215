package io.tabhook.relay;

import com.fasterxml.jackson.databind.JsonNode;
import io.tabhook.BoundedBody;
import io.tabhook.DaemonThreads;
import io.tabhook.HumanDuration;
import io.tabhook.Jackson;
import io.tabhook.OneLine;
import io.tabhook.client.Retries;
import io.tabhook.inbox.Inbox;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads a webhook.site token's requests through its API and passes each new one on: {@code GET
 * /token/{id}/requests?sorting=oldest&per_page=100&page=N&date_from=…} once a second, at most 100 reads a minute (the
 * API allows 120); a 429 is waited out as long as it asks, and the relay reads half as often from then on. webhook.site keeps what it captured, so after a gap (the service
 * unreachable, tabhook stopped) the relay resumes from the last request it passed on ({@link WebhookSitePlace}) and
 * repeats none. A paid token's {@code Api-Key} comes from {@value RelaySettings#API_KEY} and is sent to webhook.site
 * only, never shown.
 */
final class WebhookSiteRelay extends Relay {
    static final int PER_PAGE = 100;
    /** Reads at most this often: 100 a minute, below webhook.site's 120. */
    private static final Duration SPACING = Duration.ofMillis(600);
    /** At most this many pages a round (10,000 requests: as many as a token keeps). */
    private static final int MOST_PAGES = 100;
    private static final int ANSWER_LIMIT = 64 * 1024 * 1024;
    private static final Duration LONGEST_FIRST_WAIT = Duration.ofSeconds(60);
    private static final String KEPT = "webhook.site keeps what arrives meanwhile";
    private static final Duration SLOWEST = Duration.ofSeconds(8);
    /** A 429 is said once, and again only if it comes back this much later. */
    private static final Duration SAY_SLOW_DOWN_AGAIN = Duration.ofMinutes(10);

    private final HttpClient http;
    private final RelaySettings settings;
    private final WebhookSitePlace place;
    private final Thread poller;
    private long lastReadAt;
    /** How often to read, and how far apart pages are: doubled by each 429, up to {@link #SLOWEST}. */
    private Duration every;
    private Duration spacing = SPACING;
    private long slowDownSaidAt;
    private boolean placeUnsaved;

    private WebhookSiteRelay(RelayAddress address, HttpClient http, Inbox inbox, RelaySettings settings,
                             Consumer<String> notices) {
        super(address, inbox, notices);
        this.http = http;
        this.settings = settings;
        this.place = WebhookSitePlace.load(settings.place(), address.capability());
        this.poller = DaemonThreads.named("tabhook-relay-webhook.site").newThread(this::run);
        this.every = settings.pollEvery();
    }

    /**
     * Reads the token once (a token used for the first time here starts after what it already holds; a known one
     * passes on what arrived since), then keeps reading in the background.
     */
    static WebhookSiteRelay poll(RelayAddress address, HttpClient http, Inbox inbox, RelaySettings settings,
                                 Consumer<String> notices) {
        WebhookSiteRelay relay = new WebhookSiteRelay(address, http, inbox, settings, notices);
        long deadline = System.nanoTime() + LONGEST_FIRST_WAIT.toNanos();
        try {
            while (true) {
                try {
                    relay.firstRead();
                    break;
                } catch (SlowDown s) {
                    if (System.nanoTime() + s.wait.toNanos() > deadline) throw new RelayException("relay: webhook.site "
                            + "asks to wait " + HumanDuration.of(s.wait) + " before reading the " + address.named());
                    Thread.sleep(s.wait.toMillis());
                }
            }
        } catch (IOException e) {
            throw new RelayException("relay: cannot read the " + address.named() + ": " + why(e, address.capability()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RelayException("relay: interrupted while reading the " + address.named());
        }
        relay.poller.start();
        return relay;
    }

    /**
     * A new token: {@code POST /token}. webhook.site makes 10 a minute on the free plan; a 429 is waited out if it
     * asks for a minute or less.
     *
     * @throws RelayException when none is made
     */
    static RelayAddress newToken(HttpClient http, RelaySettings settings) {
        URI url = URI.create(settings.webhookSite() + "/token");
        HttpRequest request = withKey(HttpRequest.newBuilder(url), settings).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        try {
            for (int tries = 1; ; tries++) {
                HttpResponse<byte[]> r = http.send(request, BoundedBody.firstBytes(1024 * 1024));
                if (r.statusCode() == 429) {
                    Duration wait = SlowDown.of(r).wait;
                    if (tries >= 3 || wait.compareTo(LONGEST_FIRST_WAIT) > 0) {
                        throw new RelayException("relay: webhook.site makes 10 new tokens a minute; try again in "
                                + HumanDuration.of(wait) + ", or use the address you made last (--relay "
                                + settings.webhookSite() + "/TOKEN-ID)");
                    }
                    Thread.sleep(wait.toMillis());
                    continue;
                }
                String id = r.statusCode() / 100 == 2 ? json(r.body()).path("uuid").asText("") : "";
                if (id.isEmpty()) {
                    throw new RelayException("relay: " + url + " made no token (HTTP " + r.statusCode() + ")"
                            + hint(r.statusCode(), settings));
                }
                return RelayAddress.parse(settings.webhookSite() + "/" + id, settings);
            }
        } catch (IOException e) {
            throw new RelayException("relay: cannot make a webhook.site token at " + url + ": " + why(e, null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RelayException("relay: interrupted while making a webhook.site token");
        }
    }

    private void run() {
        Backoff backoff = new Backoff();
        while (!closed()) {
            Duration wait;
            try {
                readNew();
                backoff.reset();
                wait = every;
            } catch (SlowDown s) {
                slowDown(s);
                wait = s.wait;
            } catch (IOException e) {
                wentDown(why(e, address.capability()), "trying again; " + KEPT);
                Duration next = backoff.next();
                wait = next.compareTo(every) > 0 ? next : every;
            } catch (InterruptedException e) {
                return;
            }
            if (!pause(wait)) return;
        }
    }

    /** Waits as asked, and reads less often from then on; said once (and again after a long quiet). */
    private void slowDown(SlowDown s) {
        every = min(every.multipliedBy(2), SLOWEST);
        spacing = min(spacing.multipliedBy(2), SLOWEST);
        long now = System.nanoTime();
        if (slowDownSaidAt == 0 || now - slowDownSaidAt > SAY_SLOW_DOWN_AGAIN.toNanos()) {
            slowDownSaidAt = now;
            notice("webhook.site asks to slow down (HTTP 429): reading the " + address.named() + " again in "
                    + HumanDuration.of(s.wait) + ", and every " + HumanDuration.of(every) + " from then on");
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private void firstRead() throws IOException, InterruptedException, SlowDown {
        if (place.known()) {
            readNew();
            return;
        }
        // First use of this token here: what it already holds is not for this inbox; start after it.
        JsonNode newest = read(1, "newest", null).path("data");
        for (JsonNode r : newest) place.passed(r.path("uuid").asText(""), r.path("created_at").asText(null));
        if (!place.known()) place.startAtTheBeginning();
        save();
    }

    /** Passes on every request not passed on yet, oldest first, page by page. */
    private void readNew() throws IOException, InterruptedException, SlowDown {
        String from = place.from();
        for (int page = 1; page <= MOST_PAGES && !closed(); page++) {
            JsonNode answer = read(page, "oldest", from);
            JsonNode data = answer.path("data");
            if (!data.isArray()) throw new IOException("webhook.site answered without a list of requests");
            if (page == 1) cameBack("nothing was lost: webhook.site kept what arrived meanwhile, passed on now");
            for (JsonNode r : data) {
                String id = r.path("uuid").asText("");
                String at = r.path("created_at").asText(null);
                if (id.isEmpty() || !place.isNew(id, at)) continue;
                if (CapturedRequest.isDelivery(r)) pass(CapturedRequest.arrival(r, address.capability(), Instant.now()));
                place.passed(id, at);
                save();
            }
            if (data.size() < PER_PAGE || answer.path("is_last_page").asBoolean(false)) return;
        }
    }

    private void save() {
        try {
            place.save();
            placeUnsaved = false;
        } catch (IOException e) {
            if (!placeUnsaved) notice("cannot keep the relay's place beside the journal (" + OneLine.of(e)
                    + "): after a restart, requests passed on since may be passed on again");
            placeUnsaved = true;
        }
    }

    /** One page of the token's requests, spaced to keep within webhook.site's rate limit. */
    private JsonNode read(int page, String sorting, String from) throws IOException, InterruptedException, SlowDown {
        long wait = lastReadAt + spacing.toNanos() - System.nanoTime();
        if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        StringBuilder url = new StringBuilder(address.service() + "/token/" + address.capability()
                + "/requests?sorting=" + sorting + "&per_page=" + PER_PAGE + "&page=" + page);
        if (from != null) url.append("&date_from=").append(URLEncoder.encode(from, StandardCharsets.UTF_8)
                .replace("+", "%20"));
        HttpRequest request = withKey(HttpRequest.newBuilder(URI.create(url.toString())), settings)
                .timeout(Duration.ofSeconds(30)).header("Accept", "application/json").GET().build();
        HttpResponse<byte[]> r;
        try {
            r = http.send(request, BoundedBody.firstBytes(ANSWER_LIMIT));
        } finally {
            lastReadAt = System.nanoTime();
        }
        if (r.statusCode() == 429) throw SlowDown.of(r);
        if (r.statusCode() != 200) throw new IOException("HTTP " + r.statusCode() + hint(r.statusCode(), settings));
        return json(r.body());
    }

    private static JsonNode json(byte[] body) throws IOException {
        try {
            return Jackson.mapper().readTree(body);
        } catch (IOException e) {
            throw new IOException("webhook.site answered something that is not JSON");
        }
    }

    private static String hint(int status, RelaySettings settings) {
        return switch (status) {
            case 401, 403 -> settings.apiKey() == null
                    ? ": the token needs its API key in " + RelaySettings.API_KEY
                    : ": webhook.site refused the API key in " + RelaySettings.API_KEY;
            case 404 -> ": webhook.site has no such token (free tokens expire after a week); "
                    + "`--relay webhook.site` makes a new one";
            case 410 -> ": the token is full (10,000 requests); `--relay webhook.site` makes a new one";
            default -> "";
        };
    }

    private static HttpRequest.Builder withKey(HttpRequest.Builder b, RelaySettings settings) {
        return settings.apiKey() == null ? b : b.header("Api-Key", settings.apiKey());
    }

    @Override
    void stop() {
        poller.interrupt();
    }

    /** webhook.site answered 429: how long it asks to wait (Retry-After, else its rate-limit reset, else a minute). */
    static final class SlowDown extends Exception {
        final Duration wait;

        private SlowDown(Duration wait) {
            super(null, null, false, false);
            this.wait = wait;
        }

        static SlowDown of(HttpResponse<?> r) {
            var h = r.headers();
            Duration wait = Retries.retryAfter(h.firstValue("Retry-After").orElse(null), h.firstValue("Date").orElse(null),
                    Instant.now()).orElseGet(() -> h.firstValue("X-RateLimit-Reset").filter(v -> v.matches("\\d{1,12}"))
                    .map(v -> Duration.between(Instant.now(), Instant.ofEpochSecond(Long.parseLong(v))))
                    .orElse(Duration.ofMinutes(1)));
            return new SlowDown(wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait);
        }
    }
}
