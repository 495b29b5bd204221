package io.edgepublisher.wire.client;

import io.edgepublisher.wire.InboundMessage;
import io.edgepublisher.wire.PeerAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One {@code run client} request that waits for replies: its job location and id (written into every request
 * frame and copied back by peers), and one slot per target, filed by the reply's receiver id (PROTOCOL.md §6.4).
 * A slot is final once filled; later replies for it are ignored. Thread-safe.
 */
public final class Job {
    private final int location;
    private final long id;
    private final List<PeerAddress> targets;
    private final ReplySlot[] slots;
    private final CountDownLatch open;

    Job(int location, long id, List<PeerAddress> targets) {
        this.location = location;
        this.id = id;
        this.targets = List.copyOf(targets);
        this.slots = new ReplySlot[targets.size()];
        this.open = new CountDownLatch(targets.size());
    }

    public int location() {
        return location;
    }

    public long id() {
        return id;
    }

    public List<PeerAddress> targets() {
        return targets;
    }

    /**
     * Files a reply under its receiver id.
     *
     * @return false when the receiver id names no target of this job (the reply is not ours)
     */
    boolean accept(InboundMessage reply) {
        int index = reply.receiverId();
        if (index < 0 || index >= slots.length) {
            return false;
        }
        fill(index, ReplySlot.replied(targets.get(index), reply));
        return true;
    }

    /** The request to target {@code index} could not be sent. */
    void sendFailed(int index, int code, String detail) {
        fill(index, ReplySlot.sendFailed(targets.get(index), code, detail));
    }

    /** Waits until every slot is filled or the time is up; true when all are filled. */
    boolean await(long nanos) throws InterruptedException {
        return open.await(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }

    /** Every slot in target order; targets without a result yet are {@link ReplySlot.State#MISSING}. */
    public synchronized List<ReplySlot> slots() {
        List<ReplySlot> out = new ArrayList<>(slots.length);
        for (int i = 0; i < slots.length; i++) {
            out.add(slots[i] != null ? slots[i] : ReplySlot.missing(targets.get(i)));
        }
        return out;
    }

    private synchronized void fill(int index, ReplySlot slot) {
        if (slots[index] == null) {
            slots[index] = slot;
            open.countDown();
        }
    }
}
