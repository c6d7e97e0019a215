package io.tabhook.repl;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The colours a user sees while typing, character by character. */
class ShellHighlighterTest {

    /** The style at the first character of {@code part} in {@code line}. */
    static AttributedStyle styleOf(String line, String part) {
        AttributedString s = ShellHighlighter.highlight(line);
        assertEquals(line, s.toString(), "highlighting never changes the text");
        return s.styleAt(line.indexOf(part));
    }

    @Test
    void wordsStringsEventsNumbersCommentsAndMetaCommands() {
        String line = "hook = createWebhook name: 'x', event: 'WorkbookCreated', timeout: 15 // go";
        assertEquals(ShellHighlighter.WORD, styleOf(line, "createWebhook"));
        assertEquals(ShellHighlighter.STRING, styleOf(line, "'x'"));
        assertEquals(ShellHighlighter.EVENT, styleOf(line, "'WorkbookCreated'"));
        assertEquals(ShellHighlighter.NUMBER, styleOf(line, "15"));
        assertEquals(ShellHighlighter.COMMENT, styleOf(line, "// go"));
        assertEquals(AttributedStyle.DEFAULT, styleOf(line, "hook"));
        assertEquals(AttributedStyle.DEFAULT, styleOf(line, "name"));
        assertEquals(ShellHighlighter.META, styleOf(":format json", ":format"));
        assertEquals(ShellHighlighter.EVENT, styleOf("createWebhook event: ViewDeleted", "ViewDeleted"));
    }

    @Test
    void aMemberNamedLikeAWordIsNotAWordAndCodeInsideAStringIsCode() {
        assertEquals(AttributedStyle.DEFAULT, styleOf("x.webhooks", "webhooks"));
        String line = "println \"hook ${webhook('a').name} is 'quoted'\"";
        assertEquals(ShellHighlighter.STRING, styleOf(line, "\"hook"));
        assertEquals(ShellHighlighter.WORD, styleOf(line, "webhook("));
        assertEquals(ShellHighlighter.STRING, styleOf(line, "'a'"));
        assertEquals(ShellHighlighter.STRING, styleOf(line, " is 'quoted'"));
    }

    @Test
    void anApostropheInADoubleQuotedStringOrAFunnyQuoteInACommentOpensNothing() {
        String line = "createWebhook name: \"Bob's hook\", event: 'ViewDeleted'";
        assertEquals(ShellHighlighter.STRING, styleOf(line, "s hook"));
        assertEquals(AttributedStyle.DEFAULT, styleOf(line, "event"));
        assertEquals(ShellHighlighter.EVENT, styleOf(line, "'ViewDeleted'"));
        String commented = "webhooks // isn't it\nserverInfo()";
        assertEquals(ShellHighlighter.WORD, styleOf(commented, "serverInfo"));
        assertEquals(AttributedStyle.DEFAULT, styleOf("x = 4 / 2 / webhooks", "/ webhooks"));
        assertEquals(ShellHighlighter.WORD, styleOf("x = 4 / 2 / webhooks", "webhooks"));
    }
}
