package io.tabhook.cli;

import io.tabhook.api.ApiVersion;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the jar's version and the newest REST API version tabhook knows. */
public class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"tabhook " + (v == null ? "dev" : v) + " (Tableau REST API up to " + ApiVersion.LATEST + ")"};
    }
}
