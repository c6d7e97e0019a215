/**
 * The small things every part of tabhook shares, each a class named for what it is: {@link io.tabhook.OneLine}
 * (failure text on one line), {@link io.tabhook.NoConnection} (unknown host or connection refused),
 * {@link io.tabhook.Causes} (what a wrapped failure is underneath), {@link io.tabhook.Printable} (outside text made
 * safe for a terminal), {@link io.tabhook.HumanDuration} ("10 s", "1.5 s", "2 min"), {@link io.tabhook.BoundedBody}
 * (a body read up to a limit), {@link io.tabhook.Loopback} (is this host this machine), {@link io.tabhook.Jackson}
 * (the one Jackson mapper, made on first use), {@link io.tabhook.DaemonThreads} and {@link io.tabhook.OwnerOnly}
 * (files and folders only their owner can read), {@link io.tabhook.WebPage} (the browser pages' files and headers). The secrets policy is
 * {@link io.tabhook.api.Secrets}; content type to wire format is {@link io.tabhook.api.WireFormat#ofMediaType}.
 * Nothing here knows about any other tabhook package.
 */
package io.tabhook;
