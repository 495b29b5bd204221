package io.edgepublisher.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A loopback TCP relay to a PostgreSQL server that changes the database a client asks for in its startup message
 * (protocol 3, unencrypted): {@code from} becomes {@code to}, everything else passes through byte for byte. SSL and
 * GSS encryption requests are declined, so the client continues in plain text. For tests only.
 */
final class PgNameRelay implements AutoCloseable {
    private static final int SSL_REQUEST = 80877103;
    private static final int GSSENC_REQUEST = 80877104;
    private static final int CANCEL_REQUEST = 80877102;

    private final ServerSocket server;
    private final String upstreamHost;
    private final int upstreamPort;
    private final String from;
    private final String to;

    private PgNameRelay(ServerSocket server, String upstreamHost, int upstreamPort, String from, String to) {
        this.server = server;
        this.upstreamHost = upstreamHost;
        this.upstreamPort = upstreamPort;
        this.from = from;
        this.to = to;
    }

    static PgNameRelay start(String upstreamHost, int upstreamPort, String from, String to) throws IOException {
        ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        PgNameRelay relay = new PgNameRelay(s, upstreamHost, upstreamPort, from, to);
        daemon("pg-relay-" + s.getLocalPort(), relay::acceptLoop);
        return relay;
    }

    int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                daemon("pg-relay-conn", () -> serve(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        try (client; Socket upstream = new Socket(upstreamHost, upstreamPort)) {
            DataInputStream in = new DataInputStream(client.getInputStream());
            OutputStream toClient = client.getOutputStream();
            DataOutputStream toServer = new DataOutputStream(upstream.getOutputStream());
            while (true) {
                int length = in.readInt();
                int code = in.readInt();
                byte[] body = in.readNBytes(length - 8);
                if (code == SSL_REQUEST || code == GSSENC_REQUEST) {
                    toClient.write('N');
                    toClient.flush();
                    continue;
                }
                byte[] rewritten = code == CANCEL_REQUEST ? body : rewrite(body);
                toServer.writeInt(rewritten.length + 8);
                toServer.writeInt(code);
                toServer.write(rewritten);
                toServer.flush();
                break;
            }
            Thread back = daemon("pg-relay-back", () -> copy(upstream, client));
            copy(client, upstream);
            back.join(5_000);
        } catch (IOException | InterruptedException e) {
            // the client or the server went away: nothing to relay any more
        }
    }

    /** The startup parameters (name, value, ..., terminator) with the database replaced. */
    private byte[] rewrite(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        boolean database = false;
        boolean name = true;
        while (i < body.length && body[i] != 0) {
            int end = i;
            while (body[end] != 0) {
                end++;
            }
            String s = new String(body, i, end - i, StandardCharsets.UTF_8);
            String value = !name && database && s.equals(from) ? to : s;
            out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
            out.write(0);
            database = name && s.equals("database");
            name = !name;
            i = end + 1;
        }
        out.write(0);
        return out.toByteArray();
    }

    /** Copies until end of stream, then half-closes the destination (or closes both on an error). */
    private static void copy(Socket source, Socket destination) {
        try {
            InputStream in = source.getInputStream();
            OutputStream out = destination.getOutputStream();
            in.transferTo(out);
            destination.shutdownOutput();
        } catch (IOException e) {
            try {
                source.close();
                destination.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
