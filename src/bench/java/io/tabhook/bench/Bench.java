package io.tabhook.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code Bench NAME…}: runs the named benchmarks ({@code all} for every one); exit 1 if one found a fault. */
public final class Bench {
    private Bench() {}

    /** Every benchmark by name; a new one is one line here (and, for scripts/bench, nothing else). */
    static final Map<String, Callable<Boolean>> BENCHMARKS = new LinkedHashMap<>();

    static {
        BENCHMARKS.put("inbox", InboxBench::run);
        BENCHMARKS.put("lines", LinesBench::run);
        BENCHMARKS.put("robustness", RobustnessBench::run);
        BENCHMARKS.put("page", () -> PageBench.run()); // a lambda: Selenium is loaded only when this one runs
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) args = new String[] {"all"};
        System.out.println("JVM flags: " + String.join(" ", java.lang.management.ManagementFactory.getRuntimeMXBean()
                .getInputArguments()));
        boolean ok = true;
        for (String name : args) {
            if (name.equals("all")) {
                for (Callable<Boolean> b : BENCHMARKS.values()) ok &= b.call();
            } else if (BENCHMARKS.containsKey(name)) {
                ok &= BENCHMARKS.get(name).call();
            } else {
                System.err.println("bench: unknown benchmark '" + name + "'; known: " + String.join(", ", BENCHMARKS.keySet()) + ", all");
                System.exit(2);
            }
        }
        System.exit(ok ? 0 : 1);
    }
}
