/**
 * The intake journal (INTAKE.md §6): a segment file per open buffer, records of length + CRC-32C + UTF-8 text,
 * fsync policies {@code always}, {@code group:<ms>} and {@code none} with their costs described on
 * {@link io.edgepublisher.streamer.journal.JournalMode}, and the reading side used by recovery.
 */
package io.edgepublisher.streamer.journal;
