package io.tabhook.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tabhook run [options] FILE.groovy [args…]}: a script with the DSL; exit 0 done, 1 failed, 2 usage. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a .groovy script with the tabhook DSL (against the embedded sandbox unless --server).")
public class RunCommand implements Callable<Integer> {
    @Mixin
    ServerOptions server = new ServerOptions();

    @Option(names = "--json", description = "print the script's result as JSON")
    boolean json;

    @Option(names = "--stack", description = "print the Groovy stack of a failure")
    boolean stack;

    @Parameters(index = "0", paramLabel = "FILE", description = "the script")
    String file;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "arguments, available to the script as `args`")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        String bad = server.problem();
        if (bad != null) {
            System.err.println("tabhook: " + bad);
            return 2;
        }
        return new ScriptRunner(server, json, stack).run(null, file, args);
    }
}
