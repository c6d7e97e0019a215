/**
 * The Tableau REST wire contract: request and response models, one neutral element tree with its XML and JSON
 * codecs, API versions and the Tableau error type. Knows nothing of HTTP or the shell.
 */
package io.tabhook.api;
