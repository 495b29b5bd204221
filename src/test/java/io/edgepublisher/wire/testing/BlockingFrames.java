package io.edgepublisher.wire.testing;

import io.edgepublisher.wire.FrameDecoder;
import io.edgepublisher.wire.InboundMessage;
import io.edgepublisher.wire.MessageAssembler;
import io.edgepublisher.wire.WireProtocolException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** Reads 2048-byte frames from a blocking socket stream, for the test doubles that stand in for EdgeLake peers. */
public final class BlockingFrames {
    private BlockingFrames() {
    }

    /**
     * Fills {@code frame} from {@code in}.
     *
     * @return false when the stream ends before the frame's first byte
     * @throws EOFException when it ends inside the frame ("truncated frame: N of 2048 bytes")
     */
    public static boolean read(InputStream in, byte[] frame) throws IOException {
        int got = 0;
        while (got < frame.length) {
            int n = in.read(frame, got, frame.length - got);
            if (n < 0) {
                if (got == 0) {
                    return false;
                }
                throw new EOFException("truncated frame: " + got + " of " + frame.length + " bytes");
            }
            got += n;
        }
        return true;
    }

    /**
     * Reads frames into {@code assembler} until it completes a message.
     *
     * @return the message, or null when the stream ends between frames
     */
    public static InboundMessage readMessage(InputStream in, FrameDecoder decoder, byte[] frame,
                                             MessageAssembler assembler) throws IOException, WireProtocolException {
        while (read(in, frame)) {
            InboundMessage m = assembler.accept(decoder.decode(frame, 0));
            if (m != null) {
                return m;
            }
        }
        return null;
    }
}
