package io.edgepublisher.intake.client.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Plain TCP sockets for paho whose input is read by a thread of their own ({@link SocketPump}) into a bounded buffer.
 *
 * <p>Why: paho reads each packet straight from the socket — the fixed header byte, each byte of the remaining length,
 * then the rest — and its receiving thread then hands the message to its callback thread through a queue of 10,
 * waiting whenever that queue is full. So whenever processing lagged for a moment (a busy core, a collection, a large
 * batch being stored), nobody read the socket; the kernel's buffer filled, the broker's queue for the client filled
 * (Mosquitto: {@code max_queued_messages}, 1000 by default) and it dropped QoS 0 messages that a plain subscriber,
 * which only reads, receives. Here a pump thread does nothing but read the socket, as fast as the broker sends, into
 * {@link #BUFFER} bytes; paho reads packets from that buffer (a burst costs one system call, not four or five per
 * packet). When the buffer is full the pump stops reading until paho catches up (the broker holds back or, for QoS 0,
 * sheds), and says so in the log once per episode.
 */
final class ReadAheadSocketFactory extends SocketFactory {
    /**
     * Bytes read ahead at most per connection (the ring starts at 256 KB and grows only while it is full): about 2 s of
     * small messages at 40,000 messages/s.
     */
    static final int BUFFER = 8 << 20;

    private final String name;

    /** @param name the message client, as logs name it ("Message client 3") */
    ReadAheadSocketFactory(String name) {
        this.name = name;
    }

    @Override
    public Socket createSocket() {
        return new PumpedSocket(name);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket s = createSocket();
        s.connect(new InetSocketAddress(host, port));
        return s;
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        Socket s = createSocket();
        s.bind(new InetSocketAddress(localHost, localPort));
        s.connect(new InetSocketAddress(host, port));
        return s;
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        Socket s = createSocket();
        s.connect(new InetSocketAddress(host, port));
        return s;
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        Socket s = createSocket();
        s.bind(new InetSocketAddress(localAddress, localPort));
        s.connect(new InetSocketAddress(address, port));
        return s;
    }

    /** A socket whose input stream is a {@link SocketPump}, started when paho first asks for it (after connecting). */
    private static final class PumpedSocket extends Socket {
        private final String name;
        private SocketPump in;

        PumpedSocket(String name) {
            this.name = name;
        }

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                in = SocketPump.start(super.getInputStream(), BUFFER, this::getSoTimeout,
                        name + " (" + getRemoteSocketAddress() + ")");
            }
            return in;
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                SocketPump p;
                synchronized (this) {
                    p = in;
                }
                if (p != null) {
                    p.close();
                }
            }
        }
    }
}
