package io.tabhook.repl;

import io.tabhook.dsl.GroovyTokens;
import io.tabhook.dsl.GroovyTokens.Token;
import io.tabhook.dsl.Word;
import io.tabhook.dsl.Words;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What kind of value the cursor stands on, read from the {@link GroovyTokens} before it: a meta command, a file after
 * {@code :load}, an event, a webhook, a named-argument key, a member after a dot, or a DSL word.
 *
 * @param word     the DSL word whose arguments are being typed, or null
 * @param key      the named argument whose value is being typed, or null
 * @param quote    the delimiter of the string the cursor is in, or null
 * @param receiver the name before the dot, for a member
 * @param typed    the text being completed, up to the cursor (with the string's opening delimiter)
 * @param given    the named arguments the call already has
 */
record CompletionContext(Kind kind, Word word, String key, String quote, String receiver, String typed,
                         Set<String> given) {

    enum Kind { META, META_ARG, FILE, EVENT, WEBHOOK, WORD_NAME, FORMAT, BOOLEAN, KEY_OR_WORD, MEMBER, WORD, NONE }

    /** The context at {@code cursor} in {@code line} (a whole entry, continued lines included). */
    static CompletionContext at(String line, int cursor) {
        String before = line.substring(0, cursor);
        String trimmed = before.stripLeading();
        if (trimmed.startsWith(":")) return meta(trimmed);

        GroovyTokens tokens = GroovyTokens.of(before);
        List<Token> all = tokens.tokens();
        Token last = all.isEmpty() ? null : all.get(all.size() - 1);
        boolean touching = last != null && last.end() == cursor;
        String quote = tokens.openString();
        if (tokens.endsInComment()) return none(null, "");

        String typed = "";
        int end = all.size(); // tokens before the one being completed
        if (quote != null) {
            typed = last.text();
            end--;
            if (!last.opens()) return none(quote, typed); // after a ${…} in the string: no single value to offer
        } else if (touching && (last.kind() == GroovyTokens.Kind.IDENTIFIER || last.kind() == GroovyTokens.Kind.KEYWORD)) {
            typed = last.text();
            end--;
        } else if (touching && last.kind() != GroovyTokens.Kind.OPERATOR && last.kind() != GroovyTokens.Kind.BRACKET
                && last.kind() != GroovyTokens.Kind.INTERPOLATION) {
            return none(null, ""); // right after a number, a closed string or a key
        }
        int wordStart = cursor - typed.length();
        Frame frame = innermostFrame(tokens, end);
        Token prev = frame.previous;
        Word call = frame.call != null ? frame.call : command(frame, tokens, wordStart);

        if (prev != null && prev.is(":") && prev.kind() == GroovyTokens.Kind.OPERATOR && frame.keyBeforeColon != null) {
            String k = frame.keyBeforeColon.value();
            Word.Arg arg = call == null ? null : call.arg(k);
            Word.Kind kind = arg != null ? arg.kind() : k.equals("event") ? Word.Kind.EVENT : null;
            return value(kind, call, k, quote, typed, frame.keys);
        }
        boolean argumentStart = prev != null && (frame.opensCall(prev) || frame.isCommand(prev)
                || prev.is(",") && prev.kind() == GroovyTokens.Kind.OPERATOR);
        boolean firstArgument = prev != null && (frame.opensCall(prev) || frame.isCommand(prev));
        if (call != null && call.positional() != null && firstArgument) {
            CompletionContext value = value(call.positional(), call, null, quote, typed, frame.keys);
            // a plain text value (signIn's user) has nothing to offer: its named arguments then
            if (value.kind() != Kind.NONE || quote != null) return value;
        }
        if (quote != null) return none(quote, typed);
        if (prev != null && (prev.is(".") || prev.is("?.")) && prev.kind() == GroovyTokens.Kind.OPERATOR) {
            String receiver = frame.receiver();
            return receiver == null ? none(null, typed)
                    : new CompletionContext(Kind.MEMBER, null, null, null, receiver, typed, Set.of());
        }
        if (call != null && !call.args().isEmpty() && argumentStart) {
            return new CompletionContext(Kind.KEY_OR_WORD, call, null, null, null, typed, frame.keys);
        }
        return new CompletionContext(Kind.WORD, null, null, null, null, typed, Set.of());
    }

    /** Values of this kind must be quoted when the user has not opened a quote. */
    boolean wantsQuotes() {
        return quote == null && (kind == Kind.WEBHOOK || kind == Kind.FILE && word != null || kind == Kind.WORD_NAME
                || kind == Kind.FORMAT);
    }

    boolean inString() { return quote != null; }

    private static CompletionContext meta(String trimmed) {
        int space = trimmed.indexOf(' ');
        if (space < 0) return new CompletionContext(Kind.META, null, null, null, null, trimmed.substring(1), Set.of());
        String typed = trimmed.substring(trimmed.lastIndexOf(' ') + 1);
        String command = trimmed.substring(1, space);
        return new CompletionContext(command.equals("load") ? Kind.FILE : Kind.META_ARG, null, command, null, null,
                typed, Set.of());
    }

    private static CompletionContext value(Word.Kind kind, Word call, String key, String quote, String typed,
                                           Set<String> given) {
        Kind k = kind == null ? Kind.NONE : switch (kind) {
            case EVENT -> Kind.EVENT;
            case WEBHOOK -> Kind.WEBHOOK;
            case FORMAT -> Kind.FORMAT;
            case BOOLEAN -> Kind.BOOLEAN;
            case FILE -> Kind.FILE;
            case TEXT -> call != null && call.name().equals("help") ? Kind.WORD_NAME : Kind.NONE;
            default -> Kind.NONE;
        };
        return new CompletionContext(k, call, key, quote, null, typed, given);
    }

    private static CompletionContext none(String quote, String typed) {
        return new CompletionContext(Kind.NONE, null, null, quote, null, typed, Set.of());
    }

    /**
     * The statement the cursor is in, within its innermost bracket: the tokens at that depth since the statement
     * began (a nested group counts as its closing bracket), and the call whose parenthesis it is in, if any.
     */
    private static Frame innermostFrame(GroovyTokens tokens, int end) {
        Deque<Frame> frames = new ArrayDeque<>();
        frames.push(new Frame(null, null));
        List<Token> all = tokens.tokens();
        Token before = null;
        for (int i = 0; i < end; i++) {
            Token t = all.get(i);
            if (t.kind() == GroovyTokens.Kind.COMMENT) continue;
            Frame f = frames.peek();
            boolean opener = t.kind() == GroovyTokens.Kind.BRACKET && (t.is("(") || t.is("[") || t.is("{"))
                    || t.kind() == GroovyTokens.Kind.INTERPOLATION && t.is("${");
            boolean closer = t.kind() == GroovyTokens.Kind.BRACKET && (t.is(")") || t.is("]") || t.is("}"))
                    || t.kind() == GroovyTokens.Kind.INTERPOLATION && t.is("}");
            if (opener) {
                Word call = null;
                if (t.is("(") && before != null && before.kind() == GroovyTokens.Kind.IDENTIFIER
                        && before.end() == t.start() && !afterDot(f.statement)) {
                    call = Words.find(before.text()).orElse(null);
                }
                frames.push(new Frame(t, call));
            } else if (closer) {
                if (frames.size() > 1) frames.pop();
                frames.peek().add(t, tokens);
            } else if (t.kind() == GroovyTokens.Kind.STRING && !t.opens()) {
                // the rest of a string after an interpolation: part of the literal already counted
            } else {
                f.add(t, tokens);
            }
            before = t;
        }
        return frames.peek();
    }

    private static boolean afterDot(List<Token> statement) {
        if (statement.size() < 2) return false;
        Token dot = statement.get(statement.size() - 2);
        return dot.kind() == GroovyTokens.Kind.OPERATOR && (dot.is(".") || dot.is("?."));
    }

    /**
     * A DSL word used as a command ({@code createWebhook name: 'x'}, {@code hook = webhook 'x'}): the statement's
     * head, after an optional assignment, followed by an argument or by the space before the cursor.
     */
    private static Word command(Frame frame, GroovyTokens tokens, int wordStart) {
        if (frame.opener != null && !frame.opener.is("{") && !frame.opener.is("${")) return null;
        List<Token> st = frame.statement;
        int h = 0;
        if (h < st.size() && st.get(h).is("def")) h++;
        if (h + 1 < st.size() && st.get(h + 1).is("=") && st.get(h).kind() == GroovyTokens.Kind.IDENTIFIER) h += 2;
        if (h >= st.size() || st.get(h).kind() != GroovyTokens.Kind.IDENTIFIER) return null;
        Token head = st.get(h);
        if (h + 1 < st.size()) {
            Token arg = st.get(h + 1);
            boolean startsArgument = arg.kind() == GroovyTokens.Kind.IDENTIFIER || arg.kind() == GroovyTokens.Kind.KEY
                    || arg.kind() == GroovyTokens.Kind.NUMBER || arg.kind() == GroovyTokens.Kind.KEYWORD
                    || arg.isString() || arg.is("[");
            if (!startsArgument) return null;
        } else if (head.end() >= wordStart) {
            return null; // no space yet between the word and the cursor
        }
        Word w = Words.find(head.text()).orElse(null);
        if (w != null) frame.command = head;
        return w;
    }

    private static final class Frame {
        final Token opener;
        final Word call;
        final List<Token> statement = new ArrayList<>();
        final Set<String> keys = new LinkedHashSet<>();
        Token previous;
        Token keyBeforeColon;
        Token command;

        Frame(Token opener, Word call) {
            this.opener = opener;
            this.call = call;
            this.previous = opener;
        }

        void add(Token t, GroovyTokens tokens) {
            boolean code = opener == null || opener.is("{") || opener.is("${");
            boolean endsStatement = t.is(";") || t.is("->")
                    || code && previous != null && previous != opener && !continuesLine(previous)
                    && tokens.lineBreakBetween(previous.end(), t.start());
            if (endsStatement) {
                statement.clear();
                keys.clear();
            }
            if (!t.is(";") && !t.is("->")) statement.add(t);
            if (t.kind() == GroovyTokens.Kind.KEY) keys.add(t.value());
            keyBeforeColon = t.is(":") && previous != null && previous.kind() == GroovyTokens.Kind.KEY ? previous : null;
            previous = t;
        }

        /** A line ending after an operator or a comma goes on: {@code createWebhook name: 'x',⏎ event: …}. */
        private static boolean continuesLine(Token t) {
            return t.kind() == GroovyTokens.Kind.OPERATOR && !t.is("++") && !t.is("--");
        }

        boolean opensCall(Token t) {
            return t == opener && call != null;
        }

        boolean isCommand(Token t) {
            return command != null && t == command;
        }

        /** The name before the trailing dot, when it is a plain name (not itself a member). */
        String receiver() {
            int n = statement.size();
            if (n < 2 || statement.get(n - 2).kind() != GroovyTokens.Kind.IDENTIFIER) return null;
            if (n >= 3 && (statement.get(n - 3).is(".") || statement.get(n - 3).is("?."))) return null;
            return statement.get(n - 2).text();
        }
    }
}
