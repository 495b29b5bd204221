/**
 * {@code run client (…) <command>} (COMMANDS.md §4.28): sending a command to listed peers
 * ({@link io.edgepublisher.wire.client.RunClientCommand}), waiting for their replies in a
 * {@link io.edgepublisher.wire.client.Job} of the node's {@link io.edgepublisher.wire.client.JobRegistry}, and
 * combining them into one output. The REST {@code destination} header is rewritten into this command.
 */
package io.edgepublisher.wire.client;
