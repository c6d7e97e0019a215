/**
 * The inbox: receives webhook deliveries over HTTP, journals each one before acknowledging it, wakes whoever
 * waits for a matching delivery, and optionally forwards each one to another URL.
 */
package io.tabhook.inbox;
