/**
 * What support engineers use: the {@link io.tabhook.support.Doctor}'s checks of a server, a sign-in and a site's
 * webhooks ({@link io.tabhook.support.DoctorReport}), a test call to each webhook
 * ({@link io.tabhook.support.TestedWebhook}), and the webhook file that moves webhooks between sites
 * ({@link io.tabhook.support.WebhookFile}, {@link io.tabhook.support.WebhookImport}). The words and commands over
 * them are in {@code dsl} and {@code cli}; nothing here knows Groovy or JLine.
 */
package io.tabhook.support;
