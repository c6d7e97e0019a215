package io.tabhook.repl;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The colours a user sees while typing: one row per place in a line ({@code ⏎} a line break), with its colour. */
class ShellHighlighterTest {

    @ParameterizedTest(name = "{1} in {0} → {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            // line                                                             | at                | colour
            "`hook = createWebhook name: 'x', event: 'WorkbookCreated' // go`   | createWebhook     | WORD",
            "`hook = createWebhook name: 'x', event: 'WorkbookCreated' // go`   | 'x'               | STRING",
            "`hook = createWebhook name: 'x', event: 'WorkbookCreated' // go`   | 'WorkbookCreated' | EVENT",
            "`hook = createWebhook name: 'x', event: 'WorkbookCreated' // go`   | // go             | COMMENT",
            "`hook = createWebhook name: 'x', event: 'WorkbookCreated' // go`   | hook              | PLAIN",
            "`hook = createWebhook name: 'x', event: 'WorkbookCreated' // go`   | name              | PLAIN",
            "`waitForPayload timeout: 15`                                       | 15                | NUMBER",
            "`:format json`                                                     | :format           | META",
            "`createWebhook event: ViewDeleted`                                 | ViewDeleted       | EVENT",
            "`x.webhooks`                                                       | webhooks          | PLAIN",
            "`println \"hook ${webhook('a').name} is 'quoted'\"`                | \"hook            | STRING",
            "`println \"hook ${webhook('a').name} is 'quoted'\"`                | webhook(          | WORD",
            "`println \"hook ${webhook('a').name} is 'quoted'\"`                | 'a'               | STRING",
            "`println \"hook ${webhook('a').name} is 'quoted'\"`                | ' is 'quoted''    | STRING",
            "`createWebhook name: \"Bob's hook\", event: 'ViewDeleted'`         | s hook            | STRING",
            "`createWebhook name: \"Bob's hook\", event: 'ViewDeleted'`         | event             | PLAIN",
            "`createWebhook name: \"Bob's hook\", event: 'ViewDeleted'`         | 'ViewDeleted'     | EVENT",
            "`webhooks // isn't it⏎serverInfo()`                                | serverInfo        | WORD",
            "`x = 4 / 2 / webhooks`                                             | / webhooks        | PLAIN",
            "`x = 4 / 2 / webhooks`                                             | webhooks          | WORD",
            "`x = 'WorkbookCrea`                                                | 'WorkbookCrea     | STRING",
            "`x = 'WorkbookCreated`                                             | 'WorkbookCreated  | EVENT",
    })
    void eachPlaceHasItsColour(String row, String at, String colour) {
        String line = row.replace("⏎", "\n");
        String part = at.startsWith("'") && at.endsWith("'") && at.length() > 2 && at.contains(" ")
                ? at.substring(1, at.length() - 1) : at;
        AttributedString shown = ShellHighlighter.highlight(line);
        assertEquals(line, shown.toString(), "highlighting never changes the text");
        AttributedStyle expected = switch (colour) {
            case "WORD" -> ShellHighlighter.WORD;
            case "STRING" -> ShellHighlighter.STRING;
            case "EVENT" -> ShellHighlighter.EVENT;
            case "NUMBER" -> ShellHighlighter.NUMBER;
            case "COMMENT" -> ShellHighlighter.COMMENT;
            case "META" -> ShellHighlighter.META;
            default -> AttributedStyle.DEFAULT;
        };
        assertEquals(expected, shown.styleAt(line.indexOf(part)), row + " at " + part);
    }
}
