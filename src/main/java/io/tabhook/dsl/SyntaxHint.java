package io.tabhook.dsl;

import io.tabhook.dsl.GroovyTokens.Kind;
import io.tabhook.dsl.GroovyTokens.Token;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.SyntaxException;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * A syntax error where Groovy's parser gives up is not always where the mistake is: a bracket never closed is
 * reported at the end of the file ({@code Unexpected input: '{\n  println x\n}'} on a line past the last), a comma
 * left out between named arguments at the colon after it. Read from the source's {@link GroovyTokens}, the line,
 * column and words that name the mistake; otherwise Groovy's own.
 */
record SyntaxHint(int line, int column, String message) {

    /** Where the mistake behind {@code error} is and what it is. */
    static SyntaxHint of(SyntaxErrorMessage error, String text) {
        SyntaxException c = error.getCause();
        SyntaxHint groovy = new SyntaxHint(c.getStartLine(), c.getStartColumn(), c.getOriginalMessage());
        if (text == null) return groovy;
        List<Token> tokens = GroovyTokens.of(text).tokens().stream().filter(t -> t.kind() != Kind.COMMENT).toList();
        int offset = offset(text, c.getStartLine(), c.getStartColumn());
        Token unclosed = unclosed(tokens);
        if (unclosed != null && (offset < 0 || offset >= unclosed.start())) {
            return at(text, unclosed, "'" + unclosed.text() + "' is never closed");
        }
        for (int i = 2; i < tokens.size(); i++) {
            Token colon = tokens.get(i);
            if (colon.start() != offset || colon.kind() != Kind.OPERATOR || !colon.is(":")) continue;
            Token name = tokens.get(i - 1);
            if (name.kind() == Kind.IDENTIFIER && endsValue(tokens.get(i - 2))) {
                return at(text, name, "a comma is missing before " + name.text() + ":");
            }
        }
        return groovy;
    }

    /** The innermost bracket still open where the text ends, or null. */
    private static Token unclosed(List<Token> tokens) {
        Deque<Token> open = new ArrayDeque<>();
        for (Token t : tokens) {
            if (t.kind() != Kind.BRACKET) continue;
            if (t.is("(") || t.is("[") || t.is("{")) {
                open.push(t);
            } else if (!open.isEmpty() && matches(open.peek().text(), t.text())) {
                open.pop();
            } else {
                return null; // a stray closing bracket: Groovy's own words say it better
            }
        }
        return open.peek();
    }

    private static boolean matches(String opening, String closing) {
        return opening.equals("(") && closing.equals(")") || opening.equals("[") && closing.equals("]")
                || opening.equals("{") && closing.equals("}");
    }

    private static boolean endsValue(Token t) {
        return t.kind() == Kind.STRING && t.closes() || t.kind() == Kind.NUMBER || t.kind() == Kind.IDENTIFIER
                || t.kind() == Kind.KEYWORD && (t.is("true") || t.is("false") || t.is("null"))
                || t.kind() == Kind.BRACKET && (t.is(")") || t.is("]") || t.is("}"));
    }

    private static SyntaxHint at(String text, Token t, String message) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < t.start(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new SyntaxHint(line, t.start() - lineStart + 1, message);
    }

    private static int offset(String text, int line, int column) {
        int at = 0;
        for (int l = 1; l < line; l++) {
            int nl = text.indexOf('\n', at);
            if (nl < 0) return -1;
            at = nl + 1;
        }
        return at + column - 1;
    }
}
