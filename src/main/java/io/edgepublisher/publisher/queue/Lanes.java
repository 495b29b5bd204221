package io.edgepublisher.publisher.queue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-table order and the transfer slots (§5.6): ready files per (dbms, table), claims ahead (at most {@link
 * Lane#DEPTH} per table and {@code threads × DEPTH} in all), and at most {@code threads} transfers, one per table at a
 * time, started in claim order. Not thread-safe: the {@link DeliveryQueue} guards it with its lock.
 */
final class Lanes {
    private final Map<String, Lane> lanes = new LinkedHashMap<>();
    private final int threads;
    private int inFlight;
    private int claims;

    Lanes(int threads) {
        this.threads = threads;
    }

    private Lane lane(QueuedFile f) {
        return lanes.computeIfAbsent(f.laneKey(), k -> new Lane(f.file.dbms(), f.file.table()));
    }

    /** A file joined the queue (counted for {@code get publisher queue}). */
    void joined(QueuedFile f) {
        lane(f).size++;
    }

    void ready(QueuedFile f) {
        f.state = FileState.READY;
        lane(f).ready.add(f);
    }

    /**
     * Claims ready files while claims are free: tables with fewer files in the pipe first (an idle table before one
     * that is sending), then the oldest head. Each claimed file is CLAIMED and queued behind its table's claims.
     */
    List<QueuedFile> claim() {
        List<QueuedFile> out = new ArrayList<>();
        while (claims < threads * Lane.DEPTH) {
            Lane best = null;
            for (Lane l : lanes.values()) {
                if (l.claimed.size() < Lane.DEPTH && !l.ready.isEmpty() && (best == null || better(l, best))) {
                    best = l;
                }
            }
            if (best == null) {
                break;
            }
            QueuedFile f = best.ready.pollFirst();
            f.state = FileState.CLAIMED;
            f.claimCommitted = false;
            f.admitted = null;
            best.claimed.addLast(f);
            claims++;
            out.add(f);
        }
        return out;
    }

    private static boolean better(Lane a, Lane b) {
        int ai = a.inPipe();
        int bi = b.inPipe();
        if (ai != bi) {
            return ai < bi;
        }
        return QueuedFile.ORDER.compare(a.ready.first(), b.ready.first()) < 0;
    }

    /** A claim's {@code sending} row is committed: it may start once its turn comes. */
    void committed(QueuedFile f, Runnable admitted) {
        f.claimCommitted = true;
        f.admitted = admitted;
    }

    /**
     * Starts claimed files on free slots, the oldest head first, never two of one table at once; each started file
     * is SENDING.
     */
    List<QueuedFile> admit() {
        List<QueuedFile> out = new ArrayList<>();
        while (inFlight < threads) {
            Lane best = null;
            for (Lane l : lanes.values()) {
                QueuedFile head = l.claimed.peekFirst();
                if (l.sending == null && head != null && head.claimCommitted
                    && (best == null || QueuedFile.ORDER.compare(head, best.claimed.peekFirst()) < 0)) {
                    best = l;
                }
            }
            if (best == null) {
                break;
            }
            QueuedFile f = best.claimed.pollFirst();
            claims--;
            best.sending = f;
            inFlight++;
            f.state = FileState.SENDING;
            out.add(f);
        }
        return out;
    }

    /** The file's transfer ended (success or failure): its table and slot are free. */
    void transferEnded(QueuedFile f) {
        Lane l = lanes.get(f.laneKey());
        if (l != null && l.sending == f) {
            l.sending = null;
            inFlight--;
        }
    }

    /** A claim that ends before its transfer (no route, cooldown, failure, stop). */
    void unclaim(QueuedFile f) {
        Lane l = lanes.get(f.laneKey());
        if (l != null && l.claimed.remove(f)) {
            claims--;
        }
        f.admitted = null;
    }

    /** The file left the queue. */
    void left(QueuedFile f) {
        Lane l = lanes.get(f.laneKey());
        if (l == null) {
            return;
        }
        l.ready.remove(f);
        if (l.claimed.remove(f)) {
            claims--;
        }
        transferEnded(f);
        l.size--;
        if (l.idle()) {
            lanes.remove(f.laneKey());
        }
    }

    /** Drops the file from its table's ready set (it waits, backs off, or is being re-decided). */
    void notReady(QueuedFile f) {
        Lane l = lanes.get(f.laneKey());
        if (l != null) {
            l.ready.remove(f);
        }
    }

    /** Claims whose transfer has not started (completed by {@link DeliveryQueue#stop}). */
    List<QueuedFile> claimed() {
        List<QueuedFile> out = new ArrayList<>();
        for (Lane l : lanes.values()) {
            out.addAll(l.claimed);
        }
        return out;
    }

    int inFlight() {
        return inFlight;
    }

    int claims() {
        return claims;
    }

    Collection<Lane> all() {
        return lanes.values();
    }
}
