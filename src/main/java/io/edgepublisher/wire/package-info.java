/**
 * The EdgeLake TCP peer protocol (spec: PROTOCOL.md): fixed 2048-byte frames, one message per connection.
 *
 * <ul>
 *   <li><b>Sending</b>: build an {@link io.edgepublisher.wire.OutboundMessage} with
 *       {@link io.edgepublisher.wire.CommandRequest}, {@link io.edgepublisher.wire.PrintReply},
 *       {@link io.edgepublisher.wire.EchoReply} or {@link io.edgepublisher.wire.FileWriteMessage}, then send it with
 *       {@link io.edgepublisher.wire.PeerClient#sendMessage}; stream files from disk with
 *       {@link io.edgepublisher.wire.PeerClient#sendFile}. Both return a
 *       {@link io.edgepublisher.wire.TransferResult}; this node's addresses are a
 *       {@link io.edgepublisher.wire.SourceAddress}.</li>
 *   <li><b>Receiving</b>: {@link io.edgepublisher.wire.netty.WireDecoderFactory} in a camel-netty consumer yields one
 *       {@link io.edgepublisher.wire.InboundMessage} per connection; incoming {@code file write}s stream to the
 *       {@link io.edgepublisher.wire.FileWriteSink} a {@link io.edgepublisher.wire.FileWriteSinkFactory} chooses
 *       ({@link io.edgepublisher.wire.TransferFileSink} writes via {@code .transfer} and renames).</li>
 *   <li><b>Frames</b>: {@link io.edgepublisher.wire.FrameHeader}, {@link io.edgepublisher.wire.Frame},
 *       {@link io.edgepublisher.wire.FrameEncoder}, {@link io.edgepublisher.wire.FrameDecoder} and
 *       {@link io.edgepublisher.wire.MessageAssembler}, for code that handles bytes itself.</li>
 *   <li><b>In the node</b>: {@link io.edgepublisher.wire.TcpModule} installs the TCP server
 *       ({@link io.edgepublisher.wire.server}), {@code run client} ({@link io.edgepublisher.wire.client}) and the
 *       node services {@code PeerClient}, {@code SourceAddress}, {@code EchoListeners} and {@code JobRegistry}; the
 *       hooks for other capabilities are in {@link io.edgepublisher.wire.inbound}.</li>
 * </ul>
 */
package io.edgepublisher.wire;
