package io.tabhook.cli;

import picocli.CommandLine.Option;

/** {@code --relay}: for the shell, {@code -e}, {@code run}, a FILE (through {@link ServerOptions}) and {@code inbox}. */
public class RelayOptions {
    @Option(names = "--relay", paramLabel = "URL", converter = Converters.RelayAddress.class,
            description = "receive deliveries through a public relay, as a real site needs: a smee channel "
                    + "(https://smee.io/CHANNEL; `smee` makes one) or a webhook.site address "
                    + "(https://webhook.site/TOKEN-ID; `webhook.site` makes one, its API key from WEBHOOK_SITE_API_KEY); "
                    + "its public address becomes inbox.url")
    String relay;
}
