/**
 * Netty and camel-netty glue for the peer protocol: the channel handlers only assemble frames into messages; all
 * protocol rules live in {@link io.edgepublisher.wire}.
 */
package io.edgepublisher.wire.netty;
