package io.tabhook.inbox;

import io.tabhook.events.UnknownEventException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InboxAwaitTest {
    private static final Duration LONG = Duration.ofSeconds(20);
    private Inbox inbox;

    @BeforeEach
    void start() throws IOException {
        inbox = Inbox.start(InboxOptions.defaults());
    }

    @AfterEach
    void close() {
        inbox.close();
    }

    private void post(String event, String resource, String name) {
        assertEquals(200, Sender.post(inbox.url(), Sender.payload(event, resource, name)).status());
    }

    /** Starts a wait on another thread and returns once the waiter is registered. */
    private CompletableFuture<Delivery> waitFor(DeliveryFilter filter) {
        return inbox.next(filter, false);
    }

    @Test
    void waiterIsWokenByTheArrival() throws Exception {
        AtomicReference<Delivery> got = new AtomicReference<>();
        CountDownLatch waiting = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            try {
                CompletableFuture<Delivery> next = inbox.next(DeliveryFilter.any(), false);
                waiting.countDown();
                got.set(next.get(20, TimeUnit.SECONDS));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        t.start();
        assertTrue(waiting.await(10, TimeUnit.SECONDS));
        post("WorkbookCreated", "WORKBOOK", "Sales");
        t.join(20_000);
        assertEquals("Sales", got.get().payload().resourceName());
    }

    @Test
    void blockingAwaitReturnsWhenTheMatchArrives() throws Exception {
        post("ViewDeleted", "VIEW", "marker");
        // The condition runs on the earlier delivery while the wait registers, so once it has seen the marker the
        // waiter is in place and the next post must wake it.
        CountDownLatch registered = new CountDownLatch(1);
        DeliveryFilter afterMarker = DeliveryFilter.event("WorkbookCreated");
        DeliveryFilter probe = DeliveryFilter.any().where("not the marker", d -> {
            if (d.seq() == 1) {
                registered.countDown();
                return false;
            }
            return afterMarker.matches(d);
        });
        CompletableFuture<Delivery> result = CompletableFuture.supplyAsync(() -> {
            try {
                return inbox.await(probe, LONG, true);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(registered.await(10, TimeUnit.SECONDS));
        post("ViewDeleted", "VIEW", "not this");
        post("WorkbookCreated", "WORKBOOK", "Sales");
        Delivery d = result.get(20, TimeUnit.SECONDS);
        assertEquals(3, d.seq());
        assertEquals("Sales", d.payload().resourceName());
    }

    @Test
    void eventFilterAcceptsEverySpelling() throws Exception {
        for (String spelling : new String[]{"DatasourceRefreshFailed", "datasource-refresh-failed",
                "webhook-source-event-datasource-refresh-failed", "DATASOURCE_REFRESH_FAILED"}) {
            CompletableFuture<Delivery> next = waitFor(DeliveryFilter.event(spelling));
            post("WorkbookCreated", "WORKBOOK", "not this one");
            assertFalse(next.isDone());
            post("DatasourceRefreshFailed", "EXTRACTS", "Orders");
            assertEquals("Orders", next.get(10, TimeUnit.SECONDS).payload().resourceName());
        }
    }

    @Test
    void unknownEventNameFailsWithSuggestions() {
        UnknownEventException e = assertThrows(UnknownEventException.class, () -> DeliveryFilter.event("WorkbookCreatd"));
        assertTrue(e.getMessage().contains("WorkbookCreated"), e.getMessage());
    }

    @Test
    void filtersByResourceNameAndCondition() throws Exception {
        CompletableFuture<Delivery> byResource = waitFor(DeliveryFilter.any().resource("datasource"));
        CompletableFuture<Delivery> byName = waitFor(DeliveryFilter.any().name("Orders"));
        CompletableFuture<Delivery> byCondition = waitFor(DeliveryFilter.any()
                .where("a header", d -> "yes".equals(d.header("X-Mark"))));
        CompletableFuture<Delivery> byAll = waitFor(DeliveryFilter.event("workbook-updated").resource("WORKBOOK").name("Sales"));

        post("WorkbookUpdated", "WORKBOOK", "Orders");
        assertEquals("Orders", byName.get(10, TimeUnit.SECONDS).payload().resourceName());
        assertFalse(byResource.isDone());
        assertFalse(byAll.isDone());
        post("DatasourceCreated", "DATASOURCE", "Customers");
        assertEquals("Customers", byResource.get(10, TimeUnit.SECONDS).payload().resourceName());
        Sender.post(inbox.url(), "{}".getBytes(), java.util.Map.of("X-Mark", "yes"));
        assertEquals("{}", byCondition.get(10, TimeUnit.SECONDS).body());
        post("WorkbookUpdated", "WORKBOOK", "Sales");
        assertEquals(4, byAll.get(10, TimeUnit.SECONDS).seq());
    }

    @Test
    void filterDescribesItselfForMessages() {
        assertEquals("any delivery", DeliveryFilter.any().describe());
        assertEquals("event: WorkbookCreated, resource: WORKBOOK, named \"Sales\", a header",
                DeliveryFilter.event("workbook-created").resource("workbook").name("Sales")
                        .where("a header", d -> true).describe());
    }

    @Test
    void includeEarlierFindsTheMostRecentMatchAlreadyReceived() throws Exception {
        post("WorkbookCreated", "WORKBOOK", "First");
        post("WorkbookCreated", "WORKBOOK", "Second");
        post("ViewDeleted", "VIEW", "Map");
        Delivery d = inbox.await(DeliveryFilter.event("WorkbookCreated"), Duration.ZERO, true);
        assertEquals("Second", d.payload().resourceName());
    }

    @Test
    void withoutIncludeEarlierOnlyLaterDeliveriesCount() throws Exception {
        post("WorkbookCreated", "WORKBOOK", "Before");
        CompletableFuture<Delivery> next = inbox.next(DeliveryFilter.event("WorkbookCreated"), false);
        assertFalse(next.isDone());
        post("WorkbookCreated", "WORKBOOK", "After");
        assertEquals("After", next.get(10, TimeUnit.SECONDS).payload().resourceName());
    }

    @Test
    void timeoutSaysWhatWasAwaitedAndThatNothingArrivedMeanwhile() {
        post("ViewDeleted", "VIEW", "Map");
        TimeoutException e = assertThrows(TimeoutException.class,
                () -> inbox.await(DeliveryFilter.event("workbook-created").name("Sales"), Duration.ofMillis(50), true));
        assertEquals("no delivery matching event: WorkbookCreated, named \"Sales\" within 50 ms; the inbox received "
                + "nothing in the last 50 ms (it holds 1 earlier delivery)", e.getMessage());
    }

    /** Issue 9: the hint said "is a webhook subscribed?" while deliveries were arriving, only not the awaited ones. */
    @Test
    void timeoutSaysWhatArrivedInsteadAndForWhichWebhook() throws Exception {
        CompletableFuture<Void> others = CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (String hook : java.util.List.of("a", "b")) {
                Sender.post(inbox.urlFor(hook), Sender.payload("WorkbookCreated", "WORKBOOK", "Twice"));
            }
        });
        TimeoutException e = assertThrows(TimeoutException.class,
                () -> inbox.await(DeliveryFilter.event("ViewDeleted"), Duration.ofSeconds(2), false));
        others.get(10, TimeUnit.SECONDS);
        assertEquals("no delivery matching event: ViewDeleted within 2 s; the inbox received 2 deliveries in the last "
                + "2 s: WorkbookCreated ×2 for hook=a, hook=b", e.getMessage());
    }

    @Test
    void interruptedWaitLeavesTheInboxIntact() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread waiter = new Thread(() -> {
            started.countDown();
            try {
                inbox.await(DeliveryFilter.any(), LONG, false);
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        waiter.start();
        started.await();
        waiter.interrupt();
        waiter.join(10_000);
        assertInstanceOf(InterruptedException.class, outcome.get());

        CompletableFuture<Delivery> later = inbox.next(DeliveryFilter.any(), false);
        post("WorkbookCreated", "WORKBOOK", "Sales");
        assertEquals(1, later.get(10, TimeUnit.SECONDS).seq());
        assertEquals(1, inbox.deliveries().size());
    }

    @Test
    void cancelledFutureLeavesTheInboxIntact() throws Exception {
        CompletableFuture<Delivery> cancelled = inbox.next(DeliveryFilter.any(), false);
        assertTrue(cancelled.cancel(true));
        CompletableFuture<Delivery> other = inbox.next(DeliveryFilter.any(), false);
        post("WorkbookCreated", "WORKBOOK", "Sales");
        assertEquals(1, other.get(10, TimeUnit.SECONDS).seq());
        assertThrows(CancellationException.class, cancelled::join);
        assertEquals(1, inbox.deliveries().size());
    }

    @Test
    void throwingConditionFailsOnlyItsOwnWait() throws Exception {
        CompletableFuture<Delivery> broken = inbox.next(DeliveryFilter.any().where(d -> {
            throw new IllegalStateException("bug in my filter");
        }), false);
        CompletableFuture<Delivery> fine = inbox.next(DeliveryFilter.any(), false);
        post("WorkbookCreated", "WORKBOOK", "Sales");
        ExecutionException e = assertThrows(ExecutionException.class, () -> broken.get(10, TimeUnit.SECONDS));
        assertEquals("bug in my filter", e.getCause().getMessage());
        assertEquals(1, fine.get(10, TimeUnit.SECONDS).seq());
    }

    @Test
    void closingFailsPendingWaits() throws Exception {
        CompletableFuture<Delivery> next = inbox.next(DeliveryFilter.any(), false);
        inbox.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> next.get(10, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, e.getCause());
    }
}
