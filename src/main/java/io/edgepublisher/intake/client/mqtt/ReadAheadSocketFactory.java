package io.edgepublisher.intake.client.mqtt;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Plain TCP sockets for paho whose input is read ahead in 64 KB chunks.
 *
 * <p>Why: paho reads each packet straight from the socket — the fixed header byte, each byte of the remaining length,
 * then the rest, after asking how much is available — so a small PUBLISH cost four or five system calls on its
 * receiving thread; under a flood of small messages that thread was the node's largest CPU user. Read ahead, a burst of
 * packets costs one {@code read}.
 */
final class ReadAheadSocketFactory extends SocketFactory {
    static final int BUFFER = 64 * 1024;

    @Override
    public Socket createSocket() {
        return new ReadAheadSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket s = new ReadAheadSocket();
        s.connect(new java.net.InetSocketAddress(host, port));
        return s;
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        Socket s = new ReadAheadSocket();
        s.bind(new java.net.InetSocketAddress(localHost, localPort));
        s.connect(new java.net.InetSocketAddress(host, port));
        return s;
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        Socket s = new ReadAheadSocket();
        s.connect(new java.net.InetSocketAddress(host, port));
        return s;
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        Socket s = new ReadAheadSocket();
        s.bind(new java.net.InetSocketAddress(localAddress, localPort));
        s.connect(new java.net.InetSocketAddress(address, port));
        return s;
    }

    private static final class ReadAheadSocket extends Socket {
        private InputStream in;

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                in = new ReadAhead(super.getInputStream());
            }
            return in;
        }
    }

    /**
     * A read-ahead buffer for one reader (paho's receiving thread). A read that times out (paho sets a socket timeout)
     * changes nothing: the next read continues where it was.
     */
    static final class ReadAhead extends FilterInputStream {
        private final byte[] buf = new byte[BUFFER];
        private int pos;
        private int count;

        ReadAhead(InputStream in) {
            super(in);
        }

        /** False at end of stream. */
        private boolean fill() throws IOException {
            int n = in.read(buf, 0, buf.length);
            if (n <= 0) {
                return false;
            }
            pos = 0;
            count = n;
            return true;
        }

        @Override
        public int read() throws IOException {
            if (pos >= count && !fill()) {
                return -1;
            }
            return buf[pos++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            int n = count - pos;
            if (n <= 0) {
                if (len >= buf.length) {
                    return in.read(b, off, len); // a large read gains nothing from the buffer
                }
                if (!fill()) {
                    return -1;
                }
                n = count;
            }
            n = Math.min(n, len);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            int buffered = count - pos;
            if (buffered <= 0) {
                return in.skip(n);
            }
            int k = (int) Math.min(buffered, n);
            pos += k;
            return k;
        }

        /** What is buffered, without a system call; what the socket holds only when nothing is. */
        @Override
        public int available() throws IOException {
            int buffered = count - pos;
            return buffered > 0 ? buffered : in.available();
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
