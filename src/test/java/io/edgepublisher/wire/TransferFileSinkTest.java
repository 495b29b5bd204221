package io.edgepublisher.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.wire.ConformanceVectors.Vector;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Writing via {@code .transfer} and renaming (§7.2, §7.3), including the captured ledger transfers (§7.5). */
class TransferFileSinkTest {
    @TempDir
    Path dir;

    @Test
    void completeRenamesOverAnExistingFile() throws Exception {
        Path target = dir.resolve("blockchain.master_id_3.new");
        Files.writeString(target, "old");
        TransferFileSink sink = new TransferFileSink(target, true);
        sink.append(ByteBuffer.wrap("new ".getBytes(StandardCharsets.UTF_8)));
        assertTrue(Files.exists(dir.resolve("blockchain.master_id_3.new.transfer")));
        assertEquals("old", Files.readString(target), "the old file stays until the last block");
        sink.append(ByteBuffer.wrap("ledger".getBytes(StandardCharsets.UTF_8)));
        sink.complete();
        assertEquals("new ledger", Files.readString(target));
        assertEquals(10, sink.bytes());
        assertFalse(Files.exists(dir.resolve("blockchain.master_id_3.new.transfer")));
    }

    @Test
    void abortRemovesThePartialFileAndKeepsTheOldOne() throws Exception {
        Path target = dir.resolve("x.new");
        Files.writeString(target, "old");
        TransferFileSink sink = new TransferFileSink(target, false);
        sink.append(ByteBuffer.wrap(new byte[100]));
        sink.abort();
        assertFalse(Files.exists(dir.resolve("x.new.transfer")));
        assertEquals("old", Files.readString(target));
    }

    @TestFactory
    Stream<DynamicTest> capturedLedgerTransfersProduceTheMastersLedgerFile() {
        return ConformanceVectors.under("ledger_transfer").stream().map(v -> DynamicTest.dynamicTest(v.name(),
                () -> check(v)));
    }

    private void check(Vector v) throws Exception {
        MessageAssembler a = new MessageAssembler(null,
                start -> new TransferFileSink(dir.resolve(Path.of(start.name()).getFileName()), true));
        FrameDecoder d = new FrameDecoder();
        InboundMessage m = null;
        for (int i = 0; i < v.frameCount(); i++) {
            m = a.accept(d.decode(v.bytes(), i * FrameLayout.FRAME_SIZE));
        }
        assertEquals(FileWriteResult.Status.WRITTEN, m.fileWrite().status());
        assertEquals(GenericFlag.FILE_LEDGER, m.fileWrite().genericFlag());
        Path written = ((TransferFileSink) m.fileWrite().sink()).target();
        assertTrue(written.getFileName().toString().matches("blockchain\\.master_id_[1-9]\\.new"), written.toString());
        assertArrayEquals(Files.readAllBytes(v.payloadFile()), Files.readAllBytes(written));
    }
}
