package io.edgepublisher.publisher.queue;

import io.edgepublisher.publisher.PublisherConfig;
import io.edgepublisher.publisher.delivery.Transport;
import io.edgepublisher.publisher.disposal.Disposer;
import io.edgepublisher.publisher.disposal.ErrorDir;
import io.edgepublisher.publisher.routing.Cooldowns;
import io.edgepublisher.publisher.routing.DistributionTable;
import io.edgepublisher.publisher.routing.Router;
import io.edgepublisher.publisher.stats.PublisherStats;
import io.edgepublisher.store.TsdInfoWriter;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * What the queue works with. Everything is plain Java: the queue can be driven without Camel, and without sockets
 * when {@code transport} is not the peer client.
 *
 * @param nodeFile told about files the queue itself puts into the watch dir (a late echo's restored copy)
 */
public record QueueDeps(PublisherConfig config, TsdInfoWriter tsd, Router router, Cooldowns cooldowns,
                        DistributionTable distribution, Transport transport, Disposer disposer, ErrorDir errorDir,
                        PublisherStats stats, LongSupplier clock, Consumer<Path> nodeFile, QueueEvents events) {
}
