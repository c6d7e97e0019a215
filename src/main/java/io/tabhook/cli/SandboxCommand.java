package io.tabhook.cli;

import io.tabhook.sandbox.Demo;
import io.tabhook.sandbox.Sandbox;
import io.tabhook.sandbox.SandboxOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code tabhook sandbox}: runs the Tableau REST emulator until Ctrl-C. */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = "Run the Tableau REST sandbox (webhooks API, demo sites, event deliveries) until Ctrl-C.")
public class SandboxCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "N", description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port = 0;

    @Option(names = "--bind", paramLabel = "ADDR", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind = "127.0.0.1";

    @Option(names = "--token-ttl", paramLabel = "MINUTES", description = "Sign-in token lifetime in minutes (default: ${DEFAULT-VALUE}).")
    long tokenTtlMinutes = 240;

    @Option(names = "--retry-backoff", paramLabel = "MS", description = "First retry delay of a failed delivery in ms; doubles per retry (default: ${DEFAULT-VALUE}).")
    long retryBackoffMillis = 200;

    @Option(names = "--delivery-connect-timeout", paramLabel = "MS", description = "How long a delivery may take to connect, in ms; Tableau Server's default (default: ${DEFAULT-VALUE}).")
    long deliveryConnectMillis = 5000;

    @Option(names = "--delivery-read-timeout", paramLabel = "MS", description = "How long a delivery may then wait for the answer, in ms; Tableau Server's default (default: ${DEFAULT-VALUE}).")
    long deliveryReadMillis = 3000;

    @Override
    public Integer call() throws Exception {
        SandboxOptions options = SandboxOptions.defaults()
                .withPort(port)
                .withBind(bind)
                .withTokenTtl(Duration.ofMinutes(tokenTtlMinutes))
                .withRetryBackoff(Duration.ofMillis(retryBackoffMillis))
                .withDeliveryConnectTimeout(Duration.ofMillis(deliveryConnectMillis))
                .withDeliveryReadTimeout(Duration.ofMillis(deliveryReadMillis));
        Sandbox sandbox = Sandbox.start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close, "sandbox-shutdown"));
        TabhookCommand.keepRunning();
        String url = sandbox.baseUrl().toString();
        System.out.println("tabhook sandbox listening on " + url);
        System.out.println("  sites:  Default (contentUrl \"\") and " + Demo.WORKSHOP_SITE);
        System.out.println("  users:  " + Demo.ADMIN_USER + "/" + Demo.ADMIN_PASSWORD + " (server administrator), "
                + Demo.SITE_ADMIN_USER + "/" + Demo.SITE_ADMIN_PASSWORD + " (site administrator), "
                + Demo.VIEWER_USER + "/" + Demo.VIEWER_PASSWORD + " (viewer)");
        System.out.println("  token:  " + Demo.PAT_NAME + " / " + Demo.PAT_SECRET + " (personal access token of "
                + Demo.ADMIN_USER + ")");
        System.out.println("  sign in:");
        System.out.println("    curl -s -X POST " + url + "/api/3.9/auth/signin -H 'Content-Type: application/json' \\");
        System.out.println("      -H 'Accept: application/json' -d '{\"credentials\":{\"personalAccessTokenName\":\""
                + Demo.PAT_NAME + "\",\"personalAccessTokenSecret\":\"" + Demo.PAT_SECRET
                + "\",\"site\":{\"contentUrl\":\"" + Demo.WORKSHOP_SITE + "\"}}}'");
        System.out.println("  activity: curl -s -X POST " + url + "/sandbox/sites/" + Demo.WORKSHOP_SITE
                + "/activity -d '{\"event\":\"WorkbookCreated\",\"name\":\"Sales\"}'");
        System.out.println("Ctrl-C stops it.");
        return 0;
    }
}
