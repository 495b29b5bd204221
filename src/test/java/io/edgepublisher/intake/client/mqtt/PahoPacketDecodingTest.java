package io.edgepublisher.intake.client.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.MqttPublish;
import org.eclipse.paho.mqttv5.common.packet.MqttWireMessage;
import org.eclipse.paho.mqttv5.common.packet.util.CountingInputStream;
import org.junit.jupiter.api.Test;

/**
 * Paho's packet decoding with this project's {@link CountingInputStream} (src/main/java/org/eclipse/paho/...): a
 * received PUBLISH decodes as before, and a payload is copied in bulk, not one byte per call.
 */
class PahoPacketDecodingTest {
    @Test
    void aPublishDecodesWithItsTopicPropertiesAndPayload() throws Exception {
        byte[] payload = "[{\"ts\":\"2024-04-17T10:00:00Z\",\"v\":1.5,\"id\":7}]".repeat(40)
                .getBytes(StandardCharsets.UTF_8);
        MqttMessage m = new MqttMessage(payload);
        m.setQos(1);
        MqttProperties props = new MqttProperties();
        props.setContentType("application/json");
        MqttPublish out = new MqttPublish("bench/mqtt/ü", m, props);
        out.setMessageId(4711);
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(out.getHeader());
        packet.write(out.getPayload());

        MqttPublish in = (MqttPublish) MqttWireMessage.createWireMessage(packet.toByteArray());
        assertEquals("bench/mqtt/ü", in.getTopicName());
        assertEquals(4711, in.getMessageId());
        assertEquals(1, in.getQoS());
        assertEquals("application/json", in.getProperties().getContentType());
        assertArrayEquals(payload, in.getMessage().getPayload());
    }

    /** A stream that counts its single-byte reads. */
    private static final class ByteCalls extends ByteArrayInputStream {
        int singleByteReads;

        ByteCalls(byte[] b) {
            super(b);
        }

        @Override
        public synchronized int read() {
            singleByteReads++;
            return super.read();
        }
    }

    @Test
    void aBulkReadIsOneCallAndIsCounted() throws IOException {
        byte[] data = new byte[10_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        ByteCalls under = new ByteCalls(data);
        CountingInputStream counting = new CountingInputStream(under);
        byte[] got = new byte[data.length - 2];
        new DataInputStream(counting).readUnsignedShort();
        new DataInputStream(counting).readFully(got);
        assertArrayEquals(java.util.Arrays.copyOfRange(data, 2, data.length), got);
        assertEquals(data.length, counting.getCounter());
        assertEquals(2, under.singleByteReads, "only the two bytes of the short are read one by one");
        assertEquals(-1, counting.read());
        assertEquals(data.length, counting.getCounter(), "the end of the stream is not counted");
    }
}
