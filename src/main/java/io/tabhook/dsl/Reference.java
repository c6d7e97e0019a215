package io.tabhook.dsl;

import java.util.List;
import java.util.Locale;

/** docs/dsl.md, written from the words' own declarations (a test fails when the file drifts from them). */
public final class Reference {
    private Reference() {}

    public static String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("# The tabhook DSL\n\n");
        sb.append("Generated from the words' declarations (the tables `io.tabhook.dsl.Words` gathers); do not edit ")
                .append("by hand. Regenerate with `mvn -q test -Dtest=DslReferenceTest -Dtabhook.updateDocs=true`.\n\n");
        sb.append("The same words work in the shell (`scripts/tabhook`), in scripts (`scripts/tabhook run FILE.groovy`) ")
                .append("and with `scripts/tabhook -e 'code'`. They are Groovy: named arguments are `key: value`, ")
                .append("parentheses are optional for a call with arguments, a word that needs no argument works ")
                .append("bare (`webhooks`, `inbox.url`), and a variable set on one line (`hook = …`) is there on the ")
                .append("next. `help word` in the shell prints the same text.\n\n");
        index(sb, Words.topLevel());
        for (String group : Words.groups()) {
            sb.append("\nSub-words of [`").append(group).append("`](#").append(anchor(group)).append("):\n\n");
            index(sb, Words.group(group));
        }
        for (Word w : Words.all().values()) section(sb, w);
        return sb.toString();
    }

    private static void index(StringBuilder sb, List<Word> words) {
        sb.append("| word | what it does |\n|---|---|\n");
        for (Word w : words) {
            sb.append("| [`").append(w.name()).append("`](#").append(anchor(w.name())).append(") | ")
                    .append(cell(w.summary())).append(" |\n");
        }
    }

    private static void section(StringBuilder sb, Word w) {
        sb.append("\n## ").append(w.name()).append("\n\n");
        sb.append("```groovy\n").append(w.usage()).append("\n```\n\n");
        sb.append(w.summary()).append('\n');
        if (!w.details().isEmpty()) sb.append('\n').append(w.details()).append('\n');
        if (!w.args().isEmpty()) {
            sb.append("\n| argument | value |\n|---|---|\n");
            for (Word.Arg a : w.args()) {
                sb.append("| `").append(Word.label(a)).append("` | ").append(cell(Word.argHelp(a))).append(" |\n");
            }
        }
        if (!w.example().isEmpty()) sb.append("\nExample:\n\n```groovy\n").append(w.example()).append("\n```\n");
    }

    /** GitHub's heading anchor: lower case, punctuation dropped ({@code inbox.forwardTo}: {@code inboxforwardto}). */
    private static String anchor(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-');
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
