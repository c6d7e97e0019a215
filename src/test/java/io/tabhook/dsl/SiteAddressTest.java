package io.tabhook.dsl;

import io.tabhook.sandbox.Demo;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sites as people name them: the browser's address, or the site's display name where Tableau needs the contentUrl. */
class SiteAddressTest extends InterpreterOnLoopback {
    private final List<String> logged = new CopyOnWriteArrayList<>();

    @Test
    void theBrowserAddressOfASiteSignsInToThatSite() {
        Interpreter e = interpreter(Map.of(), logged::add);
        e.evaluate("signIn server: '" + sandbox.baseUrl() + "/#/site/" + Demo.WORKSHOP_SITE + "/home', "
                + "user: 'admin', password: 'admin'");
        assertEquals(Demo.WORKSHOP_SITE, e.evaluate("session.site"));
        assertEquals(sandbox.baseUrl().toString(), e.evaluate("session.server"));
    }

    @Test
    void aSiteGivenByItsDisplayNameGetsAHintWhereTheContentUrlIs() {
        Interpreter e = interpreter(Map.of(), logged::add);
        DslException x = assertThrows(DslException.class, () -> e.evaluate("signIn site: 'Workshop Site'"));
        assertTrue(x.getMessage().startsWith("Tableau 401001 Signin Error"), x.getMessage());
        assertTrue(x.getMessage().contains("'Workshop Site' cannot be a contentUrl (only letters, digits, - and _), "
                + "perhaps the site's display name: the site's contentUrl is the part after #/site/ in its browser "
                + "address (https://10ax.online.tableau.com/#/site/mysitedev123/home: mysitedev123)"), x.getMessage());
        assertFalse(x.getMessage().contains("\n"));
    }

    @Test
    void anUnknownSiteThatCouldBeAContentUrlGetsTheHintAsAQuestion() {
        Interpreter e = interpreter(Map.of(), logged::add);
        DslException x = assertThrows(DslException.class, () -> e.evaluate("signIn site: 'workshop-site'"));
        assertTrue(x.getMessage().contains("if 'workshop-site' is the site's display name rather than its contentUrl: "),
                x.getMessage());
    }

    @Test
    void aWrongPasswordOnTheDefaultSiteGetsNoSiteHint() {
        Interpreter e = interpreter(Map.of(), logged::add);
        io.tabhook.api.TableauError x = assertThrows(io.tabhook.api.TableauError.class,
                () -> e.evaluate("signIn 'admin', 'not-the-password'"));
        assertEquals("401001", x.code(), "Tableau's error as it came, without a hint about sites");
    }
}
