package io.edgepublisher.wire;

import io.edgepublisher.command.ErrorCode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Turns the frames of one connection into one {@link InboundMessage} (PROTOCOL.md §2, §6.4, §7.3).
 *
 * <p>Feed frames in arrival order to {@link #accept}; it returns the message when the frame with the last-block flag
 * (or a non-zero error code) arrives. Block numbers must run 1, 2, 3 … A {@code file write} streams each payload to
 * a {@link FileWriteSink} and keeps nothing; other messages are buffered up to a size limit. Call {@link #abort()}
 * when the connection ends or times out before the message is complete.
 *
 * <p>Not thread-safe: one instance per connection, used by one thread at a time.
 */
public final class MessageAssembler {
    /** 1 MiB (the largest command, §7.6) plus headroom for a reply's framing. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = (1 << 20) + (64 << 10);

    private static final int ERR_FILE_WRITE = ErrorCode.FILE_WRITE.code();

    private final InetSocketAddress socketPeer;
    private final FileWriteSinkFactory sinks;
    private final int maxMessageBytes;

    private long frames;
    private boolean finished;
    private FrameHeader first;
    private String command;
    private InboundMessage.Kind kind;
    private int errorCode;
    private byte[] payload = new byte[0];
    private int payloadLength;

    private String fileName;
    private FileWriteSink sink;
    private FileWriteResult.Status fileStatus;
    private int fileErrorCode;
    private String fileDetail;
    private long fileBytes;

    /**
     * @param socketPeer      the connection's remote address (may be null)
     * @param sinks           where file writes go; {@link FileWriteSinkFactory#rejectAll()} to refuse them
     * @param maxMessageBytes limit for the joined payload of non-file messages
     */
    public MessageAssembler(InetSocketAddress socketPeer, FileWriteSinkFactory sinks, int maxMessageBytes) {
        if (maxMessageBytes < 0) {
            throw new IllegalArgumentException("maxMessageBytes must not be negative");
        }
        this.socketPeer = socketPeer;
        this.sinks = sinks == null ? FileWriteSinkFactory.rejectAll() : sinks;
        this.maxMessageBytes = maxMessageBytes;
    }

    public MessageAssembler(InetSocketAddress socketPeer, FileWriteSinkFactory sinks) {
        this(socketPeer, sinks, DEFAULT_MAX_MESSAGE_BYTES);
    }

    /**
     * Takes the next frame. Its payload is used (appended to the sink or copied) before this returns, so the
     * frame's buffer may be reused afterwards.
     *
     * @return the message when this frame completed it, else null
     * @throws MessageAssemblyException when the frame breaks a message rule; the assembler is then finished and any
     *                                  partial file write aborted
     */
    public InboundMessage accept(Frame frame) throws MessageAssemblyException {
        if (finished) {
            throw new MessageAssemblyException(ProtocolViolation.FRAME_AFTER_LAST,
                    "block " + frame.header().blockNumber());
        }
        FrameHeader h = frame.header();
        if (h.blockNumber() != frames + 1) {
            throw fail(ProtocolViolation.BLOCK_NUMBER_MISMATCH,
                    "expected block " + (frames + 1) + ", got " + h.blockNumber());
        }
        frames++;
        if (frames == 1) {
            start(frame);
        }
        if (errorCode == 0) {
            errorCode = h.errorCode();
        }
        if (kind == InboundMessage.Kind.FILE_WRITE) {
            appendToFile(frame.payload());
        } else if (kind != InboundMessage.Kind.JOB_REPLY) {
            appendToMessage(frame.payload());
        }
        if (!h.isLast() && h.errorCode() == 0) {
            return null;
        }
        if (kind == InboundMessage.Kind.FILE_WRITE && !h.isLast()) {
            // A transfer cut short by an error frame leaves an incomplete file: never let it appear as complete.
            throw fail(ProtocolViolation.ENDED_BEFORE_LAST_BLOCK,
                    "file write ended by error code " + h.errorCode() + " at block " + frames);
        }
        finished = true;
        return build();
    }

    /**
     * The connection ended or timed out before the message was complete: aborts a partial file write. Safe to call
     * at any time and more than once; does nothing once the message is complete.
     */
    public void abort() {
        if (!finished) {
            finished = true;
            abortSink();
        }
    }

    /** True after the first frame and before the message completed or failed. */
    public boolean inProgress() {
        return frames > 0 && !finished;
    }

    /** True once the message completed, failed or was aborted. */
    public boolean isFinished() {
        return finished;
    }

    /** Frames accepted so far. */
    public long frames() {
        return frames;
    }

    private void start(Frame frame) {
        first = frame.header();
        command = frame.command();
        kind = InboundMessage.Kind.of(command);
        if (kind == InboundMessage.Kind.FILE_WRITE) {
            openSink();
        }
    }

    private void openSink() {
        fileName = FileWriteCommand.nameOf(command);
        try {
            sink = sinks.open(new FileWriteStart(fileName, first.genericFlag(), first, socketPeer));
            if (sink == null) {
                fileFailed(ERR_FILE_WRITE, "no sink for " + fileName);
            }
        } catch (FileWriteRejectedException e) {
            fileStatus = FileWriteResult.Status.REJECTED;
            fileErrorCode = e.code();
            fileDetail = e.getMessage();
        } catch (IOException | RuntimeException e) {
            fileFailed(ERR_FILE_WRITE, "cannot open " + fileName + ": " + e);
        }
    }

    private void appendToFile(ByteBuffer data) {
        fileBytes += data.remaining();
        if (sink == null) {
            return; // rejected or failed: drain the rest of the transfer so the sender sees an orderly end
        }
        try {
            sink.append(data);
        } catch (FileWriteRejectedException e) {
            abortSink();
            fileStatus = FileWriteResult.Status.REJECTED;
            fileErrorCode = e.code();
            fileDetail = e.getMessage();
        } catch (IOException | RuntimeException e) {
            abortSink();
            fileFailed(ERR_FILE_WRITE, "cannot write " + fileName + ": " + e);
        }
    }

    private void appendToMessage(ByteBuffer data) throws MessageAssemblyException {
        int n = data.remaining();
        if ((long) payloadLength + n > maxMessageBytes) {
            throw fail(ProtocolViolation.MESSAGE_TOO_LARGE,
                    "more than " + maxMessageBytes + " bytes at block " + frames);
        }
        if (payloadLength + n > payload.length) {
            int grown = Math.max(payloadLength + n, Math.min(maxMessageBytes, Math.max(4096, payload.length * 2)));
            payload = Arrays.copyOf(payload, grown);
        }
        data.get(payload, payloadLength, n);
        payloadLength += n;
    }

    private InboundMessage build() {
        FileWriteResult result = null;
        if (kind == InboundMessage.Kind.FILE_WRITE) {
            if (sink != null) {
                try {
                    sink.complete();
                    fileStatus = FileWriteResult.Status.WRITTEN;
                } catch (IOException | RuntimeException e) {
                    abortSink();
                    fileFailed(ERR_FILE_WRITE, "cannot complete " + fileName + ": " + e);
                }
            }
            result = new FileWriteResult(fileName, first.genericFlag(), fileStatus, fileBytes, fileErrorCode,
                    fileDetail, fileStatus == FileWriteResult.Status.WRITTEN ? sink : null);
        }
        byte[] joined = payloadLength == payload.length ? payload : Arrays.copyOf(payload, payloadLength);
        payload = null;
        return new InboundMessage(kind, command, first, errorCode, frames, joined, socketPeer, result);
    }

    private MessageAssemblyException fail(ProtocolViolation violation, String detail) {
        finished = true;
        abortSink();
        return new MessageAssemblyException(violation, detail);
    }

    private void fileFailed(int code, String detail) {
        sink = null;
        fileStatus = FileWriteResult.Status.FAILED;
        fileErrorCode = code;
        fileDetail = detail;
    }

    private void abortSink() {
        FileWriteSink s = sink;
        sink = null;
        if (s != null) {
            try {
                s.abort();
            } catch (RuntimeException ignored) {
                // abort() must not throw; a broken sink cannot make the connection handling fail
            }
        }
    }
}
