package io.tabhook.sandbox;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --faults}, seen from outside with plain java.net.http (and a socket where the client would hide what
 * happened): each fault on its own, at a share of 1 so every call gets it; the faults switched on after a clean sign-in
 * (as {@code sandbox.faults} does), so the test sees the fault and not the sign-in's. The answers have Tableau's
 * documented error shape (§8.1, fixture error-401002.xml).
 */
class SandboxFaultsTest {
    private static final String DEST = "https://hooks.example.com/faults";
    private Sandbox sandbox;
    private Caller admin;

    @BeforeEach
    void start() throws IOException {
        sandbox = Sandbox.start(SandboxOptions.defaults());
        admin = Caller.signedIn(sandbox, "admin", "admin", "workshop");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private void faults(String spec) {
        sandbox.faults(Faults.parse(spec));
    }

    /** The webhooks on the site, counted with the faults off. */
    private int webhooksOnTheSite() {
        Faults was = sandbox.faults();
        sandbox.faults(Faults.OFF);
        try {
            return admin.getXml(admin.webhooks("3.9")).xmlElements("webhook").size();
        } finally {
            sandbox.faults(was);
        }
    }

    private Caller.Answer create(String name) {
        return admin.postXml(admin.webhooks("3.9"), Caller.webhookXml(name, "WorkbookCreated", DEST));
    }

    @Test
    void errorRateAnswers500And503InTableausErrorShapeAndNothingIsDoneOnAGet() {
        faults("error-rate=1,seed=3");
        Set<Integer> statuses = new TreeSet<>();
        for (int i = 0; i < 20; i++) {
            Caller.Answer a = admin.getXml(admin.webhooks("3.9"));
            statuses.add(a.status());
            SandboxShapeTest.sameXmlShape("error-401002.xml", a);
            assertEquals(a.status() + "000", a.errorCode(), a.toString());
            assertTrue(a.header("Content-Type").startsWith("application/xml"), a.header("Content-Type"));
        }
        assertEquals(Set.of(500, 503), statuses);
    }

    @Test
    void aCreateAnswered5xxWasSometimesMadeBeforeTheErrorSoAClientMustLookBeforeTryingAgain() {
        faults("error-rate=1,seed=11");
        int tries = 30;
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < tries; i++) statuses.add(create("after-" + i).status());
        assertTrue(statuses.stream().allMatch(s -> s == 500 || s == 503), statuses.toString());
        int made = webhooksOnTheSite();
        assertTrue(made > 0, "no create was done before its error");
        assertTrue(made < tries, "every create was done before its error: none refused undone");
    }

    @Test
    void rateLimitAnswers429WithRetryAfterAndDoesNothing() {
        faults("rate-limit=1");
        for (int i = 0; i < 5; i++) {
            Caller.Answer a = create("limited-" + i);
            assertEquals(429, a.status(), a.toString());
            assertEquals("1", a.header("Retry-After"));
            assertEquals("429000", a.errorCode());
            SandboxShapeTest.sameXmlShape("error-401002.xml", a);
        }
        assertEquals(0, webhooksOnTheSite());
    }

    @Test
    void expiredTokensAre401002AfterTheirTimeAndASignInGivesAWorkingOne() throws Exception {
        faults("expire-tokens=1s");
        Caller fresh = Caller.signedIn(sandbox, "admin", "admin", "workshop");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Caller.Answer a;
        do {
            Thread.sleep(100);
            a = fresh.getXml(fresh.webhooks("3.9"));
        } while (a.status() == 200 && System.nanoTime() < deadline);
        assertEquals(401, a.status(), a.toString());
        SandboxShapeTest.sameXmlShape("error-401002.xml", a);
        assertEquals("401002", a.errorCode());
        assertEquals("Invalid authentication credentials were provided.", a.errorDetail());
        assertEquals(401, fresh.getXml(fresh.webhooks("3.9")).status(), "an expired token stays expired");

        sandbox.faults(Faults.OFF);
        Caller again = Caller.signedIn(sandbox, "admin", "admin", "workshop");
        assertEquals(200, again.getXml(again.webhooks("3.9")).status());
    }

    @Test
    void latencyDelaysEveryAnswerAndNoneFails() {
        faults("latency=400ms");
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            Caller.Answer a = admin.getXml(admin.webhooks("3.9"));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(200, a.status(), a.toString());
            assertTrue(ms >= 400, "answered after " + ms + " ms");
        }
    }

    @Test
    void htmlIsAProxysPageInsteadOfXmlAndNothingIsDone() {
        faults("html=1");
        Caller.Answer a = create("behind-a-proxy");
        assertEquals(502, a.status());
        assertEquals("text/html", a.header("Content-Type"));
        assertTrue(a.body().startsWith("<html>") && a.body().contains("502 Bad Gateway"), a.body());
        assertEquals(0, webhooksOnTheSite());
    }

    @Test
    void dropCutsTheAnswerInTheMiddleAfterTheWorkIsDone() throws Exception {
        faults("drop=1");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest create = HttpRequest.newBuilder(admin.base.resolve(admin.webhooks("3.9")))
                .header("X-Tableau-Auth", admin.token).header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString(Caller.webhookXml("dropped", "WorkbookCreated", DEST)))
                .build();
        IOException e = assertThrows(IOException.class, () -> http.send(create, HttpResponse.BodyHandlers.ofString()));
        assertFalse(String.valueOf(e.getMessage()).isEmpty());
        assertEquals(1, webhooksOnTheSite(), "the create was done before its answer was cut");

        // On the wire: Tableau's status line and headers, half of the body it announced, then the end.
        RawHttp.Answer raw = RawHttp.send(admin.base, "GET", admin.webhooks("3.9"),
                "X-Tableau-Auth: " + admin.token + "\r\n", new ByteArrayInputStream(new byte[0]));
        assertEquals(200, raw.status());
        int headerEnd = raw.text().indexOf("\r\n\r\n") + 4;
        var length = java.util.regex.Pattern.compile("(?i)Content-Length: (\\d+)").matcher(raw.text());
        assertTrue(length.find(), raw.text());
        int announced = Integer.parseInt(length.group(1));
        int came = raw.text().length() - headerEnd;
        assertTrue(came > 0 && came < announced, came + " of " + announced + " bytes came");
    }

    @Test
    void dropOnAnAnswerWithoutABodyClosesTheConnectionWithNothingSentAfterTheWork() {
        String id = admin.createWebhook("deleted-unanswered", "WorkbookCreated", DEST);
        faults("drop=1");
        assertThrows(UncheckedIOException.class, () -> admin.send("DELETE", admin.webhooks("3.9") + "/" + id, null));
        sandbox.faults(Faults.OFF);
        assertEquals(404, admin.getXml(admin.webhooks("3.9") + "/" + id).status(), "the delete was done");
    }

    @Test
    void theControlRoutesNeverFail() {
        faults("error-rate=0.5,rate-limit=0.2,html=0.1,drop=0.2");
        Caller control = new Caller(sandbox.baseUrl());
        for (int i = 0; i < 20; i++) {
            assertEquals(200, control.getJson("/sandbox").status());
            assertEquals(202, control.postJson("/sandbox/sites/workshop/activity",
                    "{\"event\":\"WorkbookCreated\",\"name\":\"Calm " + i + "\"}").status());
        }
    }

    @Test
    void theSameSeedFailsTheSameCallsAgainAndAnotherSeedOthers() {
        List<Integer> first = serverInfoStatuses("error-rate=0.3,rate-limit=0.2,html=0.1,seed=42");
        List<Integer> again = serverInfoStatuses("error-rate=0.3,rate-limit=0.2,html=0.1,seed=42");
        List<Integer> other = serverInfoStatuses("error-rate=0.3,rate-limit=0.2,html=0.1,seed=43");
        assertEquals(first, again);
        assertNotEquals(first, other);
        assertTrue(first.containsAll(List.of(200, 429, 502)), first.toString());
    }

    private List<Integer> serverInfoStatuses(String spec) {
        faults(spec);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 40; i++) statuses.add(new Caller(sandbox.baseUrl()).getXml("/api/3.9/serverinfo").status());
        return statuses;
    }

    @Test
    void withoutASeedOneIsPickedAndShownSoTheRunCanBeRepeated() {
        Faults running = sandbox.faults(Faults.parse("error-rate=0.1"));
        assertTrue(running.toString().matches("error-rate=0\\.1,seed=\\d+"), running.toString());
        assertEquals(running, Faults.parse(running.toString()));
        assertEquals("off", sandbox.faults(Faults.parse("off")).toString());
    }

    @Test
    void aMovedSiteAnswers301ToTheSamePathOnTheOtherServerAndKeepsItsControlRoutes() throws IOException {
        try (Sandbox moved = Sandbox.start(SandboxOptions.defaults().withMovedTo(sandbox.baseUrl()))) {
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            HttpResponse<String> a = send(http, HttpRequest.newBuilder(
                    moved.baseUrl().resolve("/api/3.9/sites?pageSize=5")).build());
            assertEquals(301, a.statusCode());
            assertEquals(sandbox.baseUrl() + "/api/3.9/sites?pageSize=5", a.headers().firstValue("Location").orElse(""));

            HttpResponse<String> signIn = send(http, HttpRequest.newBuilder(moved.baseUrl().resolve("/api/3.9/auth/signin"))
                    .POST(HttpRequest.BodyPublishers.ofString("<tsRequest/>")).build());
            assertEquals(301, signIn.statusCode());
            assertEquals(sandbox.baseUrl() + "/api/3.9/auth/signin", signIn.headers().firstValue("Location").orElse(""));

            assertEquals(200, send(http, HttpRequest.newBuilder(moved.baseUrl().resolve("/sandbox")).build()).statusCode());
            HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
            HttpResponse<String> info = send(following, HttpRequest.newBuilder(
                    moved.baseUrl().resolve("/api/3.9/serverinfo")).build());
            assertEquals(200, info.statusCode());
            assertEquals(sandbox.baseUrl().resolve("/api/3.9/serverinfo"), info.uri());
        }
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void aBadSpecIsOneLineThatSaysWhatToWrite() {
        Map<String, String> said = Map.of(
                "eror-rate=0.3", "unknown fault 'eror-rate'; the faults are error-rate, rate-limit, expire-tokens, "
                        + "latency, html, drop, seed, written as " + Faults.EXAMPLE,
                "error-rate=30%", "error-rate needs a share of the calls between 0 and 1, like error-rate=0.3, not '30%'",
                "expire-tokens=3", "expire-tokens needs a time with its unit, like expire-tokens=3s or "
                        + "expire-tokens=500ms, not '3'",
                "drop", "'drop' needs a value, like drop=0.05; write faults as " + Faults.EXAMPLE,
                "seed=x", "seed needs a whole number, like seed=7, not 'x'",
                "error-rate=0.6,rate-limit=0.5", "error-rate, rate-limit, html and drop are shares of the same calls; "
                        + "together they make 1.1, more than 1");
        said.forEach((spec, line) -> assertEquals(line,
                assertThrows(IllegalArgumentException.class, () -> Faults.parse(spec)).getMessage(), spec));
        assertEquals(Faults.parse(Faults.EXAMPLE).toString(), Faults.EXAMPLE);
    }
}
