/**
 * The node's TCP server for the peer protocol (PROTOCOL.md §8): {@code run tcp server}
 * ({@link io.edgepublisher.wire.server.RunTcpServerCommand}) starts the {@code tcp-server} route
 * ({@link io.edgepublisher.wire.server.TcpServer}); each received message goes to the
 * {@link io.edgepublisher.wire.server.InboundDispatcher}, which files replies under waiting {@code run client} jobs,
 * runs allowlisted peer commands ({@link io.edgepublisher.wire.server.PeerAllowlist}) on the query pool, applies
 * the {@code file write} rules, and answers through the {@link io.edgepublisher.wire.server.ReplySender}.
 * Everything except {@code TcpServer} is plain Java, testable without sockets.
 */
package io.edgepublisher.wire.server;
