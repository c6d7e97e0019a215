/**
 * {@link io.tabhook.client.TableauClient}: one typed method per Tableau REST call over java.net.http — the webhook
 * calls and those around them (users, sites, jobs, tasks, data quality warnings, views) — in XML or JSON, with version
 * gating, timeouts, typed errors and a redacted trace of every exchange; below every call, what Tableau Cloud needs:
 * redirects followed, calls tried again when the server cannot answer now, an expired token renewed, every page read.
 */
package io.tabhook.client;
