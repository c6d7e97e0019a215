package io.tabhook.client;

import io.tabhook.api.Credentials;
import io.tabhook.api.SignInRequest;
import io.tabhook.api.TableauError;
import io.tabhook.api.WebhookSpec;
import io.tabhook.client.FixtureServer.Seen;
import io.tabhook.events.EventType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static io.tabhook.client.CloudSite.webhooks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tableau Cloud ends idle sessions (401002): the client signs in once more, repeats the call and says so. */
class ExpiredTokenTest {
    private static final String SIGN_IN = "/api/" + CloudSite.V + "/auth/signin";
    private final CloudSite site = new CloudSite();
    private final List<String> notices = new CopyOnWriteArrayList<>();
    private final AtomicInteger signedInAgain = new AtomicInteger();
    private TableauClient client;

    @AfterEach
    void stop() { site.close(); }

    /** A client whose session signs in again with the password it holds, as session.Session does. */
    private TableauClient client() {
        client = site.client(() -> {
            signedInAgain.incrementAndGet();
            return client.signIn(SignInRequest.password("admin", "s3cret", ""));
        }, notices::add);
        return client;
    }

    @Test
    void a401002MidSessionSignsInOnceMoreRepeatsTheCallAndSaysSo() {
        TableauClient c = client();
        String oldToken = c.credentials().orElseThrow().token();
        site.add("notify", EventType.WORKBOOK_CREATED, "https://hooks.example.com/a");
        site.expireTokens();

        assertEquals(1, c.listWebhooks().size());

        assertEquals(1, signedInAgain.get());
        List<Seen> lists = site.seen("GET", webhooks());
        assertEquals(2, lists.size(), "the call, then the same call again");
        assertEquals(oldToken, CloudSite.token(lists.get(0)));
        assertEquals(c.credentials().orElseThrow().token(), CloudSite.token(lists.get(1)), "with the new token");
        assertNotEquals(oldToken, CloudSite.token(lists.get(1)));
        assertEquals(List.of("the session's token had expired (Tableau 401002): signed in again and repeated GET "
                + "3.9/sites/" + FixtureServer.SITE_ID + "/webhooks"), notices);
        assertEquals("repeated after signing in again: the token had expired (401002)",
                c.lastExchange().orElseThrow().note());
    }

    @Test
    void aCreateRefusedFor401002IsRepeatedOnceSignedInAgainAndMadeOnce() {
        TableauClient c = client();
        site.expireTokens();
        c.createWebhook(WebhookSpec.create("notify", EventType.WORKBOOK_CREATED, "https://hooks.example.com/a"));
        assertEquals(1, site.hooks.size());
        assertEquals(1, signedInAgain.get());
    }

    @Test
    void aTokenThatExpiresAgainAtOnceIsNotRenewedTwice() {
        TableauClient c = client = site.client(() -> {
            signedInAgain.incrementAndGet();
            Credentials again = client.signIn(SignInRequest.password("admin", "s3cret", ""));
            site.expireTokens(); // the new one is dead on arrival
            return again;
        }, notices::add);
        site.expireTokens();
        TableauError e = assertThrows(TableauError.class, c::listWebhooks);
        assertEquals("401002", e.code());
        assertEquals(1, signedInAgain.get());
        assertEquals(2, site.seen("GET", webhooks()).size());
    }

    @Test
    void aTokenThatExpiresAgainWhileTheServerIsBusyIsRenewedAgain() {
        TableauClient c = client();
        site.expireTokens();
        // The renewed token works (the server answers 503, not 401002), and has expired by the next try.
        site.next("GET", webhooks(), new CloudSite.Fault.AsItIs(),
                new CloudSite.Fault.InsteadAndExpire(FixtureServer.Reply.empty(503)));
        // 401002 with the old token; renewal; 503 (and the new token expires); 401002; renewal; the list
        assertEquals(0, c.listWebhooks().size());
        assertEquals(2, signedInAgain.get());
    }

    @Test
    void withNothingToSignInWithTheExpiredTokenIsTheAnswer() {
        TableauClient c = site.client(() -> null, notices::add);
        int signIns = site.seen("POST", SIGN_IN).size();
        site.expireTokens();
        assertEquals("401002", assertThrows(TableauError.class, c::listWebhooks).code());
        assertEquals(signIns, site.seen("POST", SIGN_IN).size());
        assertTrue(notices.isEmpty());
    }

    @Test
    void aSignOutWithAnExpiredTokenDoesNotSignInToSignOut() {
        TableauClient c = client();
        site.server.on("POST", "/api/" + CloudSite.V + "/auth/signout", FixtureServer.Reply.fixture(401, "error-401002.xml"));
        assertThrows(TableauError.class, c::signOut);
        assertEquals(0, signedInAgain.get());
        assertTrue(c.credentials().isEmpty());
    }
}
