package io.tabhook.session;

import io.tabhook.api.ApiVersion;
import io.tabhook.api.WireFormat;
import io.tabhook.client.Retries;

import java.net.URI;

/**
 * What the next sign-in uses: server, site, user or PAT name, pinned version, wire format, how long to try. Never a secret: those are
 * asked for, read from the environment, or passed to {@code signIn} and forgotten.
 */
public final class Settings {
    private volatile URI server;
    private volatile String site = "";
    private volatile String user;
    private volatile String patName;
    private volatile ApiVersion version;
    private volatile WireFormat format = WireFormat.XML;
    private volatile java.nio.file.Path caCert;
    private volatile Retries retries = Retries.DEFAULT;

    public URI server() { return server; }
    public Settings server(URI value) { server = value; return this; }
    public String site() { return site; }
    public Settings site(String value) { site = value == null ? "" : value; return this; }
    public String user() { return user; }
    public Settings user(String value) { user = value; return this; }
    public String patName() { return patName; }
    public Settings patName(String value) { patName = value; return this; }
    public ApiVersion version() { return version; }
    public Settings version(ApiVersion value) { version = value; return this; }
    public WireFormat format() { return format; }
    public Settings format(WireFormat value) { format = value == null ? WireFormat.XML : value; return this; }
    /** CA certificates (PEM) trusted besides Java's own, for a server with its own CA; null for none. */
    public java.nio.file.Path caCert() { return caCert; }
    public Settings caCert(java.nio.file.Path value) { caCert = value; return this; }
    /** How long a call the server cannot answer now is tried again ({@code --retry-for}). */
    public Retries retries() { return retries; }
    public Settings retries(Retries value) { retries = value == null ? Retries.DEFAULT : value; return this; }
}
