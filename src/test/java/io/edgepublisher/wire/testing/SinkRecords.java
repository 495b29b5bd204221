package io.edgepublisher.wire.testing;

import io.edgepublisher.wire.FileWriteResult;
import io.edgepublisher.wire.InboundMessage;
import io.edgepublisher.wire.TransferResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What an {@link OperatorSink} received, and waiting for it. Thread-safe; the lists are plain synchronized lists
 * because thousands of files per second make copy-on-write lists quadratic.
 */
final class SinkRecords {
    private final List<ReceivedFile> files = Collections.synchronizedList(new ArrayList<>());
    private final List<InboundMessage> messages = Collections.synchronizedList(new ArrayList<>());
    private final List<FileWriteResult> refused = Collections.synchronizedList(new ArrayList<>());
    private final List<String> protocolErrors = Collections.synchronizedList(new ArrayList<>());
    private final List<TransferResult> echoes = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger connections = new AtomicInteger();
    private final Object changed = new Object();

    void connectionAccepted() {
        connections.incrementAndGet();
    }

    void file(ReceivedFile f) {
        add(files, f);
    }

    void message(InboundMessage m) {
        add(messages, m);
    }

    void refused(FileWriteResult r) {
        add(refused, r);
    }

    void protocolError(String line) {
        add(protocolErrors, line);
    }

    void echo(TransferResult r) {
        add(echoes, r);
    }

    List<ReceivedFile> files() {
        return snapshot(files);
    }

    List<InboundMessage> messages() {
        return snapshot(messages);
    }

    List<FileWriteResult> refused() {
        return snapshot(refused);
    }

    List<String> protocolErrors() {
        return snapshot(protocolErrors);
    }

    List<TransferResult> echoes() {
        return snapshot(echoes);
    }

    int connections() {
        return connections.get();
    }

    void reset() {
        files.clear();
        messages.clear();
        refused.clear();
        protocolErrors.clear();
        echoes.clear();
        connections.set(0);
    }

    Optional<ReceivedFile> awaitFile(String name, Duration timeout) throws InterruptedException {
        return awaitFirst(() -> files().stream().filter(f -> f.name().equals(name)).findFirst(), timeout);
    }

    boolean awaitFiles(int count, Duration timeout) throws InterruptedException {
        return awaitFirst(() -> files.size() >= count ? Optional.of(true) : Optional.empty(), timeout).isPresent();
    }

    Optional<InboundMessage> awaitMessage(Predicate<InboundMessage> match, Duration timeout)
            throws InterruptedException {
        return awaitFirst(() -> messages().stream().filter(match).findFirst(), timeout);
    }

    private <T> void add(List<T> list, T item) {
        list.add(item);
        synchronized (changed) {
            changed.notifyAll();
        }
    }

    private <T> Optional<T> awaitFirst(Supplier<Optional<T>> probe, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (changed) {
            while (true) {
                Optional<T> found = probe.get();
                long left = deadline - System.nanoTime();
                if (found.isPresent() || left <= 0) {
                    return found;
                }
                changed.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    private static <T> List<T> snapshot(List<T> list) {
        synchronized (list) {
            return List.copyOf(list);
        }
    }
}
