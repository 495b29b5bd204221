package io.edgepublisher.wire;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Parses and validates one 2048-byte frame (PROTOCOL.md §3).
 *
 * <p>Not thread-safe: keep one per connection (it is cheap). Decoding copies nothing but the command and IP text;
 * the payload of the returned {@link Frame} is a view of the input. Because every frame of a multi-frame message
 * repeats the command and the source IP, the last decoded texts are remembered and reused instead of re-created.
 */
public final class FrameDecoder {
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] scratch = new byte[FrameLayout.BODY_SIZE];
    private final TextMemo lastCommand = new TextMemo(FrameLayout.BODY_SIZE);
    private final TextMemo lastIp = new TextMemo(FrameLayout.MAX_SOURCE_IP_LENGTH);

    /**
     * Decodes the frame at {@code buf}'s position without moving the position.
     *
     * @throws FrameFormatException when fewer than 2048 bytes remain or the frame breaks a rule of §3
     */
    public Frame decode(ByteBuffer buf) throws FrameFormatException {
        if (buf.remaining() < FrameLayout.FRAME_SIZE) {
            throw new FrameFormatException(ProtocolViolation.TRUNCATED_FRAME, buf.remaining() + " bytes");
        }
        int base = buf.position();
        int commandLength = BigEndian.getU16(buf, base + FrameLayout.COMMAND_LENGTH);
        int authLength = BigEndian.getU16(buf, base + FrameLayout.AUTH_LENGTH);
        long dataLength = BigEndian.getU32(buf, base + FrameLayout.DATA_LENGTH);
        if (commandLength > FrameLayout.BODY_SIZE) {
            throw new FrameFormatException(ProtocolViolation.COMMAND_TOO_LONG, "command length " + commandLength);
        }
        if (dataLength < commandLength + authLength) {
            throw new FrameFormatException(ProtocolViolation.DATA_SHORTER_THAN_COMMAND, "data length " + dataLength
                    + ", command length " + commandLength + ", auth length " + authLength);
        }
        if (dataLength > FrameLayout.BODY_SIZE) {
            throw new FrameFormatException(ProtocolViolation.DATA_TOO_LONG, "data length " + dataLength);
        }
        int ipLength = BigEndian.getU8(buf, base + FrameLayout.SOURCE_IP_LENGTH);
        if (ipLength > FrameLayout.MAX_SOURCE_IP_LENGTH) {
            throw new FrameFormatException(ProtocolViolation.SOURCE_IP_TOO_LONG, "source IP length " + ipLength);
        }
        int commandAt = base + FrameLayout.HEADER_SIZE;
        String command = decodeCommand(buf, commandAt, commandLength);
        String ip = decodeIp(buf, base + FrameLayout.SOURCE_IP, ipLength);

        FrameHeader header = new FrameHeader(
                BigEndian.getU32(buf, base + FrameLayout.BLOCK_NUMBER),
                BigEndian.getU8(buf, base + FrameLayout.LAST_FLAG),
                BigEndian.getU8(buf, base + FrameLayout.INFO_TYPE),
                BigEndian.getU16(buf, base + FrameLayout.ERROR_CODE),
                BigEndian.getU16(buf, base + FrameLayout.JOB_LOCATION),
                BigEndian.getU32(buf, base + FrameLayout.JOB_ID),
                BigEndian.getU16(buf, base + FrameLayout.RECEIVERS),
                BigEndian.getU16(buf, base + FrameLayout.RECEIVER_ID),
                BigEndian.getU16(buf, base + FrameLayout.PARTITIONS_USED),
                BigEndian.getU16(buf, base + FrameLayout.PARTITION_ID),
                ip,
                BigEndian.getU32(buf, base + FrameLayout.SOURCE_PORT),
                BigEndian.getU16(buf, base + FrameLayout.GENERIC_FLAG),
                decodeIgnored(buf, base));

        int authAt = commandAt + commandLength;
        int payloadAt = authAt + authLength;
        int payloadLength = (int) dataLength - commandLength - authLength;
        return new Frame(header, command,
                buf.slice(commandAt, commandLength),
                buf.slice(authAt, authLength),
                buf.slice(payloadAt, payloadLength));
    }

    /** Decodes the frame at {@code bytes[off, off + 2048)}; the payload stays a view of the array. */
    public Frame decode(byte[] bytes, int off) throws FrameFormatException {
        if (off < 0 || off > bytes.length) {
            throw new FrameFormatException(ProtocolViolation.TRUNCATED_FRAME, "offset " + off + " outside input");
        }
        return decode(ByteBuffer.wrap(bytes, off, bytes.length - off).slice());
    }

    private String decodeCommand(ByteBuffer buf, int at, int length) throws FrameFormatException {
        buf.get(at, scratch, 0, length);
        String memo = lastCommand.lookup(scratch, length);
        if (memo != null) {
            return memo;
        }
        String text;
        if (isAscii(scratch, length)) {
            // ASCII is valid UTF-8 and Latin-1 decoding of it is a plain copy: the common case costs no decoder.
            text = new String(scratch, 0, length, StandardCharsets.ISO_8859_1);
        } else {
            try {
                CharBuffer chars = utf8.reset().decode(ByteBuffer.wrap(scratch, 0, length));
                text = chars.toString();
            } catch (CharacterCodingException e) {
                throw new FrameFormatException(ProtocolViolation.COMMAND_NOT_UTF8,
                        "invalid UTF-8 in the " + length + "-byte command");
            }
        }
        lastCommand.remember(scratch, length, text);
        return text;
    }

    private String decodeIp(ByteBuffer buf, int at, int length) {
        buf.get(at, scratch, 0, length);
        String memo = lastIp.lookup(scratch, length);
        if (memo != null) {
            return memo;
        }
        String text = new String(scratch, 0, length, StandardCharsets.ISO_8859_1);
        lastIp.remember(scratch, length, text);
        return text;
    }

    private static FrameHeader.Ignored decodeIgnored(ByteBuffer buf, int base) {
        long hashHigh = BigEndian.getI64(buf, base + FrameLayout.BLOCK_HASH);
        long hashLow = BigEndian.getI64(buf, base + FrameLayout.BLOCK_HASH + 8);
        int socketId = BigEndian.getU16(buf, base + FrameLayout.SOCKET_ID);
        long socketTime = BigEndian.getI64(buf, base + FrameLayout.SOCKET_TIME_ID);
        long sendCounter = BigEndian.getU32(buf, base + FrameLayout.SEND_COUNTER);
        int blockStruct = BigEndian.getU8(buf, base + FrameLayout.BLOCK_STRUCT);
        int jsonCounter = BigEndian.getU16(buf, base + FrameLayout.JSON_COUNTER);
        int replyFlag = BigEndian.getU8(buf, base + FrameLayout.REPLY_FLAG);
        long dbmsTime = BigEndian.getU32(buf, base + FrameLayout.DBMS_TIME);
        long sendTime = BigEndian.getU32(buf, base + FrameLayout.SEND_TIME);
        if ((hashHigh | hashLow | socketId | socketTime | sendCounter | blockStruct | jsonCounter | replyFlag
                | dbmsTime | sendTime) == 0) {
            return FrameHeader.Ignored.NONE;
        }
        return new FrameHeader.Ignored(hashHigh, hashLow, socketId, socketTime, sendCounter, blockStruct,
                jsonCounter, replyFlag, dbmsTime, sendTime);
    }

    private static boolean isAscii(byte[] b, int length) {
        for (int i = 0; i < length; i++) {
            if (b[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** The last decoded text and its bytes, reused when the next frame carries the same bytes. */
    private static final class TextMemo {
        private final byte[] bytes;
        private int length = -1;
        private String text;

        TextMemo(int capacity) {
            this.bytes = new byte[capacity];
        }

        String lookup(byte[] b, int len) {
            if (len == length && Arrays.equals(bytes, 0, len, b, 0, len)) {
                return text;
            }
            return null;
        }

        void remember(byte[] b, int len, String s) {
            System.arraycopy(b, 0, bytes, 0, len);
            length = len;
            text = s;
        }
    }
}
