package io.tabhook.repl;

import org.jline.reader.EOFError;
import org.jline.reader.Parser.ParseContext;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Enter on an entry: what continues on the next line, and what is handed to Groovy (to run, or to report). */
class ShellParserTest {
    final ShellParser parser = new ShellParser();

    void continues(String entry, String missing) {
        EOFError e = assertThrows(EOFError.class, () -> parser.parse(entry, entry.length(), ParseContext.ACCEPT_LINE),
                entry);
        assertEquals(missing, e.getMissing(), entry);
    }

    void accepted(String entry) {
        assertDoesNotThrow(() -> parser.parse(entry, entry.length(), ParseContext.ACCEPT_LINE), entry);
    }

    @Test
    void openBracketsMultiLineStringsAndBlockCommentsContinue() {
        continues("createWebhook(name: 'x',", "(");
        continues("webhooks().each {", "{");
        continues("s = '''first line", "'''");
        continues("s = \"\"\"Hello ${", "${");
        continues("re = /multi", "/");
        continues("x = 1 /* a note", "/*");
        continues("createWebhook(name: 'x',\n  event: [", "[");
        continues("x = 'line \\", "'");
    }

    @Test
    void closedEntriesAndBrokenQuotesAreAcceptedForGroovyToRunOrReport() {
        accepted("createWebhook(name: 'x',\n  event: 'ViewDeleted')");
        accepted("webhooks // what's here (");
        accepted("x = \"${[a: '}'].a}\"");
        accepted("x = 4 / 2");
        accepted("name = \"Bob's hook\"");
        accepted("x = 'no closing quote");
        accepted("f('abc\n)");
        accepted(":load it's (odd).groovy");
        accepted("a ) ] }");
    }
}
