package io.tabhook.dsl;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DslReferenceTest {
    private static final Path DOC = Path.of("docs/dsl.md");

    @Test
    void docsDslMdIsWhatTheWordsSayOfThemselves() throws Exception {
        String expected = Reference.markdown();
        if (Boolean.getBoolean("tabhook.updateDocs")) Files.writeString(DOC, expected);
        assertTrue(Files.exists(DOC), "docs/dsl.md is missing; run mvn -q test -Dtest=DslReferenceTest -Dtabhook.updateDocs=true");
        assertEquals(expected, Files.readString(DOC),
                "docs/dsl.md drifted from the words' help text; run mvn -q test -Dtest=DslReferenceTest -Dtabhook.updateDocs=true");
    }

    @Test
    void docsDslMdListsInboxForwardToAndEverySubWord() throws Exception {
        String doc = Files.readString(DOC);
        assertTrue(doc.contains("[`inbox.forwardTo`](#inboxforwardto)") && doc.contains("\n## inbox.forwardTo\n"));
        for (String group : Words.groups()) {
            for (Word w : Words.group(group)) {
                assertTrue(doc.contains("\n## " + w.name() + "\n"), w.name() + " has a section");
                assertTrue(doc.contains("\n" + w.usage() + "\n"), w.name() + " shows its usage");
            }
        }
        assertTrue(doc.contains("signIn([user][, password], server: URL, site: SITE, pat: PAT, "
                + "secret: SECRET, jwt: JWT"), "signIn's usage shows user and password as values, and jwt:");
    }

    @Test
    void architectureMdShowsAWordAsItIsInTheCode() throws Exception {
        String doc = Files.readString(Path.of("docs/architecture.md"));
        int start = doc.indexOf("```java\n");
        String example = doc.substring(start + 8, doc.indexOf("```", start + 8));
        String code = Files.readString(Path.of("src/main/java/io/tabhook/dsl/InboxWords.java"));
        assertTrue(code.replaceAll("\\s+", " ").contains(example.replaceAll("\\s+", " ").strip()),
                "the declaration shown in docs/architecture.md is no longer InboxWords' own:\n" + example);
    }
}
