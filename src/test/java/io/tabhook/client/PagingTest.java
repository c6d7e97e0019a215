package io.tabhook.client;

import io.tabhook.api.SiteUser;
import io.tabhook.api.WireFormat;
import io.tabhook.client.FixtureServer.Reply;
import io.tabhook.client.FixtureServer.Seen;
import io.tabhook.events.EventType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static io.tabhook.client.FixtureServer.V3_9;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Lists are read whole: every page {@code <pagination>} says there is, in the page size the server gives. */
class PagingTest {
    private static final String USERS = "/api/3.9/sites/" + FixtureServer.SITE_ID + "/users";
    private final FixtureServer server = FixtureServer.start();

    @AfterEach
    void stop() { server.close(); }

    /** Get Users on Site as documented ("Paginating Results"), {@code size} to a page out of {@code total}. */
    private static Reply usersPage(Seen s, int size, int total) {
        int page = CloudSite.query(s, "pageNumber", 1);
        StringBuilder body = new StringBuilder("<tsResponse xmlns=\"http://tableau.com/api\"><pagination pageNumber=\""
                + page + "\" pageSize=\"" + size + "\" totalAvailable=\"" + total + "\"/><users>");
        IntStream.range((page - 1) * size, Math.min(page * size, total)).forEach(i -> body.append("<user id=\"u-")
                .append(i).append("\" name=\"user").append(i).append("\" siteRole=\"Viewer\"/>"));
        return Reply.body(200, "application/xml", body.append("</users></tsResponse>").toString());
    }

    @Test
    void everyPageOfAPagedListIsRead() {
        TableauClient client = server.signedIn(WireFormat.XML, V3_9);
        server.on("GET", USERS, s -> usersPage(s, 1000, 2500));
        List<SiteUser> users = client.listUsers();
        assertEquals(2500, users.size());
        assertEquals("user2499", users.get(2499).name());
        assertEquals(List.of("pageSize=1000&pageNumber=1", "pageSize=1000&pageNumber=2", "pageSize=1000&pageNumber=3"),
                server.seen().stream().filter(s -> s.path().equals(USERS)).map(Seen::query).toList());
    }

    @Test
    void aServerThatGivesFewerThanAskedIsAskedInItsOwnPageSize() {
        TableauClient client = server.signedIn(WireFormat.XML, V3_9);
        server.on("GET", USERS, s -> usersPage(s, 100, 250));
        assertEquals(250, client.listUsers().size());
        assertEquals(List.of("pageSize=1000&pageNumber=1", "pageSize=100&pageNumber=2", "pageSize=100&pageNumber=3"),
                server.seen().stream().filter(s -> s.path().equals(USERS)).map(Seen::query).toList());
    }

    @Test
    void aServerThatKeepsSendingTheFirstPageIsNotAskedForever() {
        TableauClient client = server.signedIn(WireFormat.XML, V3_9);
        server.on("GET", USERS, s -> usersPage(new Seen(s.method(), s.path(), null, s.headers(), s.body(), s.at()), 2, 5));
        assertEquals(6, client.listUsers().size(), "three pages, as many as 5 in pages of 2 take");
    }

    @Test
    void webhooksAreAskedForAsDocumentedAndTheirPagesFollowedWhenAServerSendsThem() {
        try (CloudSite site = new CloudSite()) {
            TableauClient client = site.client(null, line -> { });
            for (int i = 0; i < 5; i++) site.add("hook-" + i, EventType.WORKBOOK_CREATED, "https://hooks.example.com/" + i);
            site.pageSize(2);
            assertEquals(List.of("hook-0", "hook-1", "hook-2", "hook-3", "hook-4"),
                    client.listWebhooks().stream().map(io.tabhook.api.Webhook::name).toList());
            List<String> queries = site.seen("GET", CloudSite.webhooks()).stream().map(Seen::query).toList();
            assertNull(queries.get(0), "the first request as documented, without paging");
            assertEquals(List.of("pageSize=2&pageNumber=2", "pageSize=2&pageNumber=3"), queries.subList(1, 3));
        }
    }
}
