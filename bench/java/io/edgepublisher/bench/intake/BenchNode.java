package io.edgepublisher.bench.intake;

import io.edgepublisher.testing.Ports;
import io.edgepublisher.testing.TestNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Helpers: an in-process node in a fresh home, and a private Mosquitto with an unlimited queue. */
public final class BenchNode {
    private BenchNode() {
    }

    static TestNode node(String journalSync, String script) throws Exception {
        Path home = Files.createTempDirectory("ep-bench");
        return TestNode.start(home, Map.of("EP_JOURNAL_SYNC", journalSync), script);
    }

    /** Deletes a folder tree (a node home after a run). */
    public static void delete(Path p) throws Exception {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    /** Starts {@code mosquitto} on a free port; the caller destroys the process. */
    static Process mosquitto(int port) throws Exception {
        Path conf = Files.createTempFile("mosquitto-bench", ".conf");
        Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\nmax_queued_messages 0\n"
                + "max_inflight_messages 1000\n");
        Process p = new ProcessBuilder("mosquitto", "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Thread.sleep(300);
        if (!p.isAlive()) {
            throw new IllegalStateException("mosquitto did not start");
        }
        return p;
    }

    static void stop(Process p) throws InterruptedException {
        p.destroy();
        p.waitFor(10, TimeUnit.SECONDS);
    }

    static int freePort() {
        return Ports.free();
    }
}
