package io.edgepublisher.wire;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Unsigned big-endian header integers (PROTOCOL.md §2 rule 4), read and written without allocation. */
final class BigEndian {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private BigEndian() {
    }

    static void putU8(byte[] a, int off, int v) {
        a[off] = (byte) v;
    }

    static void putU16(byte[] a, int off, int v) {
        SHORT.set(a, off, (short) v);
    }

    static void putU32(byte[] a, int off, long v) {
        INT.set(a, off, (int) v);
    }

    static void putI64(byte[] a, int off, long v) {
        LONG.set(a, off, v);
    }

    // ByteBuffer getters use absolute indexes so a decoder never moves the caller's position.
    // The buffer's own byte order is ignored on purpose: the wire is always big-endian.

    static int getU8(ByteBuffer b, int index) {
        return b.get(index) & 0xFF;
    }

    static int getU16(ByteBuffer b, int index) {
        return ((b.get(index) & 0xFF) << 8) | (b.get(index + 1) & 0xFF);
    }

    static long getU32(ByteBuffer b, int index) {
        return ((long) getU16(b, index) << 16) | getU16(b, index + 2);
    }

    static long getI64(ByteBuffer b, int index) {
        return (getU32(b, index) << 32) | getU32(b, index + 4);
    }
}
