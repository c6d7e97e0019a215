package io.tabhook.dsl;

import groovy.lang.GroovyShell;
import io.tabhook.dsl.GroovyTokens.Kind;
import io.tabhook.dsl.GroovyTokens.Token;
import org.codehaus.groovy.control.CompilationFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one Groovy reading of a typed line: tokens with positions, and what is left open at its end. */
class GroovyTokensTest {

    /** Tokens as {@code KIND:text}, comments included, for compact expectations. */
    static String kinds(String line) {
        return GroovyTokens.of(line).tokens().stream().map(t -> t.kind() + ":" + t.text())
                .collect(Collectors.joining(" "));
    }

    static List<Token> strings(String line) {
        return GroovyTokens.of(line).tokens().stream().filter(Token::isString).toList();
    }

    @Test
    void namedArgumentsAreKeysWithTheirPositions() {
        String line = "hook = createWebhook name: 'x', event: \"WorkbookCreated\", enabled: true";
        assertEquals("IDENTIFIER:hook OPERATOR:= IDENTIFIER:createWebhook KEY:name OPERATOR:: STRING:'x' OPERATOR:, "
                + "KEY:event OPERATOR:: STRING:\"WorkbookCreated\" OPERATOR:, KEY:enabled OPERATOR:: KEYWORD:true",
                kinds(line));
        Token event = GroovyTokens.of(line).tokens().get(9);
        assertEquals(line.indexOf("\"Work"), event.start());
        assertEquals(line.indexOf(", enabled"), event.end());
        assertEquals("WorkbookCreated", event.value());
        assertTrue(event.wholeString());
    }

    @Test
    void aQuotedStringBeforeAColonIsAKeyButATernaryBranchIsNot() {
        List<Token> t = GroovyTokens.of("signIn 'password': 'X', \"secret\" : 'Y'").tokens();
        assertEquals(Kind.KEY, t.get(1).kind());
        assertEquals("password", t.get(1).value());
        assertEquals(Kind.KEY, t.get(5).kind());
        assertEquals("secret", t.get(5).value());
        assertEquals("IDENTIFIER:x OPERATOR:= IDENTIFIER:on OPERATOR:? STRING:'a' OPERATOR:: STRING:'b'",
                kinds("x = on ? 'a' : 'b'"));
        assertEquals("BRACKET:[ KEY:event OPERATOR:: STRING:'e' OPERATOR:, KEY:'quoted' OPERATOR:: NUMBER:1 BRACKET:]",
                kinds("[event: 'e', 'quoted': 1]"));
        assertEquals("IDENTIFIER:x OPERATOR:?: IDENTIFIER:y", kinds("x ?: y"));
    }

    @Test
    void anUnclosedQuoteIsOpenAtTheEndButGroovyWouldNotReadOnForIt() {
        GroovyTokens t = GroovyTokens.of("x = 'abc");
        assertEquals(List.of("'"), t.open());
        assertEquals("'", t.openString());
        assertFalse(t.continues(), "a '…' string cannot span lines");
        Token s = t.tokens().get(2);
        assertTrue(s.opens() && !s.closes());
        assertEquals("abc", s.value());

        GroovyTokens inCall = GroovyTokens.of("webhook(\"my");
        assertEquals(List.of("(", "\""), inCall.open());
        assertFalse(inCall.continues());
    }

    @Test
    void aBackslashAtTheEndOfAQuotedLineEscapesTheLineEnd() {
        assertTrue(GroovyTokens.of("x = 'abc\\").continues());
        assertFalse(GroovyTokens.of("x = 'abc\\\\").continues(), "an escaped backslash escapes nothing");
        GroovyTokens two = GroovyTokens.of("x = 'one \\\ntwo'");
        assertTrue(two.open().isEmpty());
        assertEquals("one two", strings("x = 'one \\\ntwo'").get(0).value());
    }

    @Test
    void aQuoteCutByALineEndIsBrokenAndStopsContinuation() {
        GroovyTokens t = GroovyTokens.of("x = 'abc\ny = (");
        assertEquals(List.of("("), t.open());
        assertFalse(t.continues(), "the entry is an error already: report it rather than wait");
    }

    @Test
    void unclosedBracketsAreOpenInOrderAndStrayClosersAreIgnored() {
        GroovyTokens t = GroovyTokens.of("foo(1, [2, {");
        assertEquals(List.of("(", "[", "{"), t.open());
        assertTrue(t.continues());
        assertTrue(GroovyTokens.of("a ) ] }").open().isEmpty());
        assertEquals(List.of("("), GroovyTokens.of("f(a]").open(), "a mismatched closer does not close the (");
        assertTrue(GroovyTokens.of("f([1, 2], {x -> x})").open().isEmpty());
    }

    @Test
    void tripleQuotedStringsSpanLines() {
        GroovyTokens open = GroovyTokens.of("s = '''one\ntwo");
        assertEquals(List.of("'''"), open.open());
        assertTrue(open.continues());
        List<Token> closed = strings("s = '''one\ntwo''' + \"\"\"three\n${n}\nfour\"\"\"");
        assertEquals("one\ntwo", closed.get(0).value());
        assertTrue(closed.get(0).wholeString());
        assertEquals("\"\"\"three\n", closed.get(1).text());
        assertTrue(closed.get(1).opens() && !closed.get(1).closes());
        assertEquals("\nfour", closed.get(2).value());
        assertTrue(GroovyTokens.of("x = '''it's \"fine\"'''").open().isEmpty());
    }

    @Test
    void escapesInQuotedStrings() {
        assertEquals("it's", strings("'it\\'s'").get(0).value());
        assertEquals("a \"q\" \\ $x", strings("\"a \\\"q\\\" \\\\ \\$x\"").get(0).value());
        assertEquals(1, strings("\"a \\\"q\\\" \\\\ \\$x\"").size(), "an escaped $ does not interpolate");
        assertEquals("A\tB\n", strings("'\\u0041\\tB\\n'").get(0).value());
        assertEquals("\0", strings("'\\0'").get(0).value());
    }

    @Test
    void interpolationNestsCodeAndStringsInsideStrings() {
        String line = "\"a ${ m[\"k\"] + \"${x}\" } b\"";
        assertEquals("STRING:\"a  INTERPOLATION:${ IDENTIFIER:m BRACKET:[ STRING:\"k\" BRACKET:] OPERATOR:+ "
                + "STRING:\" INTERPOLATION:${ IDENTIFIER:x INTERPOLATION:} STRING:\" INTERPOLATION:} STRING: b\"",
                kinds(line));
        assertTrue(GroovyTokens.of(line).open().isEmpty());
        assertTrue(GroovyTokens.of("\"${ \"}\" }\"").open().isEmpty(), "a } inside a string inside ${} closes nothing");
        assertTrue(GroovyTokens.of("\"${ [1].collect { it } }\"").open().isEmpty(), "braces inside ${} nest");

        GroovyTokens open = GroovyTokens.of("println \"hook ${webhook('a");
        assertEquals(List.of("\"", "${", "(", "'"), open.open());
        assertEquals("'", open.openString());
        GroovyTokens inCode = GroovyTokens.of("println \"hook ${webho");
        assertNull(inCode.openString(), "inside ${…} is code, not string");
        assertTrue(inCode.continues());
    }

    @Test
    void dollarNamesInterpolateWithTheirDottedPath() {
        assertEquals("STRING:\"hi  INTERPOLATION:$ IDENTIFIER:user OPERATOR:. IDENTIFIER:name STRING:, $5 and  "
                + "INTERPOLATION:$ IDENTIFIER:x STRING:.\"", kinds("\"hi $user.name, $5 and $x.\""));
        assertEquals(1, strings("'no $interpolation here'").size());
    }

    @Test
    void slashyStringsAndDivision() {
        assertEquals("IDENTIFIER:x OPERATOR:= IDENTIFIER:a OPERATOR:/ IDENTIFIER:b OPERATOR:/ NUMBER:2", kinds("x = a / b / 2"));
        assertEquals("BRACKET:( NUMBER:4 BRACKET:) OPERATOR:/ NUMBER:2", kinds("(4) / 2"));
        assertEquals("IDENTIFIER:i OPERATOR:++ OPERATOR:/ NUMBER:2", kinds("i++ / 2"));
        assertEquals("KEYWORD:this OPERATOR:/ NUMBER:2", kinds("this / 2"));
        assertEquals("IDENTIFIER:a COMMENT:/* c */ OPERATOR:/ NUMBER:2", kinds("a /* c */ / 2"));

        Token slashy = strings("x = /a\\/b\\d+/").get(0);
        assertEquals("/", slashy.quote());
        assertEquals("a/b\\d+", slashy.value());
        assertEquals("/", strings("re = ~/\\w+/").get(0).quote());
        assertEquals("/", strings("list.find(/x/)").get(0).quote());
        assertEquals(List.of("/"), GroovyTokens.of("x = /abc").open());
        assertTrue(GroovyTokens.of("x = /abc\ndef").continues(), "slashy strings span lines");

        Token dollar = strings("x = $/a $$ $/ b/$").get(0);
        assertEquals("$/", dollar.quote());
        assertEquals("a $ / b", dollar.value());
    }

    @Test
    void commentsAreTokensAndCommentedQuotesOpenNothing() {
        assertEquals("IDENTIFIER:webhooks COMMENT:// isn't it (", kinds("webhooks // isn't it ("));
        assertTrue(GroovyTokens.of("webhooks // isn't it (").open().isEmpty());
        assertTrue(GroovyTokens.of("webhooks // isn't").endsInComment());
        assertFalse(GroovyTokens.of("webhooks // note\nx").endsInComment());
        GroovyTokens block = GroovyTokens.of("x = 1 /* still");
        assertEquals(List.of("/*"), block.open());
        assertTrue(block.continues() && block.endsInComment());
        assertEquals("COMMENT:#!/usr/bin/env tabhook IDENTIFIER:signIn", kinds("#!/usr/bin/env tabhook\nsignIn"));
    }

    @Test
    void numbersKeepTheirSuffixAndRangesSplit() {
        assertEquals("NUMBER:1 OPERATOR:.. NUMBER:5", kinds("1..5"));
        assertEquals("NUMBER:0x1F NUMBER:1_000L NUMBER:1.5e-3d NUMBER:2G", kinds("0x1F 1_000L 1.5e-3d 2G"));
        assertEquals("NUMBER:3 OPERATOR:. IDENTIFIER:times", kinds("3.times"));
    }

    /** What the tokenizer says about continuation is what Groovy's compiler says about the same text. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "createWebhook(name: 'x',                   | true",
            "[1, 2].collect {                           | true",
            "s = '''one                                 | true",
            "s = \"\"\"a ${1 +                          | true",
            "x = /a                                     | true",
            "x = 1 /* note                              | true",
            "createWebhook(name: 'x', event: 'e')       | false",
            "x = 4 / 2 // a (comment                    | false",
            "s = \"${ [a: '}'] }\"                      | false",
            "x = /it's/                                 | false",
            "m = [(1): 'a']                             | false",
    })
    void continuationAgreesWithGroovysCompiler(String line, boolean continues) {
        String code = line.strip().replace("\\n", "\n");
        assertEquals(continues, GroovyTokens.of(code).continues(), code);
        GroovyShell groovy = new GroovyShell();
        if (continues) {
            assertThrows(CompilationFailedException.class, () -> groovy.parse(code), code);
        } else {
            groovy.parse(code);
        }
    }

    /** A completion writes a value back as a literal: Groovy must read exactly that value. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {"'", "\"", "'''", "\"\"\"", "/", "$/"})
    void literalsReadBackAsTheirValueInEveryDelimiter(String quote) {
        GroovyShell groovy = new GroovyShell();
        for (String value : List.of("Bob's hook", "say \"hi\"", "back\\slash", "$dollar ${x} $", "a/b/", "new\nline",
                "ends with \\", "/$ $/ $$")) {
            if (quote.equals("/") && value.endsWith("\\")) continue; // a slashy string cannot end with a backslash
            String literal = GroovyTokens.literal(value, quote);
            assertEquals(value, String.valueOf(groovy.evaluate("x = 1; " + literal)), literal);
            List<Token> parsed = GroovyTokens.of(literal).tokens();
            if (quote.equals("/") && value.contains("$")) continue; // written as ${'$'}: not one token
            assertEquals(1, parsed.size(), literal);
            assertTrue(parsed.get(0).wholeString(), literal);
            assertEquals(value, parsed.get(0).value(), literal);
        }
        assertEquals("'Bob\\'s hook'", GroovyTokens.literal("Bob's hook", null));
        assertEquals("\"Bob's hook\"", GroovyTokens.literal("Bob's hook", "\""));
    }
}
