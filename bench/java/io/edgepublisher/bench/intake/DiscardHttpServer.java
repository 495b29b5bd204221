package io.edgepublisher.bench.intake;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The REST ceiling of {@code bench/intake/rest.sh}: an HTTP/1.1 server that reads every request body to its end and
 * throws it away, then answers 200. It measures what the client, the loopback and the kernel cost without any node
 * behind them. Keep-alive is honoured (HTTP/1.1 default, {@code Connection: close} closes); bodies come with
 * {@code Content-Length} or chunked.
 *
 * <p>Besides reading, it counts requests, body bytes and the {@code '{'} bytes of bodies (one per JSON row of the
 * bench bodies), so the bench can check rows received against rows sent. A request with the header
 * {@code command: get status} answers {@code discard running}; {@code command: get count} answers
 * {@code requests=<n> bytes=<n> objects=<n>}.
 *
 * <pre>java -cp … io.edgepublisher.bench.intake.DiscardHttpServer &lt;host&gt; &lt;port&gt; [threads=6]</pre>
 * One thread per connection slot, each accepting and serving on its own, like the nodes' thread pools.
 */
public final class DiscardHttpServer {
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong objects = new AtomicLong();

    public static void main(String[] a) throws Exception {
        String host = a[0];
        int port = Integer.parseInt(a[1]);
        int threads = a.length > 2 ? Integer.parseInt(a[2]) : 6;
        ServerSocket server = new ServerSocket(port, 1024, InetAddress.getByName(host));
        DiscardHttpServer d = new DiscardHttpServer();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> d.acceptLoop(server), "discard-" + i);
            t.start();
        }
        System.out.println("discard HTTP server on " + host + ":" + port + ", " + threads + " threads");
    }

    private void acceptLoop(ServerSocket server) {
        byte[] buf = new byte[64 * 1024];
        while (true) {
            try (Socket s = server.accept()) {
                serve(s, buf);
            } catch (IOException e) {
                // a client that went away mid-request: nothing to count, next connection
            }
        }
    }

    private void serve(Socket s, byte[] buf) throws IOException {
        InputStream in = new BufferedInputStream(s.getInputStream(), 64 * 1024);
        OutputStream out = s.getOutputStream();
        while (true) {
            String head = readHead(in);
            if (head == null) {
                return;
            }
            String lower = head.toLowerCase(Locale.ROOT);
            String command = header(lower, "command");
            long length = 0;
            String cl = header(lower, "content-length");
            if (cl != null) {
                length = drain(in, Long.parseLong(cl), buf);
            } else if ("chunked".equals(header(lower, "transfer-encoding"))) {
                length = drainChunked(in, buf);
            }
            String body;
            if ("get status".equals(command)) {
                body = "discard running";
            } else if ("get count".equals(command)) {
                body = "requests=" + requests.get() + " bytes=" + bytes.get() + " objects=" + objects.get();
            } else {
                requests.incrementAndGet();
                bytes.addAndGet(length);
                body = "{\"AnyLog.status\":\"Success\"}";
            }
            boolean close = "close".equals(header(lower, "connection"))
                    || head.substring(0, head.indexOf("\r\n")).endsWith("HTTP/1.0");
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + b.length
                    + (close ? "\r\nConnection: close" : "") + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(b);
            out.flush();
            if (close) {
                return;
            }
        }
    }

    /** The request line and headers, or null at the end of the connection. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(512);
        int state = 0; // matched bytes of CR LF CR LF
        int c;
        while ((c = in.read()) >= 0) {
            head.write(c);
            state = (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3)) ? state + 1
                    : c == '\r' ? 1 : 0;
            if (state == 4) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    private static String header(String lowerHead, String name) {
        int i = lowerHead.indexOf("\r\n" + name + ":");
        if (i < 0) {
            return null;
        }
        int from = i + name.length() + 3;
        return lowerHead.substring(from, lowerHead.indexOf("\r\n", from)).trim();
    }

    private long drain(InputStream in, long n, byte[] buf) throws IOException {
        long left = n;
        long braces = 0;
        while (left > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) {
                throw new IOException("body ended early");
            }
            for (int i = 0; i < r; i++) {
                if (buf[i] == '{') {
                    braces++;
                }
            }
            left -= r;
        }
        objects.addAndGet(braces);
        return n;
    }

    private long drainChunked(InputStream in, byte[] buf) throws IOException {
        long total = 0;
        while (true) {
            String line = readLine(in);
            int semi = line.indexOf(';');
            long size = Long.parseLong((semi < 0 ? line : line.substring(0, semi)).trim(), 16);
            if (size == 0) {
                while (!readLine(in).isEmpty()) {
                    // trailers
                }
                return total;
            }
            total += drain(in, size, buf);
            readLine(in);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        if (c < 0) {
            throw new IOException("connection ended in a chunked body");
        }
        return sb.toString();
    }
}
