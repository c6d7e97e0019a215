package io.tabhook.dsl;

import groovy.lang.Binding;
import groovy.lang.GroovyShell;
import groovy.lang.Script;
import groovy.transform.ThreadInterrupt;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.expr.BinaryExpression;
import org.codehaus.groovy.ast.expr.DeclarationExpression;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.ast.stmt.BlockStatement;
import org.codehaus.groovy.ast.stmt.ExpressionStatement;
import org.codehaus.groovy.ast.stmt.Statement;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.ASTTransformationCustomizer;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;
import org.codehaus.groovy.control.customizers.ImportCustomizer;
import org.codehaus.groovy.runtime.InvokerHelper;
import org.codehaus.groovy.syntax.Token;
import org.codehaus.groovy.syntax.Types;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Evaluates DSL code in one binding that persists across calls, like groovysh: a variable set on one line (with or
 * without {@code def}) is there on the next.
 */
public final class Interpreter {
    private volatile GroovyShell shell;
    private volatile Binding binding;
    private volatile PrintWriter out;
    private volatile CompilerConfiguration config;
    private final Dsl dsl;
    private final CompiledScripts compiledScripts;
    private final AtomicInteger lineNumber = new AtomicInteger();

    /** An interpreter that compiles every script file it runs. */
    public Interpreter(Dsl dsl) {
        this(dsl, null);
    }

    /** An interpreter that keeps the classes of script files it runs in {@code compiledScripts}, and reuses them. */
    public Interpreter(Dsl dsl, CompiledScripts compiledScripts) {
        this.dsl = dsl;
        this.compiledScripts = compiledScripts;
    }

    /** Groovy's compiler is made on first use (or by {@link #warmUp()}), not while the shell starts. */
    private GroovyShell shell() {
        GroovyShell s = shell;
        if (s == null) {
            synchronized (this) {
                if (shell == null) {
                    // Making a Binding starts Groovy's runtime (its meta-class registry): not before it is needed.
                    Binding b = new Binding();
                    b.setVariable(TabhookScript.DSL_VARIABLE, dsl);
                    if (out != null) b.setVariable("out", out);
                    binding = b;
                    CompilerConfiguration config = new CompilerConfiguration();
                    this.config = config;
                    config.setScriptBaseClass(TabhookScript.class.getName());
                    config.addCompilationCustomizers(
                            new ImportCustomizer().addImports("io.tabhook.events.EventType", "io.tabhook.api.Webhook"),
                            new DeclarationsToBinding(),
                            // Every loop, closure and method checks for Ctrl-C (the evaluator thread's interrupt).
                            new ASTTransformationCustomizer(ThreadInterrupt.class));
                    shell = new GroovyShell(Interpreter.class.getClassLoader(), b, config);
                }
                s = shell;
            }
        }
        return s;
    }

    public Dsl dsl() { return dsl; }

    /** Where {@code println} in DSL code writes. */
    public void output(Writer writer) {
        PrintWriter pw = writer instanceof PrintWriter p ? p : new PrintWriter(writer, true);
        synchronized (this) {
            out = pw;
            if (binding != null) binding.setVariable("out", pw);
        }
    }

    /** Evaluates one entry typed at the prompt. */
    public Object evaluate(String code) {
        return evaluate(code, "line" + lineNumber.incrementAndGet() + ".groovy");
    }

    public Object evaluate(String code, String sourceName) {
        dsl.secretsWrittenIn(code);
        // A lone DSL word (`signIn`, `webhooks`, …) needs no compiler: answer it at once, even before Groovy is warm.
        String name = code.strip();
        if (name.matches("[A-Za-z]+") && (binding == null || !binding.hasVariable(name))) {
            java.util.Optional<Word> bare = Words.find(name).filter(Word::bare);
            if (bare.isPresent()) return shown(dsl.call(name));
        }
        GroovyShell groovy = shell();
        unknownCommand(code);
        Script script;
        try {
            script = groovy.parse(rewriteHelp(code), sourceName);
        } catch (org.codehaus.groovy.control.MultipleCompilationErrorsException e) {
            throw new SyntaxInCode(e, code);
        }
        keepMethods(script);
        return shown(script.run());
    }

    /**
     * A method a line or script defines ({@code def twice(n) { n * 2 }}) is a class member that would end with the
     * line: the binding keeps it as a closure over that script, so the next line calls it as it calls a variable.
     */
    private void keepMethods(Script script) {
        Set<String> names = new TreeSet<>();
        for (java.lang.reflect.Method m : script.getClass().getDeclaredMethods()) {
            String n = m.getName();
            if (!m.isSynthetic() && java.lang.reflect.Modifier.isPublic(m.getModifiers())
                    && !n.equals("run") && !n.equals("main") && !n.startsWith("$") && !n.startsWith("__")) {
                names.add(n);
            }
        }
        for (String n : names) binding.setVariable(n, new KeptMethod(script, n));
    }

    private volatile Set<String> scriptMethods;

    /**
     * {@code lsit webhooks}: Groovy would run {@code webhooks} first and fail there (or succeed, then name the line's
     * class); a line that starts with a command no word, variable or Groovy method answers to is refused at once.
     */
    private void unknownCommand(String code) {
        List<GroovyTokens.Token> tokens = GroovyTokens.of(code).tokens().stream()
                .filter(t -> t.kind() != GroovyTokens.Kind.COMMENT).toList();
        if (tokens.size() < 2) return;
        GroovyTokens.Token first = tokens.get(0);
        GroovyTokens.Token second = tokens.get(1);
        boolean command = first.kind() == GroovyTokens.Kind.IDENTIFIER
                && code.substring(first.end(), second.start()).indexOf('\n') < 0
                && (second.kind() == GroovyTokens.Kind.IDENTIFIER || second.kind() == GroovyTokens.Kind.KEY
                || second.kind() == GroovyTokens.Kind.NUMBER || second.isString() && second.opens());
        if (!command) return;
        String name = first.text();
        if (Words.find(name).isPresent() || binding.hasVariable(name) || scriptMethods().contains(name)) return;
        String argument = second.kind() == GroovyTokens.Kind.IDENTIFIER && Words.find(second.text()).isPresent()
                ? second.text() : null;
        throw new UnknownName.Method(name, TabhookScript.class, new Object[0],
                UnknownName.describe(name, variables(), argument));
    }

    /** What a line can call besides the words: Groovy's methods on a script ({@code println}, {@code sleep}, …). */
    private Set<String> scriptMethods() {
        Set<String> names = scriptMethods;
        if (names == null) {
            names = new java.util.HashSet<>();
            groovy.lang.MetaClass mc = org.codehaus.groovy.runtime.InvokerHelper.getMetaClass(TabhookScript.class);
            for (groovy.lang.MetaMethod m : mc.getMethods()) names.add(m.getName());
            for (groovy.lang.MetaMethod m : mc.getMetaMethods()) names.add(m.getName());
            scriptMethods = names;
        }
        return names;
    }

    /** A line whose result is {@code session} (or {@code inbox}) shows the session itself, not its words. */
    private static Object shown(Object result) {
        return result instanceof WordGroup group ? group.shown() : result;
    }

    /** Runs a script file in this interpreter's binding, so its variables stay behind ({@code :load}, {@code run}). */
    public Object run(File file, List<String> args) throws IOException {
        GroovyShell sh = shell();
        String text = java.nio.file.Files.readString(file.toPath());
        // a byte order mark, as Windows editors start UTF-8 with, is no Groovy ("Unexpected character")
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        dsl.secretsWrittenIn(text);
        binding.setVariable("args", args.toArray(new String[0]));
        Script script;
        try {
            script = compiledScripts == null ? sh.parse(text, file.getName()) // the text read once: a pipe reads only once
                    : InvokerHelper.createScript(compiledScripts.load(file, text, config, sh.getClassLoader()), binding);
        } catch (org.codehaus.groovy.control.MultipleCompilationErrorsException e) {
            throw new SyntaxInCode(e, text);
        }
        script.setBinding(binding);
        keepMethods(script);
        return shown(script.run());
    }

    /** Compiles (and so loads Groovy's compiler) without running anything: call after the prompt is drawn. */
    public void warmUp() {
        try {
            shell().parse("def warm = [1, 2].collect { it * 2 }; warm", "warmup.groovy");
        } catch (CompilationFailedException ignored) {
            // nothing to warm
        }
    }

    /** The user's variables, for completion. */
    public Set<String> variables() {
        return variables(binding);
    }

    /** The variables a user set in {@code b}, without the interpreter's own ({@code out}, {@code args}, the DSL's). */
    static Set<String> variables(Binding b) {
        Set<String> names = new TreeSet<>();
        if (b == null) return names;
        for (Object k : b.getVariables().keySet()) {
            String n = k.toString();
            if (!n.startsWith("__") && !n.equals("out") && !n.equals("args")) names.add(n);
        }
        return names;
    }

    public Object variable(String name) {
        Binding b = binding;
        return b != null && b.hasVariable(name) ? b.getVariable(name) : null;
    }

    /** {@code help createWebhook} would evaluate createWebhook; make it {@code help('createWebhook')}. */
    static String rewriteHelp(String code) {
        String t = code.trim();
        if (t.matches("help\\s+[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z][A-Za-z0-9]*)?")) {
            return "help('" + t.substring(4).trim() + "')";
        }
        return code;
    }

    /** Turns top-level {@code def x = …} into binding assignments, so the variable outlives the line. */
    private static final class DeclarationsToBinding extends CompilationCustomizer {
        DeclarationsToBinding() {
            super(CompilePhase.CONVERSION);
        }

        @Override
        public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
            if (!classNode.isScript()) return;
            MethodNode run = classNode.getMethod("run", org.codehaus.groovy.ast.Parameter.EMPTY_ARRAY);
            if (run == null || !(run.getCode() instanceof BlockStatement block)) return;
            for (Statement st : block.getStatements()) {
                if (st instanceof ExpressionStatement es && es.getExpression() instanceof DeclarationExpression de
                        && !de.isMultipleAssignmentDeclaration()
                        && de.getLeftExpression() instanceof VariableExpression v
                        && v.getAnnotations().isEmpty() && de.getAnnotations().isEmpty()) {
                    BinaryExpression assign = new BinaryExpression(new VariableExpression(v.getName()),
                            Token.newSymbol(Types.ASSIGN, de.getOperation().getStartLine(),
                                    de.getOperation().getStartColumn()), de.getRightExpression());
                    assign.setSourcePosition(de);
                    es.setExpression(assign);
                }
            }
        }
    }
}
