/**
 * Relays: a public address that feeds the local inbox. Tableau delivers only to a public https URL; a relay service
 * holds one, and a {@link io.tabhook.relay.Relay} reads what reaches it and hands each request to the inbox through
 * {@link io.tabhook.inbox.Inbox#receive}, so relayed deliveries get the same journal, duplicates, waiters, notices and
 * forwarding as direct ones. Two kinds, told apart by the address: smee channels (server-sent events, nothing kept
 * while no one listens) and webhook.site tokens (polled; what was captured is kept, so a gap loses nothing).
 */
package io.tabhook.relay;
