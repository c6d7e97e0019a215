package io.tabhook.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** Placeholder until the sandbox lands. */
@Command(name = "sandbox", mixinStandardHelpOptions = true, description = "Run the Tableau REST sandbox standalone.")
public class SandboxCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("tabhook sandbox: not built yet");
        return 1;
    }
}
