package io.edgepublisher.bench.intake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * REST PUT {@code mode: streaming} load client, usable against Edge Publisher and against an EdgeLake node alike (same
 * headers as the AnyLog sample data generator): {@code threads} connections in parallel, each sending
 * {@code batches} PUTs of {@code rows} JSON rows (one request per connection, as both servers close it).
 *
 * <pre>java -cp … io.edgepublisher.bench.intake.RestPutClient &lt;host&gt; &lt;port&gt; [batches=300] [rows=2000]
 *     [threads=4] [dbms=bench] [table=rest]</pre>
 * Prints rows/s over the whole run and fails on any reply other than 200.
 */
public final class RestPutClient {
    private final String host;
    private final int port;

    public RestPutClient(String host, int port) {
        this.host = host;
        this.port = port;
    }

    public static void main(String[] a) throws Exception {
        String host = a[0];
        int port = Integer.parseInt(a[1]);
        int batches = a.length > 2 ? Integer.parseInt(a[2]) : 300;
        int rows = a.length > 3 ? Integer.parseInt(a[3]) : 2000;
        int threads = a.length > 4 ? Integer.parseInt(a[4]) : 4;
        String dbms = a.length > 5 ? a[5] : "bench";
        String table = a.length > 6 ? a[6] : "rest";
        double rps = new RestPutClient(host, port).run(dbms, table, batches, rows, threads);
        System.out.printf("REST PUT streaming %s:%d: %d batches x %d rows, %d threads: %,.0f rows/s%n", host, port,
                batches, rows, threads, rps);
    }

    /** A batch body like the sample data generator's: a JSON list of rows. */
    public static byte[] body(int batch, int rows) {
        StringBuilder sb = new StringBuilder(rows * 72).append('[');
        for (int i = 0; i < rows; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            long n = (long) batch * rows + i;
            sb.append("{\"timestamp\": \"2024-04-17T10:").append(String.format("%02d:%02d", n / 60 % 60, n % 60))
                    .append(".000000Z\", \"value\": ").append(n % 1000 / 10.0).append(", \"seq\": ").append(n)
                    .append('}');
        }
        return sb.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Sends the batches and returns rows per second. */
    public double run(String dbms, String table, int batches, int rows, int threads) throws Exception {
        byte[][] bodies = new byte[Math.min(batches, 16)][];
        for (int i = 0; i < bodies.length; i++) {
            bodies[i] = body(i, rows);
        }
        AtomicLong next = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        java.util.concurrent.atomic.AtomicReference<String> firstFailure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread[] ts = new Thread[threads];
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            ts[t] = new Thread(() -> {
                long b;
                while ((b = next.getAndIncrement()) < batches) {
                    try {
                        int status = put(dbms, table, unique(bodies[(int) (b % bodies.length)], b));
                        if (status != 200) {
                            failures.incrementAndGet();
                            firstFailure.compareAndSet(null, "HTTP " + status);
                        }
                    } catch (IOException | RuntimeException e) {
                        failures.incrementAndGet();
                        firstFailure.compareAndSet(null, e.toString());
                    }
                }
            });
            ts[t].start();
        }
        for (Thread t : ts) {
            t.join();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " PUTs failed; the first: " + firstFailure.get());
        }
        return (double) batches * rows / secs;
    }

    /** Prepends a row naming the batch, so no two batches give identical (same-hash) files. */
    static byte[] unique(byte[] body, long batch) {
        byte[] head = ("[{\"batch\": " + batch + "}, ").getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + body.length - 1];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(body, 1, out, head.length, body.length - 1);
        return out;
    }

    /** One PUT on a fresh connection ({@code Connection: close}, as the sample data generator does); the status. */
    public int put(String dbms, String table, byte[] body) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 5000);
            s.setSoTimeout(60_000);
            String head = "PUT / HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nUser-Agent: AnyLog/1.23\r\n"
                    + "type: json\r\ndbms: " + dbms + "\r\ntable: " + table + "\r\nmode: streaming\r\n"
                    + "Content-Type: text/plain\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream resp = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            int n;
            while ((n = in.read(buf)) >= 0) {
                resp.write(buf, 0, n);
            }
            String r = resp.toString(StandardCharsets.ISO_8859_1);
            return Integer.parseInt(r.substring(9, 12));
        }
    }
}
