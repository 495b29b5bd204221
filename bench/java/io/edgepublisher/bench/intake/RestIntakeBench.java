package io.edgepublisher.bench.intake;

import io.edgepublisher.testing.TestNode;
import java.nio.file.Path;

/**
 * REST PUT streaming throughput of an in-process node, 2,000-row batches, for each journal mode given
 * ({@code always}, {@code group:<ms>}, {@code none}): the durability cost.
 *
 * <pre>RestIntakeBench [batches=300] [rows=2000] [threads=4] [modes=always,group:5,none]</pre>
 */
public final class RestIntakeBench {
    public static void main(String[] a) throws Exception {
        int batches = a.length > 0 ? Integer.parseInt(a[0]) : 300;
        int rows = a.length > 1 ? Integer.parseInt(a[1]) : 2000;
        int threads = a.length > 2 ? Integer.parseInt(a[2]) : 4;
        String[] modes = (a.length > 3 ? a[3] : "always,group:5,none").split(",");
        for (String mode : modes) {
            TestNode node = BenchNode.node(mode, "set buffer threshold where time = 60 seconds and volume = 1MB\n"
                    + "run streamer\nrun rest server where internal_ip = 127.0.0.1 and internal_port = "
                    + "!anylog_rest_port and threads = " + threads + "\n");
            try {
                RestPutClient client = new RestPutClient("127.0.0.1", node.restPort());
                client.run("bench", "warmup", Math.max(10, batches / 10), rows, threads);
                double rps = client.run("bench", "rest", batches, rows, threads);
                node.ok("flush buffers");
                long stored = MqttIntakeBench.rowsIn(Path.of(node.node().dictionary().get("watch_dir")));
                System.out.printf("REST PUT streaming, journal %s: %d batches x %d rows, %d threads: %,.0f rows/s"
                        + " (%d rows in watch files)%n", mode, batches, rows, threads, rps, stored);
            } finally {
                Path home = node.node().dirs().home();
                node.close();
                BenchNode.delete(home);
            }
        }
    }
}
