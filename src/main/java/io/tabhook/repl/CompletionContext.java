package io.tabhook.repl;

import io.tabhook.dsl.Word;
import io.tabhook.dsl.Words;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What kind of value the cursor stands on, read from the text before it: a meta command, a file after
 * {@code :load}, an event, a webhook, a named-argument key, a member after a dot, or a DSL word.
 */
record CompletionContext(Kind kind, Word word, String key, boolean inString, char quote, String receiver) {

    enum Kind { META, META_ARG, FILE, EVENT, WEBHOOK, WORD_NAME, FORMAT, BOOLEAN, KEY_OR_WORD, MEMBER, WORD, NONE }

    private static final Pattern KEY_BEFORE = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*:\\s*$");
    private static final Pattern MEMBER_BEFORE = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\.$");
    private static final Pattern WORD_CALL = Pattern.compile("\\b([A-Za-z][A-Za-z0-9]*)\\b\\s*\\(?");

    /** Analyses {@code before}: the line up to the start of the word being completed. */
    static CompletionContext of(String before) {
        String trimmed = before.stripLeading();
        if (trimmed.startsWith(":")) {
            if (!trimmed.contains(" ")) return simple(Kind.META);
            if (trimmed.startsWith(":load ")) return simple(Kind.FILE);
            return new CompletionContext(Kind.META_ARG, null, trimmed.substring(1, trimmed.indexOf(' ')), false, '\0', null);
        }
        char quote = openQuote(before);
        boolean inString = quote != '\0';
        String head = inString ? before.substring(0, before.lastIndexOf(quote)) : before;
        Word call = enclosingWord(head);

        Matcher key = KEY_BEFORE.matcher(head);
        if (key.find()) {
            String k = key.group(1);
            Word.Arg arg = call == null ? null : call.arg(k);
            Word.Kind kind = arg != null ? arg.kind() : k.equals("event") ? Word.Kind.EVENT : null;
            return valueContext(kind, call, k, inString, quote);
        }
        if (call != null && call.positional() != null && positionalSlot(head, call.name())) {
            return valueContext(call.positional(), call, null, inString, quote);
        }
        if (inString) return new CompletionContext(Kind.NONE, call, null, true, quote, null);
        Matcher member = MEMBER_BEFORE.matcher(head);
        if (member.find()) return new CompletionContext(Kind.MEMBER, null, null, false, '\0', member.group(1));
        if (call != null && !call.args().isEmpty() && insideCall(head, call.name())) {
            return new CompletionContext(Kind.KEY_OR_WORD, call, null, false, '\0', null);
        }
        return simple(Kind.WORD);
    }

    private static CompletionContext valueContext(Word.Kind kind, Word call, String key, boolean inString, char quote) {
        Kind k = kind == null ? Kind.NONE : switch (kind) {
            case EVENT -> Kind.EVENT;
            case WEBHOOK -> Kind.WEBHOOK;
            case FORMAT -> Kind.FORMAT;
            case BOOLEAN -> Kind.BOOLEAN;
            case FILE -> Kind.FILE;
            case TEXT -> call != null && call.name().equals("help") ? Kind.WORD_NAME : Kind.NONE;
            default -> Kind.NONE;
        };
        return new CompletionContext(k, call, key, inString, quote, null);
    }

    private static CompletionContext simple(Kind kind) {
        return new CompletionContext(kind, null, null, false, '\0', null);
    }

    /** The quote character of a string left open in {@code text}, or NUL. */
    static char openQuote(String text) {
        char open = '\0';
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (open != '\0') {
                if (c == '\\') i++;
                else if (c == open) open = '\0';
            } else if (c == '\'' || c == '"') {
                open = c;
            }
        }
        return open;
    }

    /** The last DSL word mentioned before the cursor: the call whose arguments are being typed. */
    private static Word enclosingWord(String head) {
        Matcher m = WORD_CALL.matcher(head);
        Word found = null;
        while (m.find()) {
            Word w = Words.find(m.group(1)).orElse(null);
            if (w != null) found = w;
        }
        return found;
    }

    /** Right after {@code word(} or {@code word } with nothing else yet: where its positional value goes. */
    private static boolean positionalSlot(String head, String word) {
        return head.matches("(?s).*\\b" + word + "\\s*\\(\\s*$") || head.matches("(?s).*\\b" + word + "\\s+$");
    }

    /** After the word and before its call ends: where a named argument may start. */
    private static boolean insideCall(String head, String word) {
        int at = head.lastIndexOf(word);
        String rest = head.substring(at + word.length());
        int depth = 0;
        for (char c : rest.toCharArray()) {
            if (c == '(') depth++;
            else if (c == ')') depth--;
        }
        if (depth < 0) return false;
        String t = rest.stripTrailing();
        return depth > 0 ? (t.endsWith("(") || t.endsWith(",")) : (t.isEmpty() ? rest.endsWith(" ") : t.endsWith(","));
    }

    /** Values of this kind must be quoted when the user has not opened a quote. */
    boolean wantsQuotes() {
        return !inString && (kind == Kind.WEBHOOK || kind == Kind.FILE && word != null || kind == Kind.WORD_NAME
                || kind == Kind.FORMAT);
    }
}
