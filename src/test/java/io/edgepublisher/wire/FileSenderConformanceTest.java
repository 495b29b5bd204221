package io.edgepublisher.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgepublisher.wire.ConformanceVectors.Vector;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * What {@link PeerClient#sendFile} puts on the wire, captured by a listener like the one that recorded the vectors
 * (accept, read until the peer closes, store the bytes), equals the captured EdgeLake frames on [0, 207 + data).
 */
class FileSenderConformanceTest {

    @TestFactory
    Stream<DynamicTest> sendFileReproducesTheCapturedFrames() {
        return Stream.concat(ConformanceVectors.under("filewrite").stream(),
                ConformanceVectors.under("ledger_transfer").stream()).map(v -> DynamicTest.dynamicTest(v.name(),
                        () -> check(v)));
    }

    private static void check(Vector v) throws Exception {
        JsonNode h = v.frame(0).get("header");
        String name = v.frame(0).get("command").asText().substring("file write ".length());
        PeerAddress source = new PeerAddress(h.get("source_ip").asText(), h.get("source_port").asInt());
        Path file = v.payloadFile();
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             PeerClient client = new PeerClient(PeerClientConfig.defaults().withCloseWait(Duration.ofSeconds(5)))) {
            CompletableFuture<byte[]> captured = CompletableFuture.supplyAsync(() -> {
                try (Socket s = listener.accept()) {
                    return s.getInputStream().readAllBytes();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            TransferResult r = client.sendFile(new PeerAddress("127.0.0.1", listener.getLocalPort()), file, name,
                    h.get("generic_flag").asInt(), SourceAddress.internalOnly(source));
            assertTrue(r.success(), r.toString());
            byte[] bytes = captured.get(10, TimeUnit.SECONDS);
            assertEquals(v.bytes().length, bytes.length, "bytes on the wire");
            for (int i = 0; i < v.frameCount(); i++) {
                byte[] frame = java.util.Arrays.copyOfRange(bytes, i * 2048, (i + 1) * 2048);
                ConformanceEncodeTest.assertUsedBytesEqual(v, i, frame);
                ConformanceEncodeTest.assertZeroTail(frame,
                        FrameLayout.HEADER_SIZE + v.frame(i).get("header").get("data_length").asInt());
            }
        }
    }
}
