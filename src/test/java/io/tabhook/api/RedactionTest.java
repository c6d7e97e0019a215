package io.tabhook.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
        String out = Secrets.redactBody(xml);
        assertEquals("<credentials token=\"Bq1x…(36 chars)\"><site id=\"s\" contentUrl=\"\"/></credentials>", out);
    }

    @Test
    void hidesXmlAttributesInSingleQuotesAndWithSpacesAroundTheEqualsSign() {
        String xml = "<credentials name='admin' password = 'p@ss\"word' personalAccessTokenSecret=\n'Yx8==:Qv2'/>";
        String out = Secrets.redactBody(xml);
        assertFalse(out.contains("p@ss"), out);
        assertFalse(out.contains("Yx8"), out);
        assertTrue(out.contains("password = '****'"), out);
        assertTrue(out.contains("name='admin'"), out);
    }

    @Test
    void hidesTheFixturePasswordAndPatSecretsInBothFormats() {
        for (String file : new String[] {"signin-request-password.xml", "signin-request-pat.xml", "signin-request-pat.json"}) {
            String out = Secrets.redactBody(Fixtures.text(file));
            assertFalse(out.contains("s3cret"), out);
            assertFalse(out.contains("Qv2"), out);
            assertTrue(out.contains("marketing"), "the site stays visible: " + out);
        }
    }

    @Test
    void hidesTheFixtureTokensInBothFormats() {
        assertFalse(Secrets.redactBody(Fixtures.text("signin-response.xml")).contains("gKq"));
        assertFalse(Secrets.redactBody(Fixtures.text("signin-response.json")).contains("q2N"));
    }

    @Test
    void leavesTheTokenNameAndOtherNamesAlone() {
        String xml = "<credentials personalAccessTokenName=\"ci-bot\" personalAccessTokenSecret=\"abcdefghijklmnop\"/>";
        assertEquals("<credentials personalAccessTokenName=\"ci-bot\" personalAccessTokenSecret=\"****\"/>",
                Secrets.redactBody(xml));
        String json = "{\"personalAccessTokenName\":\"ci-bot\",\"tokenName\":\"x\",\"name\":\"token\"}";
        assertEquals(json, Secrets.redactBody(json));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"credentials\":{\"token\":\"%s\"}}",
            "{ \"credentials\" : { \"token\" : \"%s\" } }",
            "{\n  \"credentials\": {\n    \"token\":\n      \"%s\"\n  }\n}",
            "{\"TOKEN\":\"%s\"}"})
    void hidesJsonTokensWhateverTheSpacing(String shape) {
        String out = Secrets.redactBody(shape.formatted(TOKEN));
        assertFalse(out.contains("gKqP4"), out);
        assertFalse(out.contains("xQZ7"), out);
        assertTrue(out.contains("Bq1x…(36 chars)"), out);
    }

    @Test
    void hidesJsonSecretsWithEscapedQuotesInside() {
        String json = "{\"credentials\":{\"name\":\"admin\",\"password\":\"a\\\"b\\\\c-rest-of-it\",\"site\":{}}}";
        String out = Secrets.redactBody(json);
        assertEquals("{\"credentials\":{\"name\":\"admin\",\"password\":\"****\",\"site\":{}}}", out);
    }

    @Test
    void hidesAJsonPasswordGivenAsANumber() {
        assertEquals("{\"password\":\"****\"}", Secrets.redactBody("{\"password\":123456789}"));
    }

    @Test
    void hidesEveryKindOfCredentialInOneBody() {
        String json = "{\"credentials\":{\"jwt\":\"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl\","
                + "\"personalAccessTokenSecret\":\"pat-secret-value\",\"password\":\"pw-value\",\"token\":\"" + TOKEN + "\"}}";
        String out = Secrets.redactBody(json);
        for (String secret : new String[] {"eyJzdWIi", "pat-secret-value", "pw-value", "gKqP4"}) {
            assertFalse(out.contains(secret), out);
        }
    }

    @Test
    void hidesSecretsCarriedAsXmlElements() {
        String xml = "<auth><t:token xmlns:t=\"x\">" + TOKEN + "</t:token><password>pw</password></auth>";
        String out = Secrets.redactBody(xml);
        assertFalse(out.contains("gKqP4"), out);
        assertFalse(out.contains(">pw<"), out);
    }

    @Test
    void hidesShortSecretsCompletely() {
        assertEquals("<credentials token=\"****\"/>", Secrets.redactBody("<credentials token=\"abc|def\"/>"));
        assertEquals("****", Secrets.mask("token", "short"));
        assertEquals("", Secrets.mask("password", ""));
        assertNull(Secrets.mask("password", null));
    }

    @Test
    void aPasswordNeverKeepsItsStart() {
        assertEquals("****", Secrets.mask("password", "a-very-long-password-indeed"));
        assertEquals("****", Secrets.mask("personalAccessTokenSecret", "Yx8pL0qRsT==:Qv2mN7bVcX-long"));
    }

    @Test
    void hidesTheAuthHeaderWhateverItsCase() {
        assertEquals("Bq1x…(36 chars)", Secrets.redactHeader("X-Tableau-Auth", TOKEN));
        assertEquals("Bq1x…(36 chars)", Secrets.redactHeader("x-tableau-auth", TOKEN));
        assertEquals("Bearer ****", Secrets.redactHeader("Authorization", "Bearer abc"));
        assertEquals("application/xml", Secrets.redactHeader("Accept", "application/xml"));
    }

    @Test
    void hidesTheSessionCookieButKeepsItsAttributes() {
        String out = Secrets.redactHeader("Set-Cookie", "workgroup_session_id=" + TOKEN + "; Path=/; Secure; HttpOnly");
        assertEquals("workgroup_session_id=Bq1x…(36 chars); Path=/; Secure; HttpOnly", out);
        String cookie = Secrets.redactHeader("Cookie", "workgroup_session_id=" + TOKEN + "; XSRF-TOKEN=abcdefghijklmnop");
        assertFalse(cookie.contains("gKqP4"), cookie);
        assertFalse(cookie.contains("defghijk"), cookie);
    }

    @Test
    void leavesBodiesWithoutSecretsUntouched() {
        String list = Fixtures.text("webhooks-list.xml");
        assertEquals(list, Secrets.redactBody(list));
        assertEquals("", Secrets.redactBody(""));
        assertNull(Secrets.redactBody(null));
    }
}
