package io.edgepublisher.wire;

import java.net.InetSocketAddress;

/**
 * What is known when an incoming {@code file write} starts (its first frame), for deciding where, or whether, to
 * write it.
 *
 * @param name        the name from the command, TAB turned back into space; may be empty
 * @param genericFlag the first frame's generic flag (§4.2)
 * @param header      the first frame's header (source ip/port, job fields …)
 * @param socketPeer  the connection's remote address, or null when unknown
 */
public record FileWriteStart(String name, int genericFlag, FrameHeader header, InetSocketAddress socketPeer) {
}
