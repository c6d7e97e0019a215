/**
 * The signed-in state: server, API version, site, site id, user, token and wire format, plus the site's webhooks
 * cached for completion, and secrets given during the session ({@link io.tabhook.session.GivenSecrets}), the sign-in
 * that made it among them, to renew a token that expired. Secrets live only in memory and are masked wherever
 * anything is shown.
 */
package io.tabhook.session;
