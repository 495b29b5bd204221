/**
 * Streaming buffers, flushing and data file names (INTAKE.md §5–7, PUBLISHER.md §3.2).
 *
 * <p>{@link io.edgepublisher.streamer.StreamingBuffers} is the one object the node keeps: append (blocking or
 * {@code CompletableFuture}), {@code tick} from the streamer thread, {@code flushAll} for {@code flush buffers},
 * {@code putFile} for REST PUT {@code mode: file}, {@code recover} at boot phase 0, {@code statistics} for
 * {@code get streaming}, {@code close} at shutdown. {@link io.edgepublisher.streamer.ThresholdTable} holds
 * {@code set buffer threshold}. {@link io.edgepublisher.streamer.DataFileName} and
 * {@link io.edgepublisher.streamer.DataHash} are shared with the publisher.
 *
 * <p>In the running node the buffers are the {@link io.edgepublisher.streamer.StreamerService} node service
 * ({@code Beans.get(node, StreamerService.class)}), installed by {@link io.edgepublisher.streamer.StreamerModule}: journal
 * recovery in boot phase 0, flush at shutdown. The publisher uses
 * {@link io.edgepublisher.streamer.StreamerService#addFlushListener} (told about every new watch file at once) and
 * {@link io.edgepublisher.streamer.StreamerService#writeImmediateRequested} ({@code run publisher} fails with 235).
 * A journal record may carry a delivery mark (see {@code journal.DeliveryMarks} and {@link
 * io.edgepublisher.streamer.MarkSink}) so that MQTT redeliveries are not stored twice.
 */
package io.edgepublisher.streamer;
