package io.edgepublisher.wire.client;

import io.edgepublisher.wire.InboundMessage;
import io.edgepublisher.wire.PeerAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code run client} jobs that wait for replies (a node service). The TCP server offers every {@code print} and
 * {@code echo} to {@link #deliver}; replies whose job location and id name no open job are not claimed and end up
 * in the log (PROTOCOL.md §6.4).
 *
 * <p>Ids start at a random value, so a reply cannot be aimed at a job by guessing a small number, and never 0
 * (0 means nobody waits).
 */
public final class JobRegistry {
    /** Job locations run 1..LOCATIONS, derived from the id. */
    static final int LOCATIONS = 1000;

    private final Map<Long, Job> jobs = new ConcurrentHashMap<>();
    private final AtomicLong counter = new AtomicLong(new SecureRandom().nextInt() & 0xFFFF_FFFFL);

    /** Opens a job for these targets (receiver id = index in the list); {@link #close} it when done. */
    public Job open(List<PeerAddress> targets) {
        while (true) {
            long id = counter.incrementAndGet() & 0xFFFF_FFFFL;
            if (id == 0) {
                continue;
            }
            Job job = new Job((int) (id % LOCATIONS) + 1, id, targets);
            if (jobs.putIfAbsent(id, job) == null) {
                return job;
            }
        }
    }

    /** Forgets the job; replies that still arrive for it are logged instead. */
    public void close(Job job) {
        jobs.remove(job.id(), job);
    }

    /**
     * Files a {@code print}/{@code echo} under its job.
     *
     * @return true when an open job took it
     */
    public boolean deliver(InboundMessage reply) {
        if (reply.jobId() == 0) {
            return false;
        }
        Job job = jobs.get(reply.jobId());
        return job != null && job.location() == reply.jobLocation() && job.accept(reply);
    }

    /** Jobs currently waiting. */
    public int size() {
        return jobs.size();
    }
}
