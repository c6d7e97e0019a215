package io.tabhook.bench;

import groovy.lang.Binding;
import groovy.lang.GroovyShell;
import groovy.transform.ThreadInterrupt;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.customizers.ASTTransformationCustomizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What Groovy's {@code ThreadInterrupt} transformation (which lets Ctrl-C stop any line: dsl.Interpreter applies it to
 * every line and script) costs a line typed at the prompt. Baseline: the same lines compiled and run without it, in
 * the same JVM, rounds alternating. Three kinds: typical lines (compile and run, as each prompt line is), a loop of a
 * million iterations and two hundred thousand closure calls (where the checks sit).
 */
final class LinesBench {
    private LinesBench() {}

    private static final List<String> TYPICAL = List.of(
            "x = 40",
            "x + 2",
            "hooks = [[name: 'a', enabled: true], [name: 'b', enabled: false]]",
            "hooks.findAll { !it.enabled }.collect { it.name }",
            "def m = [a: 1, b: 2]; m.findAll { k, v -> v > 1 }",
            "\"sum ${(1..100).sum()} done\"");
    private static final String LOOP = "long s = 0; for (int i = 0; i < 1_000_000; i++) { s += i }; s";
    private static final String CLOSURES = "long s = 0; (1..200_000).each { s += it }; s";

    static boolean run() {
        GroovyShell plain = shell(false);
        GroovyShell interruptible = shell(true);
        System.out.println("lines: ThreadInterrupt on every line (dsl.Interpreter) against the same lines without it");
        int rounds = Integer.getInteger("bench.lines.rounds", 15);
        // warm-up: the compiler and both shells' classes
        for (int i = 0; i < 5; i++) {
            typical(plain);
            typical(interruptible);
        }
        report("typical line, compiled and run (ms/line)", rounds, () -> typical(plain) / TYPICAL.size(),
                () -> typical(interruptible) / TYPICAL.size());
        report("loop of 1,000,000 iterations (ms)", rounds, () -> time(plain, LOOP), () -> time(interruptible, LOOP));
        report("200,000 closure calls (ms)", rounds, () -> time(plain, CLOSURES), () -> time(interruptible, CLOSURES));
        return true;
    }

    private static GroovyShell shell(boolean interruptible) {
        CompilerConfiguration config = new CompilerConfiguration();
        if (interruptible) config.addCompilationCustomizers(new ASTTransformationCustomizer(ThreadInterrupt.class));
        return new GroovyShell(LinesBench.class.getClassLoader(), new Binding(), config);
    }

    /** Milliseconds to compile and run every typical line once, in order, in one binding. */
    private static double typical(GroovyShell shell) {
        long t0 = System.nanoTime();
        for (String line : TYPICAL) shell.evaluate(line);
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double time(GroovyShell shell, String code) {
        long t0 = System.nanoTime();
        shell.evaluate(code);
        return (System.nanoTime() - t0) / 1e6;
    }

    private interface Measure {
        double ms();
    }

    /** Alternating rounds; the medians of each and of the per-round ratios. */
    private static void report(String what, int rounds, Measure baseline, Measure measured) {
        double[] base = new double[rounds];
        double[] with = new double[rounds];
        double[] ratio = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            base[i] = baseline.ms();
            with[i] = measured.ms();
            ratio[i] = with[i] / base[i];
        }
        System.out.printf("  %-42s without %8.2f   with %8.2f   ratio %.2f (median of %d rounds; rounds %s)%n", what,
                median(base), median(with), median(ratio), rounds, range(ratio));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String range(double[] ratios) {
        List<Double> all = new ArrayList<>();
        for (double r : ratios) all.add(r);
        return String.format("%.2f–%.2f", all.stream().min(Double::compare).orElse(0.0),
                all.stream().max(Double::compare).orElse(0.0));
    }
}
