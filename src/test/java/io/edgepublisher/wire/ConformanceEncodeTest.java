package io.edgepublisher.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgepublisher.wire.ConformanceVectors.Vector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Our encoder against the captures: bytes [0, 207 + data length) of every EdgeLake frame, and all 2048 bytes of the
 * request frames the capture scripts built from the spec.
 */
class ConformanceEncodeTest {
    private static final PeerAddress LISTENER = new PeerAddress("127.0.0.1", 32448);
    private static final PeerAddress PROBE = new PeerAddress("127.0.0.1", 32348);
    private static final PeerAddress OPERATOR = new PeerAddress("127.0.0.1", 32148);
    private static final PeerAddress MASTER = new PeerAddress("127.0.0.1", 32048);

    @TestFactory
    Stream<DynamicTest> reEncodingDecodedFieldsReproducesTheUsedBytes() {
        return ConformanceVectors.all().stream().map(v -> DynamicTest.dynamicTest(v.name(), () -> {
            FrameDecoder decoder = new FrameDecoder();
            for (int i = 0; i < v.frameCount(); i++) {
                Frame decoded = decoder.decode(v.bytes(), i * FrameLayout.FRAME_SIZE);
                Frame rebuilt = Frame.of(decoded.header(), decoded.command(), decoded.payload());
                byte[] ours = FrameEncoder.encode(rebuilt);
                assertUsedBytesEqual(v, i, ours);
                assertZeroTail(ours, rebuilt.usedLength());
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> requestFramesAreReproducedInAll2048Bytes() {
        return ConformanceVectors.under("requests").stream().map(v -> DynamicTest.dynamicTest(v.name(), () -> {
            JsonNode spec = v.sidecar().path("request_spec");
            JsonNode h = v.frame(0).get("header");
            String command = spec.has("command") ? spec.get("command").asText() : v.frame(0).get("command").asText();
            OutboundMessage m = CommandRequest.of(command)
                    .job(spec.path("job_location").asInt(h.get("job_location").asInt()),
                            spec.path("job_id").asLong(h.get("job_id").asLong()))
                    .receivers(spec.path("receivers").asInt(1), spec.path("receiver_id").asInt(0))
                    .build();
            List<Frame> frames = m.frames(SourceAddress.internalOnly(LISTENER), "127.0.0.1");
            assertEquals(1, frames.size());
            byte[] ours = FrameEncoder.encode(frames.get(0));
            byte[] captured = Arrays.copyOf(v.bytes(), FrameLayout.FRAME_SIZE);
            if (spec.has("fill")) {
                // The capture script filled the unused tail with 0xA5 to show that the replier reuses the
                // request's buffer; our encoder writes zeros there, as §2 rule 5 requires.
                int used = frames.get(0).usedLength();
                byte fill = (byte) spec.get("fill").asInt();
                for (int i = used; i < FrameLayout.FRAME_SIZE; i++) {
                    assertEquals(fill, captured[i], "captured tail byte " + i);
                }
                assertUsedBytesEqual(v, 0, ours);
                assertZeroTail(ours, used);
            } else {
                assertArrayEquals(captured, ours);
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> syncRequestsAndPolicyPushAreReproduced() {
        return Stream.concat(ConformanceVectors.under("sync").stream(), ConformanceVectors.under("push").stream())
                .map(v -> DynamicTest.dynamicTest(v.name(), () -> {
                    OutboundMessage m = CommandRequest.of(v.frame(0).get("command").asText()).build();
                    List<Frame> frames = m.frames(PROBE);
                    assertEquals(1, frames.size());
                    assertUsedBytesEqual(v, 0, FrameEncoder.encode(frames.get(0)));
                }));
    }

    @TestFactory
    Stream<DynamicTest> repliesBuiltFromTheirRequestsMatchTheCaptures() throws Exception {
        return ConformanceVectors.under("replies").stream().map(v -> DynamicTest.dynamicTest(v.name(), () -> {
            String key = v.name().substring("replies/".length()).replace(".reply", "");
            Vector request = ConformanceVectors.named("requests/" + key + ".request");
            RequestRef ref = new MessageAssembler(null, null)
                    .accept(new FrameDecoder().decode(request.bytes(), 0)).requestRef();
            JsonNode first = v.frame(0);
            String command = first.get("command").asText();
            String payload = joinedPayload(v);
            OutboundMessage reply;
            if (command.equals("print")) {
                reply = first.get("header").get("generic_flag").asInt() == GenericFlag.PRINT_JSON
                        ? PrintReply.json(ref, payload) : PrintReply.text(ref, payload);
            } else {
                reply = EchoReply.of(ref, first.get("header").get("error_code").asInt(),
                        command.substring("echo ".length()), payload);
            }
            PeerAddress replier = key.startsWith("push_") ? PROBE : OPERATOR;
            List<Frame> frames = reply.frames(replier);
            assertEquals(v.frameCount(), frames.size(), "frame count");
            for (int i = 0; i < frames.size(); i++) {
                byte[] ours = FrameEncoder.encode(frames.get(i));
                if (first.get("header").get("info_type").asInt() == 2) {
                    // EdgeLake's push-failure echoes carry info type 2 (PROTOCOL.md §4.1); we send 4.
                    assertEquals(InfoType.REPLY, ours[FrameLayout.INFO_TYPE]);
                    ours[FrameLayout.INFO_TYPE] = 2;
                }
                assertUsedBytesEqual(v, i, ours);
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> fileWritesFromMemoryMatchTheCaptures() {
        return Stream.concat(ConformanceVectors.under("filewrite").stream(),
                ConformanceVectors.under("ledger_transfer").stream()).map(v -> DynamicTest.dynamicTest(v.name(), () -> {
                    JsonNode h = v.frame(0).get("header");
                    String name = v.frame(0).get("command").asText().substring("file write ".length());
                    byte[] content = Files.readAllBytes(v.payloadFile());
                    PeerAddress source = new PeerAddress(h.get("source_ip").asText(), h.get("source_port").asInt());
                    assertEquals(v.name().startsWith("ledger") ? MASTER : PROBE, source);
                    List<Frame> frames = FileWriteMessage.of(name, h.get("generic_flag").asInt(), content)
                            .frames(source);
                    assertEquals(v.frameCount(), frames.size(), "frame count");
                    for (int i = 0; i < frames.size(); i++) {
                        assertUsedBytesEqual(v, i, FrameEncoder.encode(frames.get(i)));
                    }
                }));
    }

    static void assertUsedBytesEqual(Vector v, int frameIndex, byte[] ours) {
        int used = FrameLayout.HEADER_SIZE + v.frame(frameIndex).get("header").get("data_length").asInt();
        int at = frameIndex * FrameLayout.FRAME_SIZE;
        byte[] expected = Arrays.copyOfRange(v.bytes(), at, at + used);
        byte[] actual = Arrays.copyOf(ours, used);
        int diff = Arrays.mismatch(expected, actual);
        assertEquals(-1, diff, v.name() + " frame " + frameIndex + ": first differing byte");
    }

    static void assertZeroTail(byte[] frame, int used) {
        for (int i = used; i < FrameLayout.FRAME_SIZE; i++) {
            assertTrue(frame[i] == 0, "tail byte " + i + " must be 0");
        }
    }

    private static String joinedPayload(Vector v) throws FrameFormatException {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        FrameDecoder d = new FrameDecoder();
        for (int i = 0; i < v.frameCount(); i++) {
            Frame f = d.decode(v.bytes(), i * FrameLayout.FRAME_SIZE);
            byte[] p = new byte[f.payloadLength()];
            f.payload().get(p);
            all.writeBytes(p);
        }
        return all.toString(StandardCharsets.UTF_8);
    }
}
