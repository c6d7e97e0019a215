package io.tabhook.sandbox;

import io.tabhook.sandbox.DeliveryAttempt.Kind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10, item 3: each webhook's events go out in order, one webhook's destination never holds up another's, a
 * webhook's queue is bounded (the newest event is dropped, and the log says so), every webhook shares a few threads,
 * and an answer slower than the read timeout is a failed attempt. Destinations that hang are held open by the test
 * and released by it: nothing here waits on a clock, only on conditions.
 */
class SandboxDeliveryQueuesTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    /** A read timeout no test reaches: a held destination hangs until its test releases it. */
    static final SandboxOptions PATIENT = SandboxOptions.defaults().withRetryBackoff(Duration.ofMillis(1))
            .withDeliveryReadTimeout(Duration.ofMinutes(5));

    private static String name(Destination.Received r) throws Exception {
        return Caller.JSON.readTree(r.body()).get("resource_name").asText();
    }

    private static List<String> names(List<DeliveryAttempt> lines) throws Exception {
        List<String> out = new ArrayList<>();
        for (DeliveryAttempt a : lines) out.add(Caller.JSON.readTree(a.payload()).get("resource_name").asText());
        return out;
    }

    @Test
    void aHangingDestinationDoesNotDelayAnotherWebhooksDeliveries() throws Exception {
        try (Sandbox sandbox = Sandbox.start(PATIENT); Destination hanging = Destination.holding(200);
             Destination quick = Destination.answering(200, "ok")) {
            Caller admin = Caller.signedIn(sandbox, "admin", "admin", "");
            String hangs = admin.createWebhook("hangs", "WorkbookCreated", hanging.url());
            String other = admin.createWebhook("quick", "WorkbookCreated", quick.url());
            for (int i = 0; i < 6; i++) sandbox.activity().createWorkbook("", "Event " + i);

            for (int i = 0; i < 6; i++) assertEquals("Event " + i, name(quick.next()), "in the order they happened");
            // ...all six while the hanging destination still holds the first POST, unanswered
            assertEquals("Event 0", name(hanging.next()));
            assertEquals(List.of(), sandbox.deliveries().attemptsFor(hangs), "its first POST has no answer yet");
            assertEquals(0, hanging.waiting(), "its later events wait in the sandbox, behind the first");
            until(() -> sandbox.deliveries().attemptsFor(other).size() == 6, "the quick webhook's six answers logged");
            assertEquals(List.of(), sandbox.deliveries().attemptsFor(hangs), "and still none for the hanging one");

            hanging.release();
            for (int i = 1; i < 6; i++) assertEquals("Event " + i, name(hanging.next()), "and then in order");
            assertTrue(sandbox.deliveries().awaitIdle(WAIT));
            List<DeliveryAttempt> tried = sandbox.deliveries().attemptsFor(hangs);
            assertEquals(List.of("Event 0", "Event 1", "Event 2", "Event 3", "Event 4", "Event 5"), names(tried));
            assertTrue(tried.stream().allMatch(a -> a.status() == 200 && a.attempt() == 1), tried.toString());
        }
    }

    @Test
    void aWebhooksNextEventWaitsUntilTheRetriesOfTheOneBeforeAreOver() throws Exception {
        try (Sandbox sandbox = Sandbox.start(PATIENT); Destination flaky = Destination.answeringInTurn(500, 503, 200)) {
            Caller admin = Caller.signedIn(sandbox, "admin", "admin", "");
            String hook = admin.createWebhook("flaky", "WorkbookCreated", flaky.url());
            for (int i = 0; i < 3; i++) sandbox.activity().createWorkbook("", "Event " + i);
            assertTrue(sandbox.deliveries().awaitIdle(WAIT));

            List<String> arrived = new ArrayList<>();
            for (Destination.Received r : flaky.drain()) arrived.add(name(r));
            assertEquals(List.of("Event 0", "Event 0", "Event 0", "Event 1", "Event 2"), arrived);
            List<DeliveryAttempt> tried = sandbox.deliveries().attemptsFor(hook);
            assertEquals(List.of(1, 2, 3, 1, 1), tried.stream().map(DeliveryAttempt::attempt).toList());
            assertEquals(List.of(500, 503, 200, 200, 200), tried.stream().map(DeliveryAttempt::status).toList());
            assertEquals(Duration.ofMillis(1), tried.get(0).retryIn());
            assertEquals(Duration.ofMillis(2), tried.get(1).retryIn());
        }
    }

    @Test
    void aFullQueueDropsTheNewestEventAndTheTimelineSaysSo() throws Exception {
        try (Sandbox sandbox = Sandbox.start(PATIENT.withDeliveryQueueLimit(2));
             Destination hanging = Destination.holding(200)) {
            Caller admin = Caller.signedIn(sandbox, "admin", "admin", "");
            String hook = admin.createWebhook("full", "WorkbookCreated", hanging.url());
            for (int i = 0; i < 5; i++) sandbox.activity().createWorkbook("", "Event " + i);

            // Event 0 is being delivered, 1 and 2 wait, 3 and 4 find the queue full
            assertEquals("Event 0", name(hanging.next()));
            List<DeliveryAttempt> dropped = sandbox.deliveries().timeline(null, hook, null).stream()
                    .filter(a -> a.kind() == Kind.DROPPED).toList();
            assertEquals(List.of("Event 3", "Event 4"), names(dropped));
            assertTrue(dropped.get(0).outcome().startsWith("dropped: 2 events are already waiting for this webhook"),
                    dropped.get(0).outcome());

            hanging.release();
            assertEquals("Event 1", name(hanging.next()));
            assertEquals("Event 2", name(hanging.next()));
            assertTrue(sandbox.deliveries().awaitIdle(WAIT));
            assertEquals(List.of(), hanging.drain(), "the dropped events are never sent");
            assertEquals(List.of("Event 0", "Event 1", "Event 2"), names(sandbox.deliveries().attemptsFor(hook)));
        }
    }

    @Test
    void eventsWaitingForAWebhookThatGetsDisabledAreNotSentAndTheTimelineSaysHowMany() throws Exception {
        try (Sandbox sandbox = Sandbox.start(PATIENT); Destination failing = Destination.holding(500)) {
            Caller admin = Caller.signedIn(sandbox, "admin", "admin", "");
            String hook = admin.createWebhook("doomed", "WorkbookCreated", failing.url());
            for (int i = 0; i < 3; i++) sandbox.activity().createWorkbook("", "Event " + i);
            assertEquals("Event 0", name(failing.next()));
            failing.release(); // Event 0 fails four times, the webhook is disabled, 1 and 2 are still waiting
            assertTrue(sandbox.deliveries().awaitIdle(WAIT));

            assertEquals(4, failing.drain().size() + 1, "Event 0's four attempts, and nothing of the others");
            List<DeliveryAttempt> timeline = sandbox.deliveries().timeline(null, hook, null);
            assertEquals(List.of(Kind.ATTEMPT, Kind.ATTEMPT, Kind.ATTEMPT, Kind.ATTEMPT, Kind.DISABLED, Kind.NOT_SENT),
                    timeline.stream().map(DeliveryAttempt::kind).toList(), timeline.toString());
            assertEquals("not sent: 2 WorkbookCreated events were waiting; the webhook is disabled",
                    timeline.get(5).outcome());
        }
    }

    @Test
    void threeHundredHangingWebhooksShareAFewThreads() throws Exception {
        int hooks = 300;
        try (Sandbox sandbox = Sandbox.start(PATIENT); Destination hanging = Destination.holding(200);
             Destination quick = Destination.answering(200, "ok")) {
            Caller admin = Caller.signedIn(sandbox, "admin", "admin", "");
            for (int i = 0; i < hooks; i++) admin.createWebhook("hangs " + i, "DatasourceCreated", hanging.url());
            admin.createWebhook("quick", "DatasourceCreated", quick.url());
            Set<String> before = threadNames();

            sandbox.activity().createDatasource("", "Everyone");
            assertEquals("Everyone", name(quick.next()), "the last webhook is not held up by the 300 before it");
            until(() -> hanging.waiting() == hooks, "every hanging webhook's POST open at once");

            // the destination's own handler threads ("pool-…") hold the 300 requests; the sandbox's side is a few
            Set<String> made = threadNames();
            made.removeAll(before);
            made.removeIf(n -> n.startsWith("pool-"));
            assertTrue(made.size() <= DeliveryEngine.THREADS + 4, "threads made for 300 open POSTs: " + made);
            assertTrue(made.stream().filter(n -> n.startsWith("sandbox-delivery")).count() <= DeliveryEngine.THREADS,
                    made.toString());
            hanging.release();
            assertTrue(sandbox.deliveries().awaitIdle(WAIT));
            assertEquals(hooks + 1,
                    sandbox.deliveries().attempts().stream().filter(DeliveryAttempt::succeeded).count());
        }
    }

    /** Waits for a condition with a generous deadline; fails saying what did not happen. */
    static void until(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not within " + WAIT + ": " + what);
            Thread.sleep(10);
        }
    }

    private static Set<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .collect(Collectors.toSet());
    }

    /** As a 9-second answer is to Tableau Server's 3 s: an answer ten times slower than the read timeout. */
    @Test
    void anAnswerSlowerThanTheReadTimeoutIsAFailedAttemptAndEndsInTheAutoDisable() throws Exception {
        SandboxOptions strict = SandboxOptions.defaults().withRetryBackoff(Duration.ofMillis(1))
                .withDeliveryReadTimeout(Duration.ofMillis(300));
        try (Sandbox sandbox = Sandbox.start(strict);
             Destination slow = Destination.answeringAfter(Duration.ofSeconds(3), 200, "ok, but late")) {
            Caller admin = Caller.signedIn(sandbox, "admin", "admin", "");
            String hook = admin.createWebhook("late", "WorkbookCreated", slow.url());
            sandbox.activity().createWorkbook("", "Too Slow");
            assertTrue(sandbox.deliveries().awaitIdle(WAIT));

            List<DeliveryAttempt> tried = sandbox.deliveries().attemptsFor(hook);
            assertEquals(List.of(1, 2, 3, 4), tried.stream().map(DeliveryAttempt::attempt).toList());
            assertTrue(tried.stream().allMatch(a -> a.status() == 0 && "no answer within 300 ms".equals(a.error())),
                    tried.toString());
            Caller.Answer a = admin.getXml(admin.webhooks("3.9") + "/" + hook);
            assertEquals("false", a.xmlAttr("webhook", "isEnabled"));
            assertEquals("Disabled after 4 failed delivery attempts: no answer within 300 ms",
                    a.xmlAttr("webhook", "statusChangeReason"));
            List<DeliveryAttempt> timeline = sandbox.deliveries().timeline(null, hook, null);
            assertEquals(Kind.DISABLED, timeline.get(timeline.size() - 1).kind(), timeline.toString());
            assertFalse(timeline.get(3).succeeded());
        }
    }
}
