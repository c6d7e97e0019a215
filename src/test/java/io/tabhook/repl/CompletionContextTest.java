package io.tabhook.repl;

import io.tabhook.repl.CompletionContext.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What Tab offers, decided by where the cursor stands: one row per cursor position ({@code |}; {@code ⏎} is a line
 * break inside a continued entry), with the kind of completion, the text being completed (with the quote the user
 * opened, or the one completion adds: {@code ^'}) and the word, key or receiver the decision rests on.
 */
class CompletionContextTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', nullValues = "-", value = {
            // line                                              | kind        | typed        | word/key/receiver
            "`createWebhook event: 'Wor|`                        | EVENT       | 'Wor         | createWebhook/event",
            "`createWebhook event: \"Wor|`                       | EVENT       | \"Wor        | createWebhook/event",
            "`createWebhook name: 'x', event: Workbook|`         | EVENT       | Workbook     | createWebhook/event",
            "`createWebhook ev|`                                 | KEY_OR_WORD | ev           | createWebhook",
            "`createWebhook |`                                   | KEY_OR_WORD | ''           | createWebhook",
            "`createWebhook(name: 'a', |`                        | KEY_OR_WORD | ''           | createWebhook",
            "`hook = createWebhook name: 'a', ur|`               | KEY_OR_WORD | ur           | createWebhook",
            "`def p = waitForPayload event: 'Wor|`               | EVENT       | 'Wor         | waitForPayload/event",
            "`updateWebhook '|`                                  | WEBHOOK     | '            | updateWebhook",
            "`updateWebhook hook, ena|`                          | KEY_OR_WORD | ena          | updateWebhook",
            "`updateWebhook hook, enabled: f|`                   | BOOLEAN     | f            | updateWebhook/enabled",
            "`x = webhook('my|`                                  | WEBHOOK     | 'my          | webhook",
            "`deleteWebhook Bo|`                                 | WEBHOOK     | ^'Bo         | deleteWebhook",
            "`deleteWebhook \"Bob's h|`                          | WEBHOOK     | \"Bob's h    | deleteWebhook",
            "`deleteWebhook 'Bob\\'s h|`                         | WEBHOOK     | 'Bob\\'s h   | deleteWebhook",
            "`signIn format: j|`                                 | FORMAT      | ^'j          | signIn/format",
            "`signIn 'password': 'x', us|`                       | KEY_OR_WORD | us           | signIn",
            "`help cre|`                                         | WORD_NAME   | ^'cre        | help",
            "`inbox.|`                                           | MEMBER      | ''           | inbox",
            "`sandbox.cre|`                                      | MEMBER      | cre          | sandbox",
            "`p = inbox.last; p.resource_n|`                     | MEMBER      | resource_n   | p",
            "`webhooks().findAll { it.ena|`                      | MEMBER      | ena          | it",
            "`webhooks().first().na|`                            | NONE        | na           | -",
            "`:fo|`                                              | META        | fo           | -",
            "`:format |`                                         | META_ARG    | ''           | format",
            "`:format js|`                                       | META_ARG    | js           | format",
            "`:help cr|`                                         | META_ARG    | cr           | help",
            "`:load docs/wo|`                                    | FILE        | docs/wo      | load",
            "`|`                                                 | WORD        | ''           | -",
            "`webh|`                                             | WORD        | webh         | -",
            "`x = 4 / webho|`                                    | WORD        | webho        | -",
            "`x = /abc|`                                         | NONE        | /abc         | -",
            "`println \"hook ${webho|`                           | WORD        | webho        | -",
            "`println \"hook ${webhook('Bo|`                     | WEBHOOK     | 'Bo          | webhook",
            "`println \"Wor|`                                    | NONE        | \"Wor        | -",
            "`createWebhook event: \"${e}Wor|`                   | NONE        | Wor          | -",
            "`\"\"\"multi⏎line ${webho|`                         | WORD        | webho        | -",
            "`'''no ${interpolation|`                            | NONE        | '''no ${interpolation | -",
            "`webhooks // list them|`                            | NONE        | ''           | -",
            "`/* note */ createWebhook ev|`                      | KEY_OR_WORD | ev           | createWebhook",
            "`// first⏎createWebhook event: 'Wor|`               | EVENT       | 'Wor         | createWebhook/event",
            "`x = 1 /* open comment ev|`                         | NONE        | ''           | -",
            "`createWebhook(name: 'x',⏎  event: 'Wor|`           | EVENT       | 'Wor         | createWebhook/event",
            "`createWebhook(name: 'x',⏎  ur|`                    | KEY_OR_WORD | ur           | createWebhook",
            "`createWebhook name: 'x',⏎  event: 'Wor|`           | EVENT       | 'Wor         | createWebhook/event",
            "`createWebhook name: 'x'⏎webho|`                    | WORD        | webho        | -",
            "`webhook 'a'; createWebhook ev|`                    | KEY_OR_WORD | ev           | createWebhook",
            "`createWebhook(name: 'a') |`                        | WORD        | ''           | -",
            "`[event: 'Wor|`                                     | EVENT       | 'Wor         | -/event",
            "`x = on ? 'a' : 'Wor|`                              | NONE        | 'Wor         | -",
            "`createWebhook name: webhook('a').name, ev|`        | KEY_OR_WORD | ev           | createWebhook",
            "`sandbox.createWorkbook('Q|`                        | NONE        | 'Q           | -",
            "`timeout: 1|`                                       | NONE        | ''           | -",
            "`exportPostmanEnvironment '~/ex|`                   | FILE        | '~/ex        | exportPostmanEnvironment",
    })
    void theCursorDecidesWhatTabOffers(String row, Kind kind, String typed, String on) {
        String line = row.replace("⏎", "\n");
        int cursor = line.indexOf('|');
        line = line.substring(0, cursor) + line.substring(cursor + 1);
        CompletionContext ctx = CompletionContext.at(line, cursor);
        String expectedTyped = typed.equals("''") ? "" : typed;
        ShellParser.Word word = ShellParser.wordAt(line, cursor);

        assertEquals(kind, ctx.kind(), row);
        if (expectedTyped.startsWith("^")) {
            assertEquals(expectedTyped.substring(1), word.word(), "the quote completion adds: " + row);
            assertEquals(expectedTyped.length() - 2, word.rawWordLength(), row);
        } else {
            assertEquals(expectedTyped, word.word(), row);
            assertEquals(expectedTyped.length(), word.rawWordLength(), row);
        }
        String[] parts = on == null ? new String[] {"-"} : on.split("/");
        String decidedBy = kind == Kind.MEMBER ? ctx.receiver()
                : kind == Kind.META_ARG || kind == Kind.FILE && ctx.word() == null ? ctx.key()
                : ctx.word() == null ? "-" : ctx.word().name();
        assertEquals(parts[0], decidedBy == null ? "-" : decidedBy, row);
        if (parts.length > 1) assertEquals(parts[1], ctx.key(), row);
    }
}
