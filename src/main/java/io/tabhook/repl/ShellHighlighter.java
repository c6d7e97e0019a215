package io.tabhook.repl;

import io.tabhook.dsl.Words;
import io.tabhook.events.EventType;
import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

import java.util.regex.Pattern;

/** Colours DSL words, strings, event names, numbers and meta commands as the user types. */
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
        int i = 0;
        int n = buffer.length();
        while (i < n) {
            char c = buffer.charAt(i);
            if (c == '\'' || c == '"') {
                int j = i + 1;
                while (j < n && buffer.charAt(j) != c) j += buffer.charAt(j) == '\\' ? 2 : 1;
                j = Math.min(n, j + 1);
                String s = buffer.substring(i, j);
                String inner = s.length() >= 2 && s.charAt(s.length() - 1) == c ? s.substring(1, s.length() - 1) : s.substring(1);
                sb.styled(EventType.find(inner).isPresent() && !inner.isBlank() ? EVENT : STRING, s);
                i = j;
            } else if (c == '/' && i + 1 < n && buffer.charAt(i + 1) == '/') {
                int j = buffer.indexOf('\n', i);
                j = j < 0 ? n : j;
                sb.styled(COMMENT, buffer.substring(i, j));
                i = j;
            } else if (Character.isJavaIdentifierStart(c)) {
                int j = i + 1;
                while (j < n && Character.isJavaIdentifierPart(buffer.charAt(j))) j++;
                String ident = buffer.substring(i, j);
                boolean member = i > 0 && buffer.charAt(i - 1) == '.';
                if (!member && Words.find(ident).isPresent()) sb.styled(WORD, ident);
                else if (!member && EventType.find(ident).filter(e -> e.apiName().equals(ident)).isPresent()) sb.styled(EVENT, ident);
                else sb.append(ident);
                i = j;
            } else if (Character.isDigit(c)) {
                int j = i + 1;
                while (j < n && (Character.isDigit(buffer.charAt(j)) || buffer.charAt(j) == '.')) j++;
                sb.styled(NUMBER, buffer.substring(i, j));
                i = j;
            } else {
                sb.append(c);
                i++;
            }
        }
        return sb.toAttributedString();
    }

    @Override
    public void setErrorPattern(Pattern errorPattern) { }

    @Override
    public void setErrorIndex(int errorIndex) { }
}
