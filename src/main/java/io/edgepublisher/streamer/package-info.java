/**
 * Streaming buffers, flushing and data file names (INTAKE.md §5–7, PUBLISHER.md §3.2).
 *
 * <p>{@link io.edgepublisher.streamer.StreamingBuffers} is the one object the node keeps: append (blocking or
 * {@code CompletableFuture}), {@code tick} from the streamer thread, {@code flushAll} for {@code flush buffers},
 * {@code putFile} for REST PUT {@code mode: file}, {@code recover} at boot phase 0, {@code statistics} for
 * {@code get streaming}, {@code close} at shutdown. {@link io.edgepublisher.streamer.ThresholdTable} holds
 * {@code set buffer threshold}. {@link io.edgepublisher.streamer.DataFileName} and
 * {@link io.edgepublisher.streamer.DataHash} are shared with the publisher.
 */
package io.edgepublisher.streamer;
