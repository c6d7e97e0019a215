package io.tabhook.repl;

import io.tabhook.dsl.GroovyTokens;
import io.tabhook.dsl.GroovyTokens.Kind;
import io.tabhook.dsl.GroovyTokens.Token;
import io.tabhook.dsl.Words;
import io.tabhook.events.EventType;
import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

import java.util.regex.Pattern;

/** Colours DSL words, strings, event names, numbers, comments and meta commands as the user types, from {@link GroovyTokens}. */
final class ShellHighlighter implements Highlighter {
    static final AttributedStyle WORD = AttributedStyle.BOLD.foreground(AttributedStyle.CYAN);
    static final AttributedStyle STRING = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
    static final AttributedStyle EVENT = AttributedStyle.BOLD.foreground(AttributedStyle.MAGENTA);
    static final AttributedStyle NUMBER = AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);
    static final AttributedStyle META = AttributedStyle.BOLD.foreground(AttributedStyle.BLUE);
    static final AttributedStyle COMMENT = AttributedStyle.DEFAULT.foreground(AttributedStyle.BRIGHT);

    @Override
    public AttributedString highlight(LineReader reader, String buffer) {
        return highlight(buffer);
    }

    static AttributedString highlight(String buffer) {
        AttributedStringBuilder sb = new AttributedStringBuilder();
        if (buffer.startsWith(":")) {
            int sp = buffer.indexOf(' ');
            sb.styled(META, sp < 0 ? buffer : buffer.substring(0, sp));
            if (sp >= 0) sb.append(buffer.substring(sp));
            return sb.toAttributedString();
        }
        GroovyTokens tokens = GroovyTokens.of(buffer);
        int at = 0;
        Token previous = null;
        for (Token t : tokens.tokens()) {
            sb.append(buffer, at, t.start());
            AttributedStyle style = style(t, previous, buffer.length());
            if (style == null) sb.append(t.text());
            else sb.styled(style, t.text());
            at = t.end();
            if (t.kind() != Kind.COMMENT) previous = t;
        }
        sb.append(buffer.substring(at));
        return sb.toAttributedString();
    }

    /** The style of a token; null for plain. */
    private static AttributedStyle style(Token t, Token previous, int length) {
        boolean member = previous != null && previous.kind() == Kind.OPERATOR && previous.end() == t.start()
                && (previous.is(".") || previous.is("?."));
        return switch (t.kind()) {
            case STRING, KEY -> {
                if (!t.isString()) yield null;
                boolean single = t.opens() && (t.closes() || t.end() == length);
                String value = single ? t.value() : "";
                yield !value.isBlank() && EventType.find(value).isPresent() ? EVENT : STRING;
            }
            case INTERPOLATION -> STRING;
            case IDENTIFIER -> member ? null : Words.find(t.text()).isPresent() ? WORD
                    : EventType.find(t.text()).filter(e -> e.apiName().equals(t.text())).isPresent() ? EVENT : null;
            case NUMBER -> NUMBER;
            case COMMENT -> COMMENT;
            case KEYWORD, OPERATOR, BRACKET -> null;
        };
    }

    @Override
    public void setErrorPattern(Pattern errorPattern) { }

    @Override
    public void setErrorIndex(int errorIndex) { }
}
