package io.tabhook.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sandbox page's data over plain HTTP (issue 14): {@code GET /sandbox} answers a browser the page and everyone else
 * the JSON as before; {@code GET /sandbox/webhooks} lists every site's webhooks with why one is disabled.
 */
class SandboxPageRoutesTest extends FreshSandboxTest {
    @Override
    String signInSite() {
        return "";
    }

    private Caller anyone() {
        return new Caller(sandbox.baseUrl());
    }

    @Test
    void aBrowserGetsThePageAndJsonCallersTheDescriptionAsBefore() {
        Caller.Answer page = anyone().send("GET", "/sandbox", null, "Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
        assertEquals(200, page.status());
        assertTrue(page.header("Content-Type").startsWith("text/html"), page.header("Content-Type"));
        assertTrue(page.body().contains("<title>tabhook sandbox</title>"), page.body());
        assertTrue(page.header("Content-Security-Policy").contains("default-src 'none'"));
        for (String accept : new String[] {"application/json", "*/*"}) {
            Caller.Answer json = anyone().send("GET", "/sandbox", null, "Accept", accept);
            assertEquals(200, json.status());
            assertTrue(json.header("Content-Type").startsWith("application/json"), accept);
            assertTrue(json.json().has("sites"), json.body());
        }
        for (String file : new String[] {"page.css", "page.js", "sandbox.js"}) {
            assertEquals(200, anyone().send("GET", "/sandbox/" + file, null).status(), file);
        }
        assertEquals(404, anyone().send("GET", "/sandbox/inbox.js", null).status(), "only the sandbox's own page files");
    }

    @Test
    void theWebhooksListSaysWhichSiteEachIsOnAndWhyOneWasDisabled() throws Exception {
        try (Destination failing = Destination.answering(500, "down")) {
            String broken = admin.createWebhook("broken", "WorkbookCreated", failing.url());
            Caller workshop = Caller.signedIn(sandbox, Demo.ADMIN_USER, Demo.ADMIN_PASSWORD, Demo.WORKSHOP_SITE);
            workshop.createWebhook("there", "DatasourceCreated", dest.url());
            sandbox.activity().createWorkbook("", "Stops");
            assertTrue(sandbox.deliveries().awaitIdle(Duration.ofSeconds(30)));

            Caller.Answer answer = anyone().getJson("/sandbox/webhooks");
            assertEquals(200, answer.status());
            JsonNode hooks = answer.json();
            assertEquals(2, hooks.size(), hooks.toString());
            JsonNode b = hooks.get(0).get("id").asText().equals(broken) ? hooks.get(0) : hooks.get(1);
            JsonNode t = b == hooks.get(0) ? hooks.get(1) : hooks.get(0);
            assertEquals("", b.get("site").asText());
            assertEquals("Default", b.get("siteName").asText());
            assertFalse(b.get("isEnabled").asBoolean());
            assertEquals("Disabled after 4 failed delivery attempts: HTTP 500", b.get("statusChangeReason").asText());
            assertEquals(failing.url(), b.get("url").asText());
            assertEquals("workshop", t.get("site").asText());
            assertTrue(t.get("isEnabled").asBoolean());
            assertEquals(405, anyone().send("POST", "/sandbox/webhooks", "{}").status());
        }
    }
}
