package io.tabhook.cli;

import io.tabhook.dsl.Display;
import io.tabhook.support.DoctorReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code tabhook doctor --server URL --site NAME --user U}: the DSL's {@code doctor} on a server's site, its report on
 * stdout (text, or JSON with --json); exit 0 all ok, 1 warnings, 3 failures, 2 a usage error.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check a Tableau server, the sign-in and each webhook of a site, and say what to do about every "
                + "problem. Exit 0 all ok, 1 warnings, 3 failures. Changes nothing unless --fix.")
public class DoctorCommand implements Callable<Integer> {
    @Mixin
    ServerOptions server = new ServerOptions();

    @Mixin
    OutputOptions output = new OutputOptions();

    @Option(names = "--test", description = "also make each webhook's test call (status, time, first words of the answer)")
    boolean test;

    @Option(names = "--fix", description = "re-enable the webhooks disabled after failed deliveries, after showing the plan")
    boolean fix;

    @Option(names = "--yes", description = "with --fix: carry the plan out without asking (scripts, CI)")
    boolean yes;

    @Spec
    CommandSpec spec;

    private final Environment environment;

    DoctorCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        if (fix && !yes && !new TerminalPrompts(spec.commandLine().getErr()).canConfirm()) {
            throw new ParameterException(spec.commandLine(), "--fix asks before it re-enables webhooks, and there is "
                    + "no terminal to ask on: add --yes (nothing was checked or changed)");
        }
        return OnServer.run("doctor", server, output, environment, spec.commandLine(), (ws, out, err) -> {
            DoctorReport report = (DoctorReport) ws.dsl.call("doctor", Map.of("test", test, "fix", fix, "yes", yes));
            out.println(output.json ? Display.json(report) : report.text());
            return report.exitCode();
        });
    }
}
