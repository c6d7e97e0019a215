package io.tabhook.client;

import io.tabhook.api.TableauError;
import io.tabhook.api.Webhook;
import io.tabhook.api.WebhookSpec;
import io.tabhook.client.CloudSite.Hook;
import io.tabhook.client.FixtureServer.Reply;
import io.tabhook.client.FixtureServer.Seen;
import io.tabhook.events.EventType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.tabhook.client.CloudSite.doneThen;
import static io.tabhook.client.CloudSite.doneThenDropped;
import static io.tabhook.client.CloudSite.instead;
import static io.tabhook.client.CloudSite.webhooks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server that cannot answer now (429, 500, 502, 503, 504, a dropped connection) gets the call again, waiting as it
 * asks or longer each time, until the time for tries runs out; a create is never sent again before the webhooks
 * are searched for what the failed try made.
 */
class RetriesTest {
    private static final String URL = "https://hooks.example.com/tableau";
    private final CloudSite site = new CloudSite();
    private final List<String> notices = new CopyOnWriteArrayList<>();
    private final TableauClient client = site.client(null, notices::add);

    @AfterEach
    void stop() { site.close(); }

    private List<Seen> lists() {
        return site.seen("GET", webhooks());
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504})
    void aServerErrorOnAGetIsTriedAgain(int status) {
        site.add("notify", EventType.WORKBOOK_CREATED, URL);
        site.next("GET", webhooks(), instead(Reply.body(status, "text/html", "<html><body>try later</body></html>")));
        assertEquals(1, client.listWebhooks().size());
        assertEquals(2, lists().size());
    }

    @Test
    void a503ThenSuccessIsTheSuccess() {
        site.next("GET", webhooks(), instead(Reply.body(503, "application/xml", "<tsResponse xmlns=\"http://tableau.com/api\">"
                + "<error code=\"503000\"><summary>Service Unavailable</summary></error></tsResponse>")),
                instead(Reply.empty(503)));
        site.add("notify", EventType.WORKBOOK_CREATED, URL);
        assertEquals("notify", client.listWebhooks().get(0).name());
        assertEquals(3, lists().size());
    }

    @Test
    void a429WaitsTheSecondsItsRetryAfterAsks() {
        site.next("GET", webhooks(), instead(Reply.empty(429).header("Retry-After", "1")));
        client.listWebhooks();
        assertWaitedAtLeast(Duration.ofSeconds(1), lists());
        assertTrue(client.lastExchange().orElseThrow().note().contains("(Retry-After)"),
                client.lastExchange().orElseThrow().note());
    }

    @Test
    void a429WaitsUntilTheHttpDateItsRetryAfterNames() {
        // HTTP dates count whole seconds (the server's Date header too): two seconds ahead is at least one of waiting.
        ZonedDateTime inTwoSeconds = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2);
        site.next("GET", webhooks(), instead(Reply.empty(429)
                .header("Retry-After", DateTimeFormatter.RFC_1123_DATE_TIME.format(inTwoSeconds))));
        client.listWebhooks();
        assertWaitedAtLeast(Duration.ofSeconds(1), lists());
    }

    @Test
    void aRetryAfterLongerThanTheTimeForTriesGivesUpAtOnceSayingSo() {
        site.next("GET", webhooks(), instead(Reply.empty(429).header("Retry-After", "3600")));
        GaveUp e = assertThrows(GaveUp.class, client::listWebhooks);
        assertEquals(1, lists().size());
        assertTrue(e.getMessage().startsWith("gave up after 1 try over "), e.getMessage());
        assertTrue(e.getMessage().contains("the server asked to wait 1 h, past the 5 s tries may take"), e.getMessage());
        assertTrue(e.getMessage().contains("HTTP 429 Too Many Requests"), e.getMessage());
    }

    @Test
    void aConnectionDroppedMidAnswerOnAGetIsTriedAgain() {
        site.add("notify", EventType.WORKBOOK_CREATED, URL);
        site.next("GET", webhooks(), doneThenDropped());
        assertEquals(1, client.listWebhooks().size());
        assertEquals(2, lists().size());
    }

    @Test
    void aConnectionThatKeepsDroppingEndsInOneLineWithTriesAndTime() {
        site.next("GET", webhooks(), java.util.stream.IntStream.range(0, 500).mapToObj(i -> doneThenDropped())
                .toArray(CloudSite.Fault[]::new));
        TableauClient quick = TableauClient.builder(site.server.uri()).version(CloudSite.V)
                .retries(FixtureServer.QUICK).build();
        quick.signIn(io.tabhook.api.SignInRequest.password("admin", "s3cret", ""));
        GaveUp e = assertThrows(GaveUp.class, quick::listWebhooks);
        assertTrue(e.tries() > 1 && e.tries() == lists().size(), e.getMessage());
        TableauConnectionException last = assertInstanceOf(TableauConnectionException.class, e.lastFailure());
        assertTrue(last.dropped());
        assertTrue(e.getMessage().matches("gave up after " + e.tries() + " tries over [0-9.]+ (ms|s): the connection to "
                + "http://127\\.0\\.0\\.1:\\d+ dropped before the whole answer to GET .*/webhooks came \\(.*\\)"),
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void aDroppedCreateIsFoundByTheLookUpAndNotMadeTwice() {
        site.next("POST", webhooks(), doneThenDropped());
        Webhook w = client.createWebhook(WebhookSpec.create("notify", EventType.WORKBOOK_CREATED, URL));

        assertEquals(1, site.hooks.size(), "exactly one webhook made");
        assertEquals(site.hooks.get(0).id(), w.id(), "the one the dropped try made is the result");
        assertEquals(1, site.seen("POST", webhooks()).size(), "the create was not sent again");
        assertEquals(2, lists().size(), "listed before the create, and after it failed");
        assertEquals(1, notices.size(), notices.toString());
        assertTrue(notices.get(0).contains("not created twice"), notices.get(0));
    }

    @Test
    void aCreateThatFailedBeforeMakingAnythingIsSentAgain() {
        site.next("POST", webhooks(), instead(Reply.body(502, "text/html", "<html><body>Bad gateway</body></html>")));
        Webhook w = client.createWebhook(WebhookSpec.create("notify", EventType.WORKBOOK_CREATED, URL));
        assertEquals(1, site.hooks.size());
        assertEquals(site.hooks.get(0).id(), w.id());
        assertEquals(2, site.seen("POST", webhooks()).size());
        assertTrue(notices.isEmpty(), notices.toString());
    }

    @Test
    void aCreateAnsweredWith503AfterItWasMadeIsFoundNotMadeTwice() {
        site.next("POST", webhooks(), doneThen(Reply.empty(503)));
        client.createWebhook(WebhookSpec.create("notify", EventType.WORKBOOK_CREATED, URL));
        assertEquals(1, site.hooks.size());
        assertEquals(1, site.seen("POST", webhooks()).size());
    }

    @Test
    void theLookUpTellsTheNewWebhookFromAnOlderOneOfTheSameNameEventAndUrl() {
        Hook older = site.add("notify", EventType.WORKBOOK_CREATED, URL);
        site.add("notify", EventType.WORKBOOK_CREATED, URL + "/other");
        site.next("POST", webhooks(), doneThenDropped());
        Webhook w = client.createWebhook(WebhookSpec.create("notify", EventType.WORKBOOK_CREATED, URL));
        assertEquals(3, site.hooks.size());
        assertFalse(w.id().equals(older.id()), "not the webhook that was there before");
        assertEquals(site.hooks.get(2).id(), w.id());
    }

    @Test
    void aCreateRefusedWithTableausOwnErrorIsNotTriedAgain() {
        site.next("POST", webhooks(), instead(Reply.body(400, "application/xml", "<tsResponse xmlns=\"http://tableau.com/api\">"
                + "<error code=\"400000\"><summary>Bad Request</summary><detail>no</detail></error></tsResponse>")));
        assertThrows(TableauError.class,
                () -> client.createWebhook(WebhookSpec.create("notify", EventType.WORKBOOK_CREATED, URL)));
        assertEquals(1, site.seen("POST", webhooks()).size());
    }

    @Test
    void aDeleteWhoseAnswerWasLostIsDoneWhenTheNextTryFindsNothing() {
        Hook h = site.add("notify", EventType.WORKBOOK_CREATED, URL);
        site.answerDelete(h.id());
        site.next("DELETE", webhooks() + "/" + h.id(), doneThenDropped());
        client.deleteWebhook(h.id());
        assertTrue(site.hooks.isEmpty());
        assertEquals(2, site.seen("DELETE", webhooks() + "/" + h.id()).size());
    }

    @Test
    void aDeleteOfAWebhookThatIsNotThereStillSaysSo() {
        site.answerDelete("missing");
        TableauError e = assertThrows(TableauError.class, () -> client.deleteWebhook("missing"));
        assertEquals("404002", e.code());
    }

    @Test
    void aSignInIsTriedAgainOnAServerError() {
        site.next("POST", "/api/" + CloudSite.V + "/auth/signin", instead(Reply.empty(503)), doneThenDropped());
        int before = site.seen("POST", "/api/" + CloudSite.V + "/auth/signin").size();
        TableauClient fresh = TableauClient.builder(site.server.uri()).version(CloudSite.V).retries(FixtureServer.QUICK)
                .build();
        fresh.signIn(io.tabhook.api.SignInRequest.password("admin", "s3cret", ""));
        assertTrue(fresh.credentials().isPresent());
        assertEquals(before + 3, site.seen("POST", "/api/" + CloudSite.V + "/auth/signin").size());
    }

    @Test
    void anotherPostIsTriedAgainAfterA429ButNotAfterA503() {
        FixtureServer server = site.server;
        String projects = "/api/" + CloudSite.V + "/sites/" + FixtureServer.SITE_ID + "/projects";
        server.inTurn("POST", projects, Reply.empty(429).header("Retry-After", "0"), Reply.empty(503),
                Reply.fixture(201, "project-response.xml"));
        // 429: refused undone, so sent again; 503: maybe done, so said, not repeated.
        NotTableauAnswer e = assertThrows(NotTableauAnswer.class,
                () -> client.createProject(new io.tabhook.api.Project(null, "p", null, null, null, null, null, null)));
        assertEquals(503, e.status());
        assertEquals(2, site.seen("POST", projects).size());
    }

    @Test
    void withTriesTurnedOffTheFirstFailureIsSaidAsItCame() {
        TableauClient once = TableauClient.builder(site.server.uri()).version(CloudSite.V).retries(Retries.NONE).build();
        site.server.on("GET", "/api/3.9/serverinfo", Reply.empty(503));
        NotTableauAnswer e = assertThrows(NotTableauAnswer.class, once::serverInfo);
        assertEquals(503, e.status());
        assertEquals(1, site.seen("GET", "/api/3.9/serverinfo").size());
    }

    @Test
    void tenWebhooksAreCreatedListedTestedAndDeletedThroughFaultsExactlyOnceEach() {
        // What the sandbox's --faults error-rate=0.3,rate-limit=0.1,expire-tokens=… is to prove, against this site.
        site.chaos(new CloudSite.Chaos(0.3, 0.1, Duration.ofMillis(300), new java.util.Random(33)));
        io.tabhook.api.SignInRequest pat = io.tabhook.api.SignInRequest.personalAccessToken("ci", "s3cret", "");
        TableauClient[] self = new TableauClient[1];
        self[0] = TableauClient.builder(site.server.uri()).version(CloudSite.V).retries(CloudSite.TRIES)
                .signInAgain(() -> self[0].signIn(pat)).notices(notices::add).build();
        TableauClient renewing = self[0];
        renewing.signIn(pat);

        List<Webhook> created = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            created.add(renewing.createWebhook(WebhookSpec.create("hook-" + i, EventType.WORKBOOK_CREATED, URL + i)));
        }
        assertEquals(10, renewing.listWebhooks().size());
        for (Webhook w : created) assertEquals(200, renewing.testWebhook(w.id()).status());
        for (Webhook w : created) renewing.deleteWebhook(w.id());

        assertEquals(10, site.made.get(), "exactly ten made, none twice");
        assertTrue(site.hooks.isEmpty(), "none left over: " + site.hooks);
        assertEquals(10, created.stream().map(Webhook::id).distinct().count());
        // 1 sign-in, 10 look-ups before and 10 creates, 1 list, 10 tests, 10 deletes: the rest were tries and renewals.
        assertTrue(site.server.seen().size() > 42, "faults happened: " + site.server.seen().size() + " requests");
    }

    /** The second request came at least {@code wait} after the first, by the server's clock. */
    private static void assertWaitedAtLeast(Duration wait, List<Seen> requests) {
        assertEquals(2, requests.size(), "one try after the 429");
        Duration between = Duration.between(requests.get(0).at(), requests.get(1).at());
        assertTrue(between.compareTo(wait) >= 0, "waited only " + between);
    }
}
