package io.tabhook.repl;

import io.tabhook.dsl.GroovyTokens;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.SyntaxError;
import org.jline.reader.impl.DefaultParser;

import java.util.List;

/**
 * The shell's reading of an entry, from {@link GroovyTokens}: an entry whose bracket, multi-line string or block
 * comment is open continues on the next line; for completion, the word is what {@link CompletionContext} says is
 * being typed ({@code 'Wor} in {@code event: 'Wor}). Other uses (splitting a line into words for JLine's widgets)
 * keep JLine's DefaultParser, which does that job.
 */
final class ShellParser implements Parser {
    private final DefaultParser lines = new DefaultParser();

    ShellParser() {
        lines.setEscapeChars(new char[0]);
    }

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) throws SyntaxError {
        if (context == ParseContext.COMPLETE) return wordAt(line, cursor);
        if (line.startsWith(":")) return wordAt(line, line.length()); // a meta command is not Groovy
        if (context == ParseContext.ACCEPT_LINE) {
            GroovyTokens tokens = GroovyTokens.of(line);
            if (tokens.continues()) {
                List<String> open = tokens.open();
                String missing = open.get(open.size() - 1);
                throw new EOFError(-1, -1, "unclosed " + missing, missing);
            }
        }
        return lines.parse(line, cursor, context);
    }

    static Word wordAt(String line, int cursor) {
        CompletionContext context = CompletionContext.at(line, cursor);
        String typed = context.typed();
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
