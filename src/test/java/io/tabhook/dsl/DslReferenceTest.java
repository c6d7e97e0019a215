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
    void everyWordHasHelpAndAnExample() {
        for (Word w : Words.all().values()) {
            assertTrue(!w.summary().isBlank() && w.example() != null && !w.example().isBlank(), w.name());
            assertTrue(w.help().startsWith(w.usage()), w.name());
        }
    }
}
