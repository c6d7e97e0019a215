package io.tabhook.support;

import io.tabhook.api.SignInRequest;
import io.tabhook.api.SiteUser;
import io.tabhook.api.Webhook;
import io.tabhook.api.WebhookSpec;
import io.tabhook.client.TableauClient;
import io.tabhook.client.TlsFixture;
import io.tabhook.events.EventType;
import io.tabhook.inbox.Inbox;
import io.tabhook.inbox.InboxOptions;
import io.tabhook.sandbox.Sandbox;
import io.tabhook.sandbox.SandboxOptions;
import io.tabhook.sandbox.SeededProblems;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real sandbox on loopback whose Default site holds every problem the doctor names, made as a user would make it
 * (over REST), except the plain-http webhook, which the sandbox refuses at create and {@link SeededProblems} puts
 * into its model: a webhook the sandbox disabled after its deliveries failed, one a user disabled, two that send the
 * same event to the same url, two with the same name, one to plain http on a host that is not this machine, one to a
 * host that does not resolve, one to a self-signed certificate, one whose owner was removed (Remove User over REST)
 * and one whose owner is no longer a site administrator; and one healthy webhook. The 'workshop' site holds only a
 * healthy webhook, and the site 'paused' (created here) only a webhook a user disabled.
 */
public final class ProblemSite implements AutoCloseable {
    public final Sandbox sandbox;
    public final Inbox inbox;
    private final TlsFixture selfSigned;

    private ProblemSite(Sandbox sandbox, Inbox inbox, TlsFixture selfSigned) {
        this.sandbox = sandbox;
        this.inbox = inbox;
        this.selfSigned = selfSigned;
    }

    public static ProblemSite start(Path dir) throws Exception {
        Sandbox sandbox = Sandbox.start(SandboxOptions.defaults());
        Inbox inbox = Inbox.start(InboxOptions.defaults());
        java.nio.file.Files.createDirectories(dir);
        TlsFixture tls = TlsFixture.start(dir, "ip:127.0.0.1");
        ProblemSite site = new ProblemSite(sandbox, inbox, tls);
        try {
            site.seed();
        } catch (Exception | AssertionError e) {
            site.close();
            throw e;
        }
        return site;
    }

    private void seed() throws Exception {
        String inboxUrl = inbox.url().toString();
        TableauClient admin = signedIn("admin", "");
        admin.createWebhook(WebhookSpec.create("healthy", EventType.WORKBOOK_UPDATED, inboxUrl));
        admin.createWebhook(WebhookSpec.create("dead-end", EventType.WORKBOOK_CREATED, closedPort()));
        admin.createWebhook(new WebhookSpec("paused", EventType.VIEW_DELETED, inboxUrl, false, "waiting for the new CRM"));
        admin.createWebhook(WebhookSpec.create("twin-a", EventType.DATASOURCE_CREATED, inbox.url().resolve("twins").toString()));
        admin.createWebhook(WebhookSpec.create("twin-b", EventType.DATASOURCE_CREATED, inbox.url().resolve("twins").toString()));
        admin.createWebhook(WebhookSpec.create("same-name", EventType.WORKBOOK_DELETED, inboxUrl));
        admin.createWebhook(WebhookSpec.create("same-name", EventType.DATASOURCE_DELETED, inboxUrl));
        admin.createWebhook(WebhookSpec.create("no-dns", EventType.DATASOURCE_UPDATED, "https://nowhere.invalid/hook"));
        admin.createWebhook(WebhookSpec.create("self-signed", EventType.WORKBOOK_REFRESH_FAILED,
                selfSigned.url() + "/hook"));
        SeededProblems.webhookWithoutChecks(sandbox, "", "plain-http", "DatasourceRefreshFailed",
                "http://192.0.2.10/hook", "admin");

        // An owner removed from the site: siteadmin creates the webhook, the admin removes siteadmin.
        TableauClient siteAdmin = signedIn("siteadmin", "");
        siteAdmin.createWebhook(WebhookSpec.create("orphan", EventType.SITE_UPDATED, inboxUrl));
        admin.removeUser(user(admin, "siteadmin").id(), null);

        // An owner demoted: analyst, a site administrator for a while, creates the webhook and is made Explorer again.
        SiteUser analyst = user(admin, "analyst");
        admin.updateUser(analyst.id(), "SiteAdministratorExplorer", null, null);
        signedIn("analyst", "").createWebhook(WebhookSpec.create("demoted-owner", EventType.LABEL_CREATED, inboxUrl));
        admin.updateUser(analyst.id(), "Explorer", null, null);

        // The sandbox disables dead-end after four failed attempts at delivering WorkbookCreated.
        sandbox.activity().createWorkbook("", "Nobody Hears");
        if (!sandbox.deliveries().awaitIdle(Duration.ofSeconds(30))) throw new AssertionError("deliveries never ended");
        if (webhook(admin, "dead-end").isEnabled()) throw new AssertionError("dead-end was not disabled");

        TableauClient workshop = signedIn("admin", "workshop");
        workshop.createWebhook(WebhookSpec.create("healthy", EventType.WORKBOOK_CREATED, inboxUrl));
        admin.createSite("Paused", "paused");
        signedIn("admin", "paused").createWebhook(new WebhookSpec("paused", EventType.WORKBOOK_CREATED, inboxUrl,
                false, null));
    }

    /** A client of the sandbox signed in to a site (contentUrl) as a demo user, whose password is the user's name. */
    public TableauClient signedIn(String user, String site) {
        TableauClient c = TableauClient.builder(sandbox.baseUrl()).build();
        c.signIn(SignInRequest.password(user, user, site));
        return c;
    }

    /** The site's webhooks as the REST API lists them (to compare before and after). */
    public List<Webhook> webhooks(String site) {
        return signedIn("admin", site).listWebhooks();
    }

    public static Webhook webhook(TableauClient c, String name) {
        return c.listWebhooks().stream().filter(w -> w.name().equals(name)).findFirst().orElseThrow();
    }

    private static SiteUser user(TableauClient c, String name) {
        return c.listUsers().stream().filter(u -> u.name().equals(name)).findFirst().orElseThrow();
    }

    /** A loopback URL where nothing listens: every delivery is refused at once. */
    private static String closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + s.getLocalPort() + "/automation";
        }
    }

    public URI server() {
        return sandbox.baseUrl();
    }

    @Override
    public void close() {
        selfSigned.close();
        inbox.close();
        sandbox.close();
    }
}
