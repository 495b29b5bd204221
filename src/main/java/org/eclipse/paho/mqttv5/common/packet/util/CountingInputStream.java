package org.eclipse.paho.mqttv5.common.packet.util;

import java.io.IOException;
import java.io.InputStream;

/**
 * Replaces paho MQTT 5's class of this name (1.2.5, the last release; the jar's copy is left out of the shaded jar,
 * pom.xml): the same API, a stream that counts the bytes read through it, plus the bulk read the original lacks.
 *
 * <p>Why: paho decodes every received packet through this stream ({@code MqttWireMessage.createWireMessage} and
 * {@code MqttPublish}, each with {@code DataInputStream.readFully}). Without a bulk read, {@code InputStream}'s default
 * copies the packet one byte at a time, two calls per byte into a synchronized {@code ByteArrayInputStream.read()},
 * twice per payload: with 10-row messages that was half the samples of the node (paho's receiving thread), more than
 * mapping and storing them.
 */
public class CountingInputStream extends InputStream {
    private final InputStream inputStream;
    private int counter;

    public CountingInputStream(InputStream inputStream) {
        this.inputStream = inputStream;
    }

    @Override
    public int read() throws IOException {
        int b = inputStream.read();
        if (b != -1) {
            counter++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = inputStream.read(b, off, len);
        if (n > 0) {
            counter += n;
        }
        return n;
    }

    @Override
    public int available() throws IOException {
        return inputStream.available();
    }

    /** Bytes read so far (since the last {@link #resetCounter()}). */
    public int getCounter() {
        return counter;
    }

    public void resetCounter() {
        counter = 0;
    }
}
