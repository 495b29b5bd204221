/**
 * The publisher process (PUBLISHER.md): watch dir → name normalisation → {@code tsd_info} → routing → loss-free
 * delivery to operators → archive / bkup / delete → {@code get publisher}.
 *
 * <p>Layout by concern:
 * <ul>
 *   <li>{@code watch}: discovery ({@link io.edgepublisher.publisher.watch.WatchLoop}: WatchService events, files the
 *       node announces, a full rescan every second) and the Camel component behind the route {@code publisher};</li>
 *   <li>{@code naming}: §3.2 parse / normalise / hash / rename and §3.3 rejects;</li>
 *   <li>{@code queue}: the state machine ({@link io.edgepublisher.publisher.queue.DeliveryQueue}), one thread owning
 *       all state, order kept per table, bounded transfers, acceptance after {@code ack_wait}, echoes, backoff;</li>
 *   <li>{@code routing}: {@code set data distribution} entries (persisted), cooldowns, the router over them and the
 *       ledger's {@link io.edgepublisher.ledger.Metadata};</li>
 *   <li>{@code delivery}: the transport over {@link io.edgepublisher.wire.PeerClient} (flag 1, transit gzip) and the
 *       echo hand-over;</li>
 *   <li>{@code disposal}: delete / archive / bkup, crash-safe moves, the error dir, archive retention;</li>
 *   <li>{@code stats}, {@code commands}: counters and the command outputs.</li>
 * </ul>
 * {@code tsd_info} statements live in {@link io.edgepublisher.store.TsdInfoDao} and the group-commit
 * {@link io.edgepublisher.store.TsdInfoWriter}.
 *
 * <p>Deliberate readings of the spec (also listed in the final report of issue 6):
 * <ul>
 *   <li>Statements of several files share one transaction (group commit); a state is acted on only after its commit
 *       (see {@code TsdInfoWriter}).</li>
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
