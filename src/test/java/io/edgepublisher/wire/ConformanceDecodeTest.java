package io.edgepublisher.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgepublisher.wire.ConformanceVectors.Vector;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Decodes every captured frame and checks every field its sidecar lists (conformance/README.md). */
class ConformanceDecodeTest {

    @Test
    void everyVectorIsPresent() {
        assertEquals(29, ConformanceVectors.all().size(), "vectors under conformance/frames");
    }

    @Test
    void everyFileMatchesTheManifest() throws Exception {
        List<String> lines = Files.readAllLines(ConformanceVectors.root().resolve("MANIFEST.sha256"));
        assertEquals(87, lines.size());
        for (String line : lines) {
            String[] parts = line.split("  ", 2);
            byte[] content = Files.readAllBytes(ConformanceVectors.root().resolve(parts[1]));
            assertEquals(parts[0], ConformanceVectors.sha256(content), parts[1]);
        }
    }

    @TestFactory
    Stream<DynamicTest> decodesEveryFrameAsItsSidecarSays() {
        return ConformanceVectors.all().stream().map(v -> DynamicTest.dynamicTest(v.name(), () -> checkVector(v)));
    }

    private static void checkVector(Vector v) throws Exception {
        assertEquals(v.sidecar().get("bin_sha256").asText(), ConformanceVectors.sha256(v.bytes()), "bin sha256");
        assertEquals(v.sidecar().get("frame_count").asInt(), v.frameCount(), "frame count");
        FrameDecoder decoder = new FrameDecoder();
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (int i = 0; i < v.frameCount(); i++) {
            Frame f = decoder.decode(v.bytes(), i * FrameLayout.FRAME_SIZE);
            checkFrame(v.frame(i), f, v.name() + " frame " + i);
            byte[] p = new byte[f.payloadLength()];
            f.payload().get(p);
            joined.write(p);
        }
        byte[] all = joined.toByteArray();
        assertEquals(v.sidecar().get("reassembled_payload_length").asInt(), all.length, "joined length");
        assertEquals(v.sidecar().get("reassembled_payload_sha256").asText(), ConformanceVectors.sha256(all),
                "joined sha256");
        if (v.payloadFile() != null) {
            assertArrayEquals(Files.readAllBytes(v.payloadFile()), all, "joined payload == " + v.payloadFile());
        }
    }

    static void checkFrame(JsonNode expected, Frame f, String where) {
        JsonNode h = expected.get("header");
        FrameHeader a = f.header();
        assertEquals(h.get("block_number").asLong(), a.blockNumber(), where + " block_number");
        assertEquals(h.get("last_flag").asInt(), a.lastFlag(), where + " last_flag");
        assertEquals(h.get("info_type").asInt(), a.infoType(), where + " info_type");
        assertEquals(h.get("error_code").asInt(), a.errorCode(), where + " error_code");
        assertEquals(h.get("command_length").asInt(), f.commandLength(), where + " command_length");
        assertEquals(h.get("auth_length").asInt(), f.authLength(), where + " auth_length");
        assertEquals(h.get("data_length").asInt(), f.dataLength(), where + " data_length");
        assertEquals(h.get("job_location").asInt(), a.jobLocation(), where + " job_location");
        assertEquals(h.get("job_id").asLong(), a.jobId(), where + " job_id");
        assertEquals(h.get("receivers").asInt(), a.receivers(), where + " receivers");
        assertEquals(h.get("receiver_id").asInt(), a.receiverId(), where + " receiver_id");
        assertEquals(h.get("source_ip").asText(), a.sourceIp(), where + " source_ip");
        assertEquals(h.get("source_port").asLong(), a.sourcePort(), where + " source_port");
        assertEquals(h.get("generic_flag").asInt(), a.genericFlag(), where + " generic_flag");

        JsonNode o = expected.get("other_header_fields");
        FrameHeader.Ignored ig = a.ignored();
        assertEquals(o.get("socket_id").asInt(), ig.socketId(), where + " socket_id");
        assertEquals(o.get("send_counter").asLong(), ig.sendCounter(), where + " send_counter");
        assertEquals(o.get("block_struct").asInt(), ig.blockStruct(), where + " block_struct");
        assertEquals(o.get("json_counter").asInt(), ig.jsonCounter(), where + " json_counter");
        assertEquals(o.get("reply_flag").asInt(), ig.replyFlag(), where + " reply_flag");
        assertEquals(o.get("partitions_used").asInt(), a.partitionsUsed(), where + " partitions_used");
        assertEquals(o.get("partition_id").asInt(), a.partitionId(), where + " partition_id");
        assertEquals(o.get("dbms_time_ms").asLong(), ig.dbmsTimeMs(), where + " dbms_time_ms");
        assertEquals(o.get("send_time_ms").asLong(), ig.sendTimeMs(), where + " send_time_ms");
        assertEquals(o.get("source_ip_length").asInt(), a.sourceIp().length(), where + " source_ip_length");
        assertEquals(o.get("block_hash_hex").asText(),
                HexFormat.of().toHexDigits(ig.blockHashHigh()) + HexFormat.of().toHexDigits(ig.blockHashLow()),
                where + " block hash");
        assertEquals(o.get("socket_time_id_hex").asText(), HexFormat.of().toHexDigits(ig.socketTimeId()),
                where + " socket time id");

        assertEquals(expected.get("command").asText(), f.command(), where + " command");
        JsonNode p = expected.get("payload");
        assertEquals(p.get("offset_in_frame").asInt(),
                FrameLayout.HEADER_SIZE + f.commandLength() + f.authLength(), where + " payload offset");
        assertEquals(p.get("length").asInt(), f.payloadLength(), where + " payload length");
        byte[] payload = new byte[f.payloadLength()];
        f.payload().get(payload);
        assertEquals(p.get("sha256").asText(), ConformanceVectors.sha256(payload), where + " payload sha256");
        if (p.has("text")) {
            assertEquals(p.get("text").asText(), new String(payload, StandardCharsets.UTF_8), where + " text");
        }
    }

    @TestFactory
    Stream<DynamicTest> assemblesEveryVectorIntoOneMessage() {
        return ConformanceVectors.all().stream().map(v -> DynamicTest.dynamicTest(v.name(), () -> {
            RecordingSinks sinks = new RecordingSinks();
            MessageAssembler assembler = new MessageAssembler(null, sinks);
            FrameDecoder decoder = new FrameDecoder();
            InboundMessage m = null;
            for (int i = 0; i < v.frameCount(); i++) {
                assertNull(m, "message completed before the last frame");
                m = assembler.accept(decoder.decode(v.bytes(), i * FrameLayout.FRAME_SIZE));
            }
            assertNotNull(m, "message incomplete after all frames");
            JsonNode first = v.frame(0);
            assertEquals(first.get("command").asText(), m.command());
            assertEquals(first.get("header").get("job_location").asInt(), m.jobLocation());
            assertEquals(first.get("header").get("job_id").asLong(), m.jobId());
            assertEquals(first.get("header").get("receiver_id").asInt(), m.receiverId());
            assertEquals(first.get("header").get("source_ip").asText(), m.sourceIp());
            assertEquals(first.get("header").get("source_port").asLong(), m.sourcePort());
            assertEquals(v.frameCount(), m.frameCount());

            byte[] expected = v.payloadFile() != null ? Files.readAllBytes(v.payloadFile()) : null;
            if (m.kind() == InboundMessage.Kind.FILE_WRITE) {
                assertEquals(FileWriteResult.Status.WRITTEN, m.fileWrite().status());
                assertEquals(first.get("command").asText().substring("file write ".length()), m.fileWrite().name());
                assertEquals(1, sinks.opened.size());
                assertTrue(sinks.opened.get(0).completed);
                byte[] written = sinks.opened.get(0).bytes.toByteArray();
                assertEquals(v.sidecar().get("reassembled_payload_sha256").asText(),
                        ConformanceVectors.sha256(written));
                if (expected != null) {
                    assertArrayEquals(expected, written);
                }
            } else {
                assertTrue(sinks.opened.isEmpty());
                byte[] payload = new byte[m.payload().remaining()];
                m.payload().get(payload);
                assertEquals(v.sidecar().get("reassembled_payload_sha256").asText(),
                        ConformanceVectors.sha256(payload));
                if (expected != null) {
                    assertArrayEquals(expected, payload);
                }
            }
            assertEquals(expectedKind(v), m.kind());
        }));
    }

    private static InboundMessage.Kind expectedKind(Vector v) {
        String folder = v.name().substring(0, v.name().indexOf('/'));
        switch (folder) {
            case "filewrite":
            case "ledger_transfer":
                return InboundMessage.Kind.FILE_WRITE;
            case "replies":
                return v.frame(0).get("command").asText().startsWith("echo ")
                        ? InboundMessage.Kind.ECHO : InboundMessage.Kind.PRINT;
            default:
                return InboundMessage.Kind.COMMAND;
        }
    }

    /** A sink factory that keeps every file in memory and records the calls. */
    static final class RecordingSinks implements FileWriteSinkFactory {
        final List<Recording> opened = new ArrayList<>();

        @Override
        public FileWriteSink open(FileWriteStart start) {
            Recording r = new Recording(start);
            opened.add(r);
            return r;
        }

        static final class Recording implements FileWriteSink {
            final FileWriteStart start;
            final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            int appends;
            boolean completed;
            boolean aborted;

            Recording(FileWriteStart start) {
                this.start = start;
            }

            @Override
            public void append(ByteBuffer payload) {
                appends++;
                byte[] b = new byte[payload.remaining()];
                payload.get(b);
                bytes.writeBytes(b);
            }

            @Override
            public void complete() {
                completed = true;
            }

            @Override
            public void abort() {
                aborted = true;
            }
        }
    }
}
