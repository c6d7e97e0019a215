package io.tabhook.client;

import io.tabhook.api.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Secrets never survive into what a trace shows, in any spelling Tableau or a user's server may use. */
class RedactionTest {
    private static final String TOKEN = "Bq1xQZ7uXJ9tN0v2rLw|gKqP4mW8sD3eF6hJ";

    @Test
    void hidesTheTokenOfAnXmlSignInAnswerButKeepsItsStart() {
        String xml = "<credentials token=\"" + TOKEN + "\"><site id=\"s\" contentUrl=\"\"/></credentials>";
        String out = Redaction.body(xml);
        assertEquals("<credentials token=\"Bq1…(redacted)\"><site id=\"s\" contentUrl=\"\"/></credentials>", out);
    }

    @Test
    void hidesXmlAttributesInSingleQuotesAndWithSpacesAroundTheEqualsSign() {
        String xml = "<credentials name='admin' password = 'p@ss\"word' personalAccessTokenSecret=\n'Yx8==:Qv2'/>";
        String out = Redaction.body(xml);
        assertFalse(out.contains("p@ss"), out);
        assertFalse(out.contains("Yx8"), out);
        assertTrue(out.contains("password = '********'"), out);
        assertTrue(out.contains("name='admin'"), out);
    }

    @Test
    void hidesTheFixturePasswordAndPatSecretsInBothFormats() {
        for (String file : new String[] {"signin-request-password.xml", "signin-request-pat.xml", "signin-request-pat.json"}) {
            String out = Redaction.body(Fixtures.text(file));
            assertFalse(out.contains("s3cret"), out);
            assertFalse(out.contains("Qv2"), out);
            assertTrue(out.contains("marketing"), "the site stays visible: " + out);
        }
    }

    @Test
    void hidesTheFixtureTokensInBothFormats() {
        assertFalse(Redaction.body(Fixtures.text("signin-response.xml")).contains("gKq"));
        assertFalse(Redaction.body(Fixtures.text("signin-response.json")).contains("q2N"));
    }

    @Test
    void leavesTheTokenNameAndOtherNamesAlone() {
        String xml = "<credentials personalAccessTokenName=\"ci-bot\" personalAccessTokenSecret=\"abcdefghijklmnop\"/>";
        assertEquals("<credentials personalAccessTokenName=\"ci-bot\" personalAccessTokenSecret=\"********\"/>",
                Redaction.body(xml));
        String json = "{\"personalAccessTokenName\":\"ci-bot\",\"tokenName\":\"x\",\"name\":\"token\"}";
        assertEquals(json, Redaction.body(json));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"credentials\":{\"token\":\"%s\"}}",
            "{ \"credentials\" : { \"token\" : \"%s\" } }",
            "{\n  \"credentials\": {\n    \"token\":\n      \"%s\"\n  }\n}",
            "{\"TOKEN\":\"%s\"}"})
    void hidesJsonTokensWhateverTheSpacing(String shape) {
        String out = Redaction.body(shape.formatted(TOKEN));
        assertFalse(out.contains("gKqP4"), out);
        assertFalse(out.contains("xQZ7"), out);
        assertTrue(out.contains("Bq1…(redacted)"), out);
    }

    @Test
    void hidesJsonSecretsWithEscapedQuotesInside() {
        String json = "{\"credentials\":{\"name\":\"admin\",\"password\":\"a\\\"b\\\\c-rest-of-it\",\"site\":{}}}";
        String out = Redaction.body(json);
        assertEquals("{\"credentials\":{\"name\":\"admin\",\"password\":\"********\",\"site\":{}}}", out);
    }

    @Test
    void hidesAJsonPasswordGivenAsANumber() {
        assertEquals("{\"password\":\"********\"}", Redaction.body("{\"password\":123456789}"));
    }

    @Test
    void hidesEveryKindOfCredentialInOneBody() {
        String json = "{\"credentials\":{\"jwt\":\"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl\","
                + "\"personalAccessTokenSecret\":\"pat-secret-value\",\"password\":\"pw-value\",\"token\":\"" + TOKEN + "\"}}";
        String out = Redaction.body(json);
        for (String secret : new String[] {"eyJzdWIi", "pat-secret-value", "pw-value", "gKqP4"}) {
            assertFalse(out.contains(secret), out);
        }
    }

    @Test
    void hidesSecretsCarriedAsXmlElements() {
        String xml = "<auth><t:token xmlns:t=\"x\">" + TOKEN + "</t:token><password>pw</password></auth>";
        String out = Redaction.body(xml);
        assertFalse(out.contains("gKqP4"), out);
        assertFalse(out.contains(">pw<"), out);
    }

    @Test
    void hidesShortSecretsCompletely() {
        assertEquals("<credentials token=\"********\"/>", Redaction.body("<credentials token=\"abc|def\"/>"));
        assertEquals("********", Redaction.mask("token", "short"));
        assertEquals("", Redaction.mask("password", ""));
        assertNull(Redaction.mask("password", null));
    }

    @Test
    void aPasswordNeverKeepsItsStart() {
        assertEquals("********", Redaction.mask("password", "a-very-long-password-indeed"));
    }

    @Test
    void hidesTheAuthHeaderWhateverItsCase() {
        assertEquals("Bq1…(redacted)", Redaction.header("X-Tableau-Auth", TOKEN));
        assertEquals("Bq1…(redacted)", Redaction.header("x-tableau-auth", TOKEN));
        assertEquals("********", Redaction.header("Authorization", "Bearer abc"));
        assertEquals("application/xml", Redaction.header("Accept", "application/xml"));
    }

    @Test
    void hidesTheSessionCookieButKeepsItsAttributes() {
        String out = Redaction.header("Set-Cookie", "workgroup_session_id=" + TOKEN + "; Path=/; Secure; HttpOnly");
        assertEquals("workgroup_session_id=Bq1…(redacted); Path=/; Secure; HttpOnly", out);
        String cookie = Redaction.header("Cookie", "workgroup_session_id=" + TOKEN + "; XSRF-TOKEN=abcdefghijklmnop");
        assertFalse(cookie.contains("gKqP4"), cookie);
        assertFalse(cookie.contains("defghijk"), cookie);
    }

    @Test
    void headerMapsAreRedactedAndLookedUpIgnoringCase() {
        Map<String, String> out = Redaction.headers(Map.of("X-Tableau-Auth", TOKEN, "Accept", "application/json"));
        assertEquals("Bq1…(redacted)", out.get("x-tableau-auth"));
        assertEquals("application/json", out.get("ACCEPT"));
    }

    @Test
    void leavesBodiesWithoutSecretsUntouched() {
        String list = Fixtures.text("webhooks-list.xml");
        assertEquals(list, Redaction.body(list));
        assertEquals("", Redaction.body(""));
        assertNull(Redaction.body(null));
    }
}
