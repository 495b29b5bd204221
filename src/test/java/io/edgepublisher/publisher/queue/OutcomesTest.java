package io.edgepublisher.publisher.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.publisher.PublisherConfig;
import io.edgepublisher.publisher.routing.Cooldowns;
import io.edgepublisher.publisher.routing.DistributionTable;
import io.edgepublisher.publisher.routing.RouteDecision;
import io.edgepublisher.publisher.stats.PublisherStats;
import io.edgepublisher.wire.PeerAddress;
import io.edgepublisher.wire.TransferFailure;
import io.edgepublisher.wire.TransferResult;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** PUBLISHER.md §4.4, §5.3–5.5 on the rules alone: pins, cooldowns, backoff, limits, statuses, counters. */
class OutcomesTest {
    static final String DEST = "10.0.0.7:32148";
    final Cooldowns cooldowns = new Cooldowns(Duration.ofSeconds(1), Duration.ofSeconds(8));
    final PublisherStats stats = new PublisherStats(0);

    Outcomes outcomes(int retryLimit) {
        Path p = Path.of("/n");
        PublisherConfig cfg = PublisherConfig.defaults(p, p, p, p, p, p)
            .withRetry(Duration.ofSeconds(1), Duration.ofSeconds(8), retryLimit)
            .withNoRouteTimeout(Duration.ofSeconds(60));
        return new Outcomes(cfg, cooldowns, new DistributionTable(null), stats, QueueEvents.NONE);
    }

    static TransferResult failure(TransferFailure f, boolean written) {
        return new TransferResult(false, PeerAddress.parse(DEST), 1, 0, 0, written, false, f, f.code(), "x");
    }

    static QueuedFile sending() {
        QueuedFile f = QueueFiles.file("t", 1, 0);
        f.dest = DEST;
        return f;
    }

    @Test
    void aRefusedConnectionCoolsTheDestinationAndReroutesUnpinned() {
        QueuedFile f = sending();
        Outcome o = outcomes(0).transferFailed(f, failure(TransferFailure.CONNECTION_REFUSED, false), 1_000);
        assertEquals(Outcome.Next.REROUTE, o.next());
        assertEquals("failed 208: x", o.status2());
        assertEquals(DEST, o.status1());
        assertNull(f.pinned);
        assertTrue(cooldowns.inCooldown(DEST, 1_500), "cooldown min(retry_max, retry_min) = 1 s");
        assertTrue(o.at() >= 1_500 && o.at() <= 2_000, "backoff 1 s × U(0.5, 1.0): " + o.at());
        assertEquals(1, stats.totalErrors());
    }

    @Test
    void aFailureAfterBytesPinsAndBacksOffDoubling() {
        Outcomes rules = outcomes(0);
        QueuedFile f = sending();
        Outcome first = rules.transferFailed(f, failure(TransferFailure.SEND_ERROR, true), 0);
        assertEquals(Outcome.Next.RETRY_AT, first.next());
        assertEquals("failed pinned 15: x", first.status2());
        assertEquals(DEST, f.pinned);
        Outcome second = rules.transferFailed(f, failure(TransferFailure.NO_ORDERLY_CLOSE, true), 0);
        assertTrue(second.at() >= 1_000 && second.at() <= 2_000, "2nd failure: 2 s × U(0.5, 1.0): " + second.at());
        f.consecutive = 10;
        Outcome capped = rules.transferFailed(f, failure(TransferFailure.SEND_ERROR, true), 0);
        assertTrue(capped.at() >= 4_000 && capped.at() <= 8_000, "capped at retry_max: " + capped.at());
    }

    @Test
    void theRetryLimitSendsTheFileToTheErrorDirWithTheLastCode() {
        Outcomes rules = outcomes(2);
        QueuedFile f = sending();
        assertEquals(Outcome.Next.REROUTE,
            rules.transferFailed(f, failure(TransferFailure.CONNECTION_REFUSED, false), 0).next());
        Outcome o = rules.transferFailed(f, failure(TransferFailure.CONNECTION_REFUSED, false), 0);
        assertEquals(Outcome.Next.ERROR_DIR, o.next());
        assertEquals(208, o.code());
        assertEquals("retry_limit 2 reached: x", o.text());
        assertEquals("failed 208: x", o.status2(), "the failed attempt is recorded before the move");
    }

    @Test
    void aFileGoneFromDiskVanishes() {
        TransferResult gone = new TransferResult(false, PeerAddress.parse(DEST), 0, 0, 0, false, false,
            TransferFailure.LOCAL_FILE_ERROR, ErrorCode.FILE_NOT_EXISTS.code(), "gone");
        Outcome o = outcomes(0).transferFailed(sending(), gone, 0);
        assertEquals(Outcome.Next.VANISHED, o.next());
        assertEquals("vanished", o.status2());
    }

    @Test
    void anEchoReleasesThePin() {
        QueuedFile f = sending();
        f.pinned = DEST;
        f.echoCode = 74;
        f.echoText = "Watch Directory not defined";
        Outcome o = outcomes(0).echoFailed(f, 0);
        assertEquals(Outcome.Next.RETRY_AT, o.next());
        assertEquals("failed 74: Watch Directory not defined", o.status2());
        assertNull(o.status1());
        assertNull(f.pinned);
        assertTrue(f.pinReleased);
    }

    @Test
    void noRouteRecordsItsStatusOnceThenTimesOutWithItsCode() {
        Outcomes rules = outcomes(0);
        QueuedFile f = QueueFiles.file("t", 1, 0);
        RouteDecision.NoRoute nr = new RouteDecision.NoRoute(ErrorCode.OPERATOR_NOT_AVAILABLE, "none active");
        Outcome first = rules.noRoute(f, nr, 1_000);
        assertEquals(Outcome.Next.WAIT_ROUTE, first.next());
        assertEquals(60_000, first.at(), "the timeout counts from file_time");
        assertEquals("no route: Operator not available", first.status2());
        f.lastStatus2 = first.status2();
        assertNull(rules.noRoute(f, nr, 2_000).status2(), "the same status is not written again");
        Outcome late = rules.noRoute(f, nr, 60_000);
        assertEquals(Outcome.Next.ERROR_DIR, late.next());
        assertEquals(203, late.code());
    }
}
