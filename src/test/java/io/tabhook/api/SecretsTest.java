package io.tabhook.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one secrets policy: which names and headers are secret, the mask, and bodies and URLs with secrets masked. */
class SecretsTest {
    private static final String TOKEN = "Bq1xQZ7uXJ9tN0v2rLw|gKqP4mW8sD3eF6hJ";

    @ParameterizedTest
    @ValueSource(strings = {
            // as typed in a shell line: named arguments, quoted keys, variables
            "password", "'password'", "\"secret\"", "`token`", "pw", "PW", "pwd", "passwd", "pass", "Password", "PASSWORD",
            "secret", "token", "jwt", "apiKey", "api_key", "API-KEY", "apikey", "myToken", "dbPwd", "newPassword",
            // environment, Postman and wire spellings
            "PAT_SECRET", "TABLEAU_PAT_SECRET", "TABLEAU_PASSWORD", "pat-secret", "tableau-auth-token",
            "personalAccessTokenSecret", "clientSecret", "client_secret", "access_token", "privateKey", "passphrase",
            // headers are secret names too
            "X-Tableau-Auth", "x-tableau-auth", "Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie", "Api-Key",
            " 'password' "})
    void aSecretNameInAnySpelling(String name) {
        assertTrue(Secrets.isSecretName(name), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"user", "name", "pat", "patName", "pat-name", "personalAccessTokenName", "tokenName",
            "secrets", "secretName", "site", "contentUrl", "username", "url", "event", "format", "key", "code",
            "passport", "tokens", "", "''"})
    void notASecretName(String name) {
        assertFalse(Secrets.isSecretName(name), name);
    }

    @Test
    void noNameIsNoSecret() {
        assertFalse(Secrets.isSecretName(null));
        assertFalse(Secrets.isSecretHeader(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-Tableau-Auth", "Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie",
            "Api-Key", "X-Api-Key", "X-Webhook-Secret", "X-Auth-Token"})
    void aSecretHeader(String name) {
        assertTrue(Secrets.isSecretHeader(name), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Accept", "Content-Type", "User-Agent", "Location", "X-Tabhook-Delivery",
            "X-Hub-Signature-256", "Host"})
    void notASecretHeader(String name) {
        assertFalse(Secrets.isSecretHeader(name), name);
    }

    @ParameterizedTest(name = "{0} = \"{1}\" shows as \"{2}\"")
    @CsvSource(delimiterString = "~", nullValues = "none", value = {
            "none ~ " + TOKEN + " ~ Bq1x…(36 chars)",
            "none ~ abcdefghijklmnop ~ abcd…(16 chars)",
            "none ~ abcdefghijklmno ~ ****",
            "none ~ abc ~ ****",
            "token ~ " + TOKEN + " ~ Bq1x…(36 chars)",
            "X-Tableau-Auth ~ " + TOKEN + " ~ Bq1x…(36 chars)",
            "apiKey ~ 0e2f6ad4-5c1b-4b8e-9d4f-3a2b1c0d9e8f ~ 0e2f…(36 chars)",
            "jwt ~ eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln ~ eyJh…(41 chars)",
            "password ~ a-very-long-password-indeed ~ ****",
            "pw ~ correct-horse-battery-staple ~ ****",
            "personalAccessTokenSecret ~ Yx8pL0qRsT==:Qv2mN7bVcX-and-more ~ ****",
            "PAT_SECRET ~ Yx8pL0qRsT==:Qv2mN7bVcX-and-more ~ ****",
            "password ~ '' ~ ''"})
    void theMask(String name, String value, String shown) {
        assertEquals(shown, name == null ? Secrets.mask(value) : Secrets.mask(name, value));
    }

    @Test
    void theMaskLeavesNothingToHideAlone() {
        assertEquals(null, Secrets.mask(null));
        assertEquals("", Secrets.mask(""));
        assertEquals(null, Secrets.mask("password", null));
    }

    @Test
    void theMaskNeverSplitsACharacter() {
        String emoji = "😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀";
        assertEquals("😀😀😀😀…(16 chars)", Secrets.mask(emoji));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiterString = "~", value = {
            "X-Tableau-Auth ~ " + TOKEN + " ~ Bq1x…(36 chars)",
            "Authorization ~ Bearer " + TOKEN + " ~ Bearer Bq1x…(36 chars)",
            "Authorization ~ Basic YWRtaW46YWRtaW4tcGFzc3dvcmQ= ~ Basic ****",
            "Authorization ~ abc ~ ****",
            "Api-Key ~ 0e2f6ad4-5c1b-4b8e-9d4f-3a2b1c0d9e8f ~ 0e2f…(36 chars)",
            "Cookie ~ workgroup_session_id=" + TOKEN + "; lang=en ~ workgroup_session_id=Bq1x…(36 chars); lang=****",
            "Set-Cookie ~ workgroup_session_id=" + TOKEN + "; Path=/; Secure ~ workgroup_session_id=Bq1x…(36 chars); Path=/; Secure",
            "Accept ~ application/xml ~ application/xml",
            "Location ~ https://pod.example.com/api/3.9/auth/signin ~ https://pod.example.com/api/3.9/auth/signin"})
    void aHeaderShowsWithItsSecretMasked(String name, String value, String shown) {
        assertEquals(shown, Secrets.redactHeader(name, value));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "~", value = {
            "https://example.com/hook ~ https://example.com/hook",
            "https://example.com/hook?token=abc&x=1 ~ https://example.com/hook?token=****&x=1",
            "https://example.com/hook?x=1&api_key=0e2f6ad4-5c1b-4b8e-9d4f-3a2b1c0d9e8f ~ https://example.com/hook?x=1&api_key=0e2f…(36 chars)",
            "https://f.azurewebsites.net/api/hook?code=AbCdEfGhIjKlMnOpQrSt ~ https://f.azurewebsites.net/api/hook?code=AbCd…(20 chars)",
            "https://x.blob.core.windows.net/c?sv=2020&sig=abcdefgh ~ https://x.blob.core.windows.net/c?sv=2020&sig=****",
            "https://admin:s3cret@example.com/x ~ https://admin:****@example.com/x",
            "https://" + TOKEN + "@example.com/x ~ https://Bq1x…(36 chars)@example.com/x",
            "https://example.com/cb#access_token=abc&state=1 ~ https://example.com/cb#access_token=****&state=1",
            "http://127.0.0.1:9000/?hook=sales&password=pw ~ http://127.0.0.1:9000/?hook=sales&password=****"})
    void aUrlShowsWithItsSecretsMasked(String url, String shown) {
        assertEquals(shown, Secrets.redactUrl(url));
    }

    @Test
    void xmlSecretsInAttributesAndNestedElementsAreMasked() {
        String xml = """
                <tsRequest>
                  <credentials name="admin" password="s3cret-password" personalAccessTokenName="ci"
                      personalAccessTokenSecret='Yx8pL0qRsT==:Qv2mN7bVcX' token="%s">
                    <site contentUrl="marketing"/>
                    <auth><inner><jwt>eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln</jwt></inner></auth>
                    <x:apiKey xmlns:x="urn:x">0e2f6ad4-5c1b-4b8e-9d4f-3a2b1c0d9e8f</x:apiKey>
                    <password/>
                  </credentials>
                  <webhook url="https://example.com/hook?a=1&amp;token=abc"/>
                </tsRequest>""".formatted(TOKEN);
        String out = Secrets.redactBody(xml);
        assertShowsNone(out, "s3cret", "Qv2mN7", "gKqP4", "eyJzdWIi", "c2ln<", "9e8f", "token=abc");
        assertTrue(out.contains("password=\"****\""), out);
        assertTrue(out.contains("personalAccessTokenSecret='****'"), out);
        assertTrue(out.contains("token=\"Bq1x…(36 chars)\""), out);
        assertTrue(out.contains("<jwt>eyJh…(41 chars)</jwt>"), out);
        assertTrue(out.contains("<x:apiKey xmlns:x=\"urn:x\">0e2f…(36 chars)</x:apiKey>"), out);
        assertTrue(out.contains("&amp;token=****\""), out);
        assertKeeps(out, "name=\"admin\"", "personalAccessTokenName=\"ci\"", "contentUrl=\"marketing\"", "<password/>",
                "<auth><inner>", "url=\"https://example.com/hook?a=1");
    }

    @Test
    void jsonSecretsAtAnyDepthAreMasked() {
        String json = """
                {"credentials": {"name": "admin", "password": "s3cret-password",
                  "site": {"contentUrl": "marketing", "auth": {"token": "%s", "pin": 1234}},
                  "personalAccessTokenSecret" : "Yx8pL0qRsT==:Qv2mN7bVcX", "tokenName": "ci",
                  "apiKey": 123456789012345678901234,
                  "hooks": [{"url": "https://example.com/hook?token=abc", "secret": "whsec_abcdefghijklmnopqrstu"}]}}
                """.formatted(TOKEN);
        String out = Secrets.redactBody(json);
        assertShowsNone(out, "s3cret", "Qv2mN7", "gKqP4", "token=abc", "whsec_abcd", "5678901234");
        assertTrue(out.contains("\"password\": \"****\""), out);
        assertTrue(out.contains("\"token\": \"Bq1x…(36 chars)\""), out);
        assertTrue(out.contains("\"personalAccessTokenSecret\" : \"****\""), out);
        assertTrue(out.contains("\"secret\": \"****\""), out);
        assertTrue(out.contains("\"apiKey\": \"1234…(24 chars)\""), out);
        assertKeeps(out, "\"name\": \"admin\"", "\"tokenName\": \"ci\"", "\"pin\": 1234", "\"contentUrl\": \"marketing\"");
    }

    private static void assertShowsNone(String shown, String... secrets) {
        for (String secret : secrets) assertFalse(shown.contains(secret), secret + " shows in " + shown);
    }

    private static void assertKeeps(String shown, String... parts) {
        for (String part : parts) assertTrue(shown.contains(part), part + " is gone from " + shown);
    }

    @Test
    void aFormBodyAndAnErrorDetailAreMaskedToo() {
        assertEquals("user=admin&password=****", Secrets.redactBody("user=admin&password=hunter2"));
        assertEquals("bad request: signIn password='****' for admin",
                Secrets.redactBody("bad request: signIn password='hunter2' for admin"));
    }

    @Test
    void aPasswordInAUrlInsideABodyIsMaskedAndTheAddressStaysReadable() {
        assertEquals("{\"url\": \"https://ops:****@hooks.example.com/catch\"}",
                Secrets.redactBody("{\"url\": \"https://ops:hunter2@hooks.example.com/catch\"}"));
        assertEquals("<webhook-destination-http url=\"https://ops:****@h.example.com:8443/x\"/>",
                Secrets.redactBody("<webhook-destination-http url=\"https://ops:hunter2@h.example.com:8443/x\"/>"));
        assertEquals("see http://h.example.com:8080/a@b", Secrets.redactBody("see http://h.example.com:8080/a@b"));
    }

    @Test
    void textWithoutSecretsIsLeftExactlyAsItWas() {
        String text = "<webhook id=\"1\" name=\"token rotation\"><webhook-source/></webhook> {\"a\": \"b=c\"} x=y&z";
        assertEquals(text, Secrets.redactBody(text));
        assertEquals("", Secrets.redactBody(""));
        assertEquals(null, Secrets.redactBody(null));
    }
}
