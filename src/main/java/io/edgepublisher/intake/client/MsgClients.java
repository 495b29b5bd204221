package io.edgepublisher.intake.client;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.intake.mapping.MappingErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.IntFunction;

/**
 * The node's message clients, numbered 1, 2, … in the order they were created (a number is never reused). A topic may
 * be subscribed by only one client per broker (INTAKE.md §3.2). Node service {@code MsgClients.class}.
 */
public final class MsgClients {
    private final Map<Integer, MsgClient> clients = new ConcurrentSkipListMap<>();
    private int lastId;

    /**
     * Registers a client built for the next number and starts it. When {@code start} fails, the client is removed
     * again and its number is given to the next client.
     *
     * @param build makes the client for a number
     * @param start attaches its transport
     * @throws CommandException 124 {@code The Topic '<t>' was subscribed by client #<n>}, or what {@code start} threw
     */
    public MsgClient add(IntFunction<MsgClient> build, java.util.function.Consumer<MsgClient> start) {
        MsgClient c;
        synchronized (this) {
            c = build.apply(lastId + 1);
            for (ClientTopic t : c.topics()) {
                for (ClientTopic u : c.topics()) {
                    if (u != t && u.mapping().topic().equals(t.mapping().topic())) {
                        throw MappingErrors.topicTaken(t.mapping().topic(), c.id());
                    }
                }
                for (MsgClient other : clients.values()) {
                    if (other.brokerKey().equals(c.brokerKey()) && other.topicNamed(t.mapping().topic()) != null) {
                        throw MappingErrors.topicTaken(t.mapping().topic(), other.id());
                    }
                }
            }
            lastId = c.id();
            clients.put(c.id(), c);
        }
        try {
            start.accept(c);
        } catch (RuntimeException e) {
            synchronized (this) {
                clients.remove(c.id());
                if (lastId == c.id()) {
                    lastId--;
                }
            }
            throw e;
        }
        return c;
    }

    public MsgClient get(int id) {
        return clients.get(id);
    }

    /** Every client, by number. */
    public List<MsgClient> all() {
        return new ArrayList<>(clients.values());
    }

    public boolean isEmpty() {
        return clients.isEmpty();
    }

    /** The {@code broker = rest} client serving this User-Agent product, or null. */
    public MsgClient restClient(String product) {
        for (MsgClient c : clients.values()) {
            if (c.kind() == MsgClient.Kind.REST && c.userAgent().equalsIgnoreCase(product)) {
                return c;
            }
        }
        return null;
    }

    /** The {@code broker = local} clients. */
    public List<MsgClient> local() {
        List<MsgClient> out = new ArrayList<>();
        for (MsgClient c : clients.values()) {
            if (c.kind() == MsgClient.Kind.LOCAL) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * {@code exit msg client <id>}: stops the transport and forgets the client.
     *
     * @throws CommandException 2 for an unknown id
     */
    public void exit(int id) {
        MsgClient c = clients.get(id);
        if (c == null) {
            throw new CommandException(ErrorCode.COMMAND_STRUCTURE, "No message client with id " + id);
        }
        c.stop();
        clients.remove(id);
    }

    /** {@code exit msg client all}. */
    public void exitAll() {
        for (MsgClient c : all()) {
            try {
                c.stop();
            } finally {
                clients.remove(c.id());
            }
        }
    }
}
