package io.tabhook.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tabhook run [options] FILE.groovy [args…]}: a script with the DSL; exit 0 done, 1 failed, 2 usage. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a .groovy script with the tabhook DSL (against the embedded sandbox unless --server).")
public class RunCommand implements Callable<Integer> {
    @Mixin
    ServerOptions server = new ServerOptions();

    @Mixin
    OutputOptions output = new OutputOptions();

    @Parameters(index = "0", paramLabel = "FILE", description = "the script")
    Path file;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "arguments, available to the script as `args`")
    List<String> args = new ArrayList<>();

    @Spec
    CommandSpec spec;

    private final Environment environment;

    RunCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        return new ScriptRunner(server, output, environment, spec.commandLine()).run(null, file, args);
    }
}
