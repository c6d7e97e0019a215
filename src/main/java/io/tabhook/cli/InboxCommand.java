package io.tabhook.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** Placeholder until the inbox lands. */
@Command(name = "inbox", mixinStandardHelpOptions = true, description = "Run the delivery inbox standalone.")
public class InboxCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("tabhook inbox: not built yet");
        return 1;
    }
}
