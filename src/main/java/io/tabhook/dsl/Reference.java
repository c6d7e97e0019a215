package io.tabhook.dsl;

/** docs/dsl.md, written from the words' own declarations (a test fails when the file drifts from them). */
public final class Reference {
    private Reference() {}

    public static String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("# The tabhook DSL\n\n");
        sb.append("Generated from the words' own help text (`io.tabhook.dsl.Words`); do not edit by hand. ")
                .append("Regenerate with `mvn -q test -Dtest=DslReferenceTest -Dtabhook.updateDocs=true`.\n\n");
        sb.append("The same words work in the shell (`scripts/tabhook`), in scripts (`scripts/tabhook run FILE.groovy`) ")
                .append("and with `scripts/tabhook -e 'code'`. They are Groovy: named arguments are `key: value`, ")
                .append("parentheses are optional for a call with arguments, and a variable set on one line ")
                .append("(`hook = …`) is there on the next. `help word` in the shell prints the same text.\n\n");
        sb.append("| word | what it does |\n|---|---|\n");
        for (Word w : Words.all().values()) {
            sb.append("| [`").append(w.name()).append("`](#").append(w.name().toLowerCase()).append(") | ")
                    .append(w.summary().replace("|", "\\|")).append(" |\n");
        }
        for (Word w : Words.all().values()) {
            sb.append("\n## ").append(w.name()).append("\n\n");
            sb.append("```groovy\n").append(w.usage()).append("\n```\n\n");
            sb.append(w.summary()).append('\n');
            if (!w.details().isEmpty()) sb.append('\n').append(w.details().strip()).append('\n');
            if (!w.args().isEmpty()) {
                sb.append("\n| argument | value |\n|---|---|\n");
                for (Word.Arg a : w.args()) {
                    sb.append("| `").append(a.name()).append(":` | ").append(a.description().replace("|", "\\|"))
                            .append(" |\n");
                }
            }
            if (w.example() != null && !w.example().isEmpty()) {
                sb.append("\nExample:\n\n```groovy\n").append(w.example()).append("\n```\n");
            }
        }
        return sb.toString();
    }
}
