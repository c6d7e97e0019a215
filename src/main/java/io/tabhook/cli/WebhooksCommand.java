package io.tabhook.cli;

import io.tabhook.dsl.Display;
import io.tabhook.support.ImportedWebhook;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code tabhook webhooks export FILE} and {@code webhooks import FILE [--dry-run]}: a site's webhooks to a file and
 * from it onto another site, as the DSL's exportWebhooks and importWebhooks do, without writing a script.
 */
@Command(name = "webhooks", mixinStandardHelpOptions = true,
        description = "Move webhooks between sites: export them to a file, import them from one.",
        subcommands = {WebhooksCommand.Export.class, WebhooksCommand.Import.class})
public class WebhooksCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "webhooks needs export FILE or import FILE");
    }

    /** {@code webhooks export FILE}: the signed-in site's webhooks to FILE (owner-only, no secrets). */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write the site's webhooks (name, event, url, enabled) to FILE, owner-only and without secrets.")
    public static class Export implements Callable<Integer> {
        @Mixin
        ServerOptions server = new ServerOptions();

        @Mixin
        OutputOptions output = new OutputOptions();

        @Parameters(index = "0", paramLabel = "FILE", description = "where to write them, e.g. webhooks.json")
        Path file;

        @Spec
        CommandSpec spec;

        private final Environment environment;

        Export(Environment environment) {
            this.environment = environment;
        }

        @Override
        public Integer call() {
            return OnServer.run("webhooks export", server, output, environment, spec.commandLine(), (ws, out, err) -> {
                ws.dsl.call("signIn");
                Object wrote = ws.dsl.call("exportWebhooks", file.toString());
                out.println(output.json ? Display.json(wrote) : wrote);
                return 0;
            });
        }
    }

    /** {@code webhooks import FILE [--dry-run]}: creates FILE's webhooks on the site, skipping those already there. */
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Create the webhooks of FILE on the site, skipping those already there (same name, event and "
                    + "url). Exit 0 when none failed, 1 when one did.")
    public static class Import implements Callable<Integer> {
        @Mixin
        ServerOptions server = new ServerOptions();

        @Mixin
        OutputOptions output = new OutputOptions();

        @Parameters(index = "0", paramLabel = "FILE", description = "a file webhooks export (or exportWebhooks) wrote")
        Path file;

        @Option(names = "--dry-run", description = "show what it would do; create nothing")
        boolean dryRun;

        @Spec
        CommandSpec spec;

        private final Environment environment;

        Import(Environment environment) {
            this.environment = environment;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Integer call() {
            return OnServer.run("webhooks import", server, output, environment, spec.commandLine(), (ws, out, err) -> {
                ws.dsl.call("signIn");
                List<ImportedWebhook> steps = (List<ImportedWebhook>) ws.dsl.call("importWebhooks",
                        Map.of("dryRun", dryRun), file.toString());
                out.println(output.json ? Display.json(steps) : Display.render(steps));
                return steps.stream().anyMatch(ImportedWebhook::failed) ? 1 : 0;
            });
        }
    }
}
