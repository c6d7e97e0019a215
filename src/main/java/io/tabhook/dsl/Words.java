package io.tabhook.dsl;

import org.codehaus.groovy.runtime.MethodRankHelper;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every DSL word, gathered from the tables of each area. A script's dispatch, {@code help}, completion and
 * docs/dsl.md all read it; a new area's table is one more line here.
 */
public final class Words {
    private Words() {}

    private static final Map<String, Word> ALL;

    static {
        List<Word> top = new ArrayList<>();
        List<Word> sub = new ArrayList<>();
        for (WordTable table : List.of(SignInWords.TABLE, WebhookWords.TABLE, SupportWords.TABLE, SiteWords.TABLE,
                PublishWords.TABLE, InboxWords.TABLE, RelayWords.TABLE,
                SandboxWords.TABLE, SessionWords.TABLE, ReferenceWords.TABLE, PostmanWords.TABLE)) {
            for (Word w : table.words()) (w.group() == null ? top : sub).add(w);
        }
        // Top-level words first, then each group's sub-words in the order its group word came.
        Map<String, Word> all = new LinkedHashMap<>();
        for (Word w : top) put(all, w);
        for (Word w : top) sub.stream().filter(s -> w.name().equals(s.group())).forEach(s -> put(all, s));
        for (Word s : sub) {
            if (!all.containsKey(s.group())) throw new IllegalStateException(s.name() + " has no word " + s.group());
        }
        ALL = Collections.unmodifiableMap(all);
    }

    private static void put(Map<String, Word> all, Word w) {
        if (all.putIfAbsent(w.name(), w) != null) throw new IllegalStateException(w.name() + " is declared twice");
    }

    /** Every word by name ({@code signIn}, {@code inbox.url}): top-level words first, then each group's. */
    public static Map<String, Word> all() { return ALL; }

    public static Optional<Word> find(String name) { return Optional.ofNullable(ALL.get(name)); }

    /** The words typed on their own: {@code signIn}, {@code inbox}, … */
    public static List<Word> topLevel() {
        return ALL.values().stream().filter(w -> w.group() == null).toList();
    }

    /** The sub-words of {@code inbox}, {@code sandbox} or {@code session}; empty for any other name. */
    public static List<Word> group(String name) {
        return ALL.values().stream().filter(w -> name.equals(w.group())).toList();
    }

    /** The words that have sub-words: {@code inbox}, {@code sandbox}, {@code session}. */
    public static List<String> groups() {
        return ALL.values().stream().map(Word::group).filter(g -> g != null).distinct().toList();
    }

    /** The names nearest a misspelling (two edits, or a third of the name), best first, for "did you mean". */
    public static List<String> closest(String typed, List<String> names) {
        return names.stream()
                .filter(n -> MethodRankHelper.delDistance(n, typed)
                        <= MethodRankHelper.DL_SUBSTITUTION * Math.max(2, n.length() / 3))
                .sorted(Comparator.comparingInt(n -> MethodRankHelper.delDistance(n, typed)))
                .limit(3).toList();
    }
}
