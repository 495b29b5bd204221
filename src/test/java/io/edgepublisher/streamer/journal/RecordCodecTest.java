package io.edgepublisher.streamer.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/** INTAKE.md §6.2 record encoding. */
class RecordCodecTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void layoutIsLengthCrc32cPayloadBigEndian() {
        byte[] payload = utf8("{\"a\":1}");
        byte[] rec = RecordCodec.encode(payload);
        assertEquals(8 + payload.length, rec.length);
        assertEquals(0, rec[0]);
        assertEquals(0, rec[1]);
        assertEquals(0, rec[2]);
        assertEquals(7, rec[3]);
        CRC32C crc = new CRC32C();
        crc.update(payload);
        long v = crc.getValue();
        assertEquals((byte) (v >>> 24), rec[4]);
        assertEquals((byte) (v >>> 16), rec[5]);
        assertEquals((byte) (v >>> 8), rec[6]);
        assertEquals((byte) v, rec[7]);
        assertEquals("{\"a\":1}", new String(rec, 8, 7, StandardCharsets.UTF_8));
    }

    @Test
    void decodeStopsAtTornOrCorruptRecords() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(RecordCodec.encode(utf8("one")));
        out.writeBytes(RecordCodec.encode(utf8("two")));
        out.writeBytes(RecordCodec.encode(utf8("three")));
        byte[] all = out.toByteArray();
        assertEquals(3, RecordCodec.decode(all, all.length).payloads().size());
        assertEquals(all.length, RecordCodec.decode(all, all.length).validLength());
        for (int cut = 0; cut < all.length; cut++) {
            int expected = cut >= 22 ? 2 : cut >= 11 ? 1 : 0;
            assertEquals(expected, RecordCodec.decode(all, cut).payloads().size(), "cut at " + cut);
        }
        byte[] bad = all.clone();
        bad[11 + 8 + 1] ^= 0x20; // a payload byte of "two"
        RecordCodec.Decoded d = RecordCodec.decode(bad, bad.length);
        assertEquals(1, d.payloads().size(), "records after a CRC failure are not trusted");
        assertEquals(11, d.validLength());
        byte[] negative = all.clone();
        negative[0] = (byte) 0x80;
        assertEquals(0, RecordCodec.decode(negative, negative.length).payloads().size());
    }

    @Test
    void modes() {
        assertEquals(JournalMode.ALWAYS, JournalMode.parse("always"));
        assertEquals(JournalMode.NONE, JournalMode.parse(" NONE "));
        assertEquals(JournalMode.group(5), JournalMode.parse("group:5"));
        assertEquals("group:5", JournalMode.parse("group:5").toString());
        assertThrows(IllegalArgumentException.class, () -> JournalMode.parse("group:"));
        assertThrows(IllegalArgumentException.class, () -> JournalMode.parse("group:-1"));
        assertThrows(IllegalArgumentException.class, () -> JournalMode.parse("sometimes"));
    }
}
