/**
 * {@link io.tabhook.client.TableauClient}: one typed method per Tableau webhooks REST call over java.net.http, in XML
 * or JSON, with version gating, timeouts, typed errors and a redacted trace of every exchange.
 */
package io.tabhook.client;
