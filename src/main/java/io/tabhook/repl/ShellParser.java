package io.tabhook.repl;

import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.SyntaxError;
import org.jline.reader.impl.DefaultParser;

import java.util.List;

/**
 * Groovy-aware enough for a shell: a line with an unclosed brace, bracket, parenthesis or quote continues on the
 * next; for completion, the word is the name-like text at the cursor ({@code Wor} in {@code event: 'Wor}).
 */
final class ShellParser implements Parser {
    private final DefaultParser lines = new DefaultParser();

    ShellParser() {
        lines.setEscapeChars(new char[0]);
    }

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) throws SyntaxError {
        if (context == ParseContext.COMPLETE) return wordAt(line, cursor);
        if (line.startsWith(":")) return wordAt(line, line.length());
        if (context == ParseContext.ACCEPT_LINE) {
            if (tripleQuoteOpen(line)) throw new EOFError(-1, -1, "unclosed triple quote", "\"\"\"");
            String open = unclosed(line);
            if (open != null) throw new EOFError(-1, -1, "unclosed " + open, open);
        }
        return lines.parse(line, cursor, context);
    }

    /**
     * The bracket or quote left open at the end of {@code text}, or null. A stray closing bracket does not make the
     * entry incomplete: Groovy reports it as a syntax error when the line is accepted.
     */
    static String unclosed(String text) {
        int depth = 0;
        char quote = '\0';
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != '\0') {
                if (c == '\\') i++;
                else if (c == quote) quote = '\0';
                continue;
            }
            if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
                int nl = text.indexOf('\n', i);
                if (nl < 0) break;
                i = nl;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth = Math.max(0, depth - 1);
            }
        }
        if (quote != '\0') return String.valueOf(quote);
        return depth > 0 ? "bracket" : null;
    }

    private static boolean tripleQuoteOpen(String line) {
        int n = 0;
        for (int i = line.indexOf("\"\"\""); i >= 0; i = line.indexOf("\"\"\"", i + 3)) n++;
        int m = 0;
        for (int i = line.indexOf("'''"); i >= 0; i = line.indexOf("'''", i + 3)) m++;
        return n % 2 == 1 || m % 2 == 1;
    }

    /** True for characters that can be part of a completable word: names, event spellings, paths, ids. */
    static boolean wordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '/' || c == '~' || c == '$';
    }

    static Word wordAt(String line, int cursor) {
        int start = cursor;
        while (start > 0 && wordChar(line.charAt(start - 1))) start--;
        String typed = line.substring(start, cursor);
        CompletionContext context = CompletionContext.of(line.substring(0, start));
        // A value that must be quoted, typed without its quote: match candidates as if the quote were there.
        String word = context.wantsQuotes() ? "'" + typed : typed;
        return new Word(line, cursor, word, typed.length(), context);
    }

    /** The word under the cursor; {@code word} may carry a virtual opening quote the line lacks. */
    record Word(String line, int cursor, String word, int rawLength, CompletionContext context)
            implements CompletingParsedLine {
        @Override public int wordCursor() { return word.length(); }
        @Override public int wordIndex() { return 0; }
        @Override public List<String> words() { return List.of(word); }
        @Override public CharSequence escape(CharSequence candidate, boolean complete) { return candidate; }
        @Override public int rawWordCursor() { return rawLength; }
        @Override public int rawWordLength() { return rawLength; }
    }
}
