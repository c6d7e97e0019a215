/**
 * The catalogue of Tableau webhook events: the 22 events with their friendly names, source element names,
 * payload resource and first API version, and parsing of every spelling a user meets.
 */
package io.tabhook.events;
