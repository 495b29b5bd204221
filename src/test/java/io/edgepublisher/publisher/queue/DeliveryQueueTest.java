package io.edgepublisher.publisher.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.publisher.PublisherConfig;
import io.edgepublisher.publisher.routing.Cooldowns;
import io.edgepublisher.publisher.routing.DistributionTable;
import io.edgepublisher.publisher.stats.PublisherStats;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The composed queue driven as the routes drive it, without Camel: registration, claims, slots, acceptance. */
class DeliveryQueueTest {
    static final String DEST = "10.0.0.7:32148";
    final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);
    final List<QueuedFile> claims = new ArrayList<>();
    final List<QueuedFile> accepts = new ArrayList<>();
    final PublisherStats stats = new PublisherStats(0);
    long now = 1_000;

    DeliveryQueue queue(Duration ackWait, int threads) {
        Path p = Path.of("/n");
        PublisherConfig cfg = PublisherConfig.defaults(p, p, p, p, p, p).withAckWait(ackWait).withThreads(threads);
        DeliveryQueue q = new DeliveryQueue(cfg, new Cooldowns(cfg.retryMin(), cfg.retryMax()),
            new DistributionTable(null), stats, QueueEvents.NONE, () -> now, timer, Runnable::run);
        q.onClaim(claims::add);
        q.onAccept(accepts::add);
        return q;
    }

    @AfterEach
    void tearDown() {
        timer.shutdownNow();
    }

    QueuedFile registered(DeliveryQueue q, String table, int i) {
        QueuedFile f = q.admit(QueueFiles.prepared(table, i));
        assertEquals(DeliveryQueue.Registered.QUEUED, q.registered(f, null, null, null));
        return f;
    }

    @Test
    void aFileGoesFromRegistrationThroughItsSlotToAcceptanceAndDisposal() {
        DeliveryQueue q = queue(Duration.ZERO, 4);
        QueuedFile f = registered(q, "t", 1);
        assertEquals(List.of(f), claims, "claimed as soon as it is ready");
        assertNull(q.admit(QueueFiles.prepared("t", 1)), "a queued file is not taken twice");
        q.routed(f, DEST, null);
        boolean[] went = {false};
        assertTrue(q.committed(f, () -> went[0] = true));
        assertTrue(went[0], "a free slot: the transfer starts at once");
        assertEquals(1, q.inFlight());
        assertEquals(DeliveryQueue.Step.OK, q.sent(f));
        assertEquals(0, q.inFlight());
        assertEquals(DeliveryQueue.Step.OK, q.awaitAck(f));
        assertEquals(List.of(f), accepts, "ack_wait 0: accepted at once");
        assertEquals(DeliveryQueue.Step.OK, q.accepting(f));
        assertEquals(DeliveryQueue.Step.OK, q.accepted(f));
        assertEquals(1, stats.totalFiles());
        q.disposed(f, null);
        assertEquals(0, q.size());
        assertTrue(!q.knownNames().contains(f.name()), "its name may be discovered again");
    }

    @Test
    void aDeliveredRowSendsTheFileToDisposalAndAPinnedRowPinsIt() {
        DeliveryQueue q = queue(Duration.ZERO, 4);
        QueuedFile d = q.admit(QueueFiles.prepared("t", 1));
        assertEquals(DeliveryQueue.Registered.DELIVERED, q.registered(d, DEST, "delivered", null));
        QueuedFile p = q.admit(QueueFiles.prepared("t", 2));
        assertEquals(DeliveryQueue.Registered.QUEUED, q.registered(p, DEST, "failed pinned 15: reset",
            "2026-11-28 10:51:02.118204"));
        assertEquals(DEST, q.pinned(p));
        assertEquals(List.of(p), claims);
        assertEquals(DEST, q.checkPin(p, null), "unknown candidates keep the pin");
        assertNull(q.checkPin(p, java.util.Set.of("10.0.0.8:32148")), "no longer a candidate: released");
    }

    @Test
    void anEchoDuringAckWaitFailsTheFileAtOnceAndDatabaseOutagesPauseTransfers() {
        DeliveryQueue q = queue(Duration.ofHours(1), 1);
        QueuedFile f = registered(q, "t", 1);
        q.routed(f, DEST, null);
        q.committed(f, () -> { });
        q.sent(f);
        q.awaitAck(f);
        assertEquals(List.of(), accepts, "the window is open");
        assertEquals(1, q.inAckWindow());
        assertNull(q.echo(DEST, null, 74, "'File write' operation failed: " + f.name()));
        assertEquals(List.of(f), accepts, "the echo hands the file to acceptance at once");
        assertEquals(DeliveryQueue.Step.ECHOED, q.accepting(f));
        Outcome o = q.echoFailed(f);
        assertEquals("failed 74: 'File write' operation failed: " + f.name(), o.status2());
        assertEquals(FileState.BACKOFF, f.state);

        QueuedFile g = registered(q, "u", 2);
        q.databaseHealthy(false);
        q.routed(g, DEST, null);
        boolean[] went = {false};
        q.committed(g, () -> went[0] = true);
        assertTrue(!went[0], "paused while tsd_info cannot be written (§6.3)");
        q.databaseHealthy(true);
        assertTrue(went[0], "resumes when the database is back");
    }
}
