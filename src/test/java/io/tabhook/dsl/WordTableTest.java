package io.tabhook.dsl;

import groovy.lang.Binding;
import groovy.lang.GroovyShell;
import groovy.lang.MetaClass;
import groovy.lang.Script;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.runtime.InvokerHelper;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every word a script can reach is declared in the table, and every declaration is a word a script can reach. */
class WordTableTest {

    @Test
    void everyDeclarationHasAHandlerHelpAndAnExample() {
        for (Word w : Words.all().values()) {
            assertNotNull(w.handler(), w.name());
            assertFalse(w.summary().isBlank() || w.example().isBlank(), w.name());
            assertTrue(w.help().startsWith(w.usage() + "\n"), w.name());
            if (w.group() != null) assertTrue(Words.find(w.group()).isPresent(), w.name() + " has a group word");
        }
        assertEquals(List.of("inbox", "sandbox", "session"), Words.groups());
    }

    @Test
    void theScriptBaseClassDeclaresNoWordOfItsOwn() {
        Set<String> own = new TreeSet<>();
        for (Method m : TabhookScript.class.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers())) own.add(m.getName());
        }
        assertEquals(Set.of("methodMissing", "propertyMissing"), own,
                "a public method on TabhookScript would be a word outside the table");
    }

    @Test
    void noTopLevelWordIsHiddenByAMethodOrPropertyGroovyFindsFirst() {
        CompilerConfiguration config = new CompilerConfiguration();
        config.setScriptBaseClass(TabhookScript.class.getName());
        Script script = new GroovyShell(WordTableTest.class.getClassLoader(), new Binding(), config).parse("1");
        MetaClass meta = InvokerHelper.getMetaClass(script);
        assertFalse(meta.respondsTo(script, "println").isEmpty(), "the check sees Groovy's own methods");
        for (Word w : Words.topLevel()) {
            assertTrue(meta.respondsTo(script, w.name()).isEmpty(), w.name() + " would never reach the table");
            assertNull(meta.hasProperty(script, w.name()), w.name() + " would never reach the table");
        }
    }

    @Test
    void aGroupAnswersOnlyWithItsDeclaredWords() {
        Interpreter e = new Interpreter(new Dsl(new io.tabhook.session.Session(new io.tabhook.session.Settings(),
                java.time.Duration.ofSeconds(5)), null, null, Console.stderr(), name -> null));
        Set<String> javaOnly = Set.of("toString", "equals", "hashCode", "getClass");
        List<String> members = Arrays.stream(WordGroup.class.getMethods()).map(Method::getName)
                .filter(n -> !javaOnly.contains(n)).distinct().toList();
        assertTrue(members.contains("name") && members.contains("invokeMethod"), members.toString());
        for (String member : members) {
            DslException x = org.junit.jupiter.api.Assertions.assertThrows(DslException.class,
                    () -> e.evaluate("session." + member + "()"), member);
            assertTrue(x.getMessage().startsWith("session has no word '" + member + "'"), x.getMessage());
        }
        assertEquals(WordGroup.class, e.evaluate("session.getClass()"));
        assertTrue((Boolean) e.evaluate("session.signedIn == false"));
    }

    @Test
    void theSubWordsOfAGroupAreItsDeclaredWords() {
        assertTrue(Words.group("inbox").stream().anyMatch(w -> w.name().equals("inbox.forwardTo")));
        assertTrue(Words.group("sandbox").stream().map(Word::name).toList()
                .containsAll(List.of("sandbox.fire", "sandbox.createWorkbook", "sandbox.refreshWorkbook")));
        assertTrue(Words.group("session").stream().anyMatch(w -> w.name().equals("session.siteId")));
        assertTrue(Words.group("signIn").isEmpty());
    }

    @Test
    void usageLinesAreWrittenFromTheArguments() {
        assertEquals("updateWebhook(hook, enabled: true|false, reason: REASON, name: NAME, event: EVENT, url: URL)",
                Words.find("updateWebhook").orElseThrow().usage());
        assertEquals("env(name[, default])", Words.find("env").orElseThrow().usage());
        assertEquals("events([filter])", Words.find("events").orElseThrow().usage());
        assertEquals("waitForPayload(event: EVENT, hook: HOOK, name: NAME, resource: RESOURCE, timeout: N, fresh: true|false) "
                + "{ where }", Words.find("waitForPayload").orElseThrow().usage());
        assertEquals("sandbox.refreshWorkbook([name], failed: true|false)",
                Words.find("sandbox.refreshWorkbook").orElseThrow().usage());
        assertEquals("inbox.url", Words.find("inbox.url").orElseThrow().usage());
        assertTrue(Words.find("inbox.url").orElseThrow().bare());
        assertFalse(Words.find("inbox.forwardTo").orElseThrow().bare());
    }
}
