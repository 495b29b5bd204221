/**
 * The publisher process (PUBLISHER.md): watch dir → name normalisation → {@code tsd_info} → routing → loss-free
 * delivery to operators → archive / bkup / delete → {@code get publisher}.
 *
 * <p>The data flow is the routes of {@link io.edgepublisher.publisher.route.PublisherRoutes} (route group
 * {@code publisher}, declared at boot by {@link io.edgepublisher.publisher.PublisherConfiguration}, started by
 * {@code run publisher}), one exchange per file: {@code publisher-watch} (discovery, registration),
 * {@code publisher} (routing decision, transfer), {@code publisher-accept} (after {@code ack_wait}),
 * {@code publisher-dispose}, {@code publisher-error-dir}. Failures go through each route's {@code onException}.
 *
 * <p>Layout by concern:
 * <ul>
 *   <li>{@code route}: the routes, their step processors, the {@code publisher-queue:} component (claims, transfer
 *       slots, acceptance) and the failure exceptions;</li>
 *   <li>{@code watch}: discovery ({@link io.edgepublisher.publisher.watch.WatchLoop}) behind the
 *       {@code publisher-watch:} component;</li>
 *   <li>{@code naming}: §3.2 parse / normalise / hash / rename and §3.3 rejects;</li>
 *   <li>{@code queue}: the delivery state ({@link io.edgepublisher.publisher.queue.DeliveryQueue}) composed of the
 *       files and their indexes, the lanes (order per table, claims, slots), the outcomes (§5.3–5.5), the echo
 *       matcher and the ack window; plain Java, one lock, no I/O under it;</li>
 *   <li>{@code routing}: {@code set data distribution} entries (persisted), cooldowns, the router over them and the
 *       ledger's {@link io.edgepublisher.ledger.Metadata}, the user's {@code direct:publisher-destination} hook;</li>
 *   <li>{@code delivery}: the {@code edgelake:<ip>:<port>} component over {@link io.edgepublisher.wire.PeerClient};</li>
 *   <li>{@code tsdinfo}: the {@code tsdinfo:} component over the group-committing
 *       {@link io.edgepublisher.store.TsdInfoWriter};</li>
 *   <li>{@code disposal}: delete / archive / bkup, crash-safe moves, the error dir, archive retention;</li>
 *   <li>{@code stats}, {@code commands}: counters and the command outputs.</li>
 * </ul>
 *
 * <p>Deliberate readings of the spec (also listed in the final report of issue 6):
 * <ul>
 *   <li>Statements of several files share one transaction (group commit); a state is acted on only after its commit
 *       (see {@code TsdInfoWriter}).</li>
 *   <li>Retries are new exchanges scheduled by the queue (backoff, cooldowns, pins), not Camel redeliveries: a file
 *       that backs off for minutes, or waits in its {@code ack_wait}, holds no exchange.</li>
 *   <li>Up to four files per table are claimed ahead: their {@code sending} row (the pin) is committed before their
 *       transfer starts, possibly while an earlier file of the table is still being sent. A crash then resends them
 *       to that operator, which is the at-least-once behaviour of §9 anyway.</li>
 *   <li>Per-table order is kept among files that are ready: a file in backoff or waiting for a route does not hold
 *       back later files of its table (otherwise one unreachable pinned operator would stop the table forever).</li>
 *   <li>A pin is released for "no longer a candidate" only when the route source names other destinations; an empty
 *       or absent ledger keeps the pin (missing knowledge is not a removal).</li>
 *   <li>SQL files keep their name (INTAKE.md §7.4, {@code DataFileName}); their hash is computed for identity.</li>
 *   <li>Foreign files are taken once their modification time is at least 1 s old and their size did not change
 *       between two looks; a file renamed in with an old mtime is therefore taken at once.</li>
 *   <li>{@code ack_wait = 0 seconds} accepts a file as soon as {@code sent} is committed (benchmarks).</li>
 * </ul>
 */
package io.edgepublisher.publisher;
