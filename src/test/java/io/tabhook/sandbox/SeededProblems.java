package io.tabhook.sandbox;

import io.tabhook.api.Webhook;

/**
 * Problems a test seeds into a sandbox that its REST API would refuse to create, put straight into its site model
 * (the test-only {@link Sandbox#model()}): the doctor's tests use them as a real server's leftovers.
 */
public final class SeededProblems {
    private SeededProblems() {}

    /**
     * A webhook to {@code url} on the site with this contentUrl, owned by {@code owner}, stored without the checks
     * Create Webhook makes (the sandbox refuses plain http outside this machine at create).
     */
    public static Webhook webhookWithoutChecks(Sandbox sandbox, String contentUrl, String name, String event, String url,
                                               String owner) {
        SiteModel model = sandbox.model();
        String siteId = sandbox.siteId(contentUrl).orElseThrow();
        SiteModel.User user = model.userByName(siteId, owner).orElseThrow();
        return model.addWebhook(siteId, new Webhook(SiteModel.luid(), name, event, true, "", url, user.id(),
                user.name(), null, null));
    }
}
