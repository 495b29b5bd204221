package io.edgepublisher.bench.wire;

import io.edgepublisher.wire.GenericFlag;
import io.edgepublisher.wire.PeerAddress;
import io.edgepublisher.wire.PeerClient;
import io.edgepublisher.wire.SourceAddress;
import io.edgepublisher.wire.TransferResult;
import io.edgepublisher.wire.testing.OperatorSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * File sending from disk with {@link PeerClient#sendFile} to an {@link OperatorSink} on loopback, the way the
 * publisher delivers data files: one connection per file, generic flag 1, success only after the sink's orderly
 * close. Reports files/s for 10 KB files and MB/s for 1 MB files, each as the median and best of several timed
 * rounds after a warm-up.
 *
 * <p>The sink keeps size and SHA-256 of each file instead of writing it (no watch dir), so the figures measure the
 * sender and the protocol, not the sink's disk. Sender and sink share the machine's cores.
 *
 * <p>Arguments (all optional): {@code senders10k=4 senders1m=2 rounds=5 seconds=5}.
 */
public final class FileSendBench {
    public static void main(String[] args) throws Exception {
        int senders10k = arg(args, "senders10k", 4);
        int senders1m = arg(args, "senders1m", 2);
        int rounds = arg(args, "rounds", 5);
        int seconds = arg(args, "seconds", 5);
        Path dir = Files.createTempDirectory("file-send-bench");
        try (OperatorSink sink = OperatorSink.builder().threads(8).build().start();
             PeerClient client = new PeerClient()) {
            List<Path> small = files(dir.resolve("10k"), 1000, 10 * 1024);
            List<Path> large = files(dir.resolve("1m"), 32, 1024 * 1024);
            System.out.printf(Locale.ROOT, "%s%n", Environment.describe());
            Result r10k = measure("10 KB files", client, sink, small, senders10k, rounds, seconds);
            Result r1m = measure("1 MB files", client, sink, large, senders1m, rounds, seconds);
            System.out.printf(Locale.ROOT, "%nSUMMARY 10 KB: median %.0f files/s, best %.0f files/s (%d senders)%n",
                r10k.median(), r10k.best(), senders10k);
            System.out.printf(Locale.ROOT, "SUMMARY 1 MB: median %.0f MB/s, best %.0f MB/s (%d senders; MB = MiB)%n",
                r1m.median(), r1m.best(), senders1m);
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    record Result(double median, double best) {
    }

    private static Result measure(String label, PeerClient client, OperatorSink sink, List<Path> files, int senders,
                                  int rounds, int seconds) throws Exception {
        SourceAddress ours = SourceAddress.internalOnly(new PeerAddress("127.0.0.1", 32248));
        long size = Files.size(files.get(0));
        run(client, sink, ours, files, senders, 5); // warm-up: JIT and the sink's threads
        List<Double> rates = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            sink.reset();
            long start = System.nanoTime();
            long sent = run(client, sink, ours, files, senders, seconds);
            double secs = (System.nanoTime() - start) / 1e9;
            double filesPerSecond = sent / secs;
            rates.add(size >= 1 << 20 ? filesPerSecond * size / (1 << 20) : filesPerSecond);
            System.out.printf(Locale.ROOT, "%s, round %d: %d files in %.2f s = %.0f files/s = %.1f MB/s%n", label,
                i + 1, sent, secs, filesPerSecond, filesPerSecond * size / (1 << 20));
            if (sink.files().size() != sent) {
                throw new IllegalStateException("sink stored " + sink.files().size() + " of " + sent + " files");
            }
        }
        List<Double> sorted = new ArrayList<>(rates);
        sorted.sort(null);
        return new Result(sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1));
    }

    /** Each sender sends files, one connection each, until the time is up; returns the files sent. */
    private static long run(PeerClient client, OperatorSink sink, SourceAddress ours, List<Path> files, int senders,
                            int seconds) throws Exception {
        AtomicLong sent = new AtomicLong();
        AtomicLong names = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                done.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        long n = names.incrementAndGet();
                        Path file = files.get((int) (n % files.size()));
                        String name = "bench.t.0." + String.format(Locale.ROOT, "%032x", n) + ".0.json";
                        TransferResult r = client.sendFile(sink.address(), file, name, GenericFlag.FILE_WATCH_DIR, ours);
                        if (!r.success()) {
                            throw new IllegalStateException(r.toString());
                        }
                        sent.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return sent.get();
    }

    private static List<Path> files(Path dir, int count, int size) throws IOException {
        Files.createDirectories(dir);
        Random r = new Random(1);
        List<Path> out = new ArrayList<>();
        byte[] content = new byte[size];
        for (int i = 0; i < count; i++) {
            r.nextBytes(content);
            out.add(Files.write(dir.resolve("f" + i + ".json"), content));
        }
        return out;
    }

    private static int arg(String[] args, String name, int def) {
        for (String a : args) {
            if (a.startsWith(name + "=")) {
                return Integer.parseInt(a.substring(name.length() + 1));
            }
        }
        return def;
    }
}
