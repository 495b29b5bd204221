/**
 * The streamer commands, one class each: {@code set buffer threshold}, {@code run streamer} (route {@code streamer}),
 * {@code flush buffers}, {@code get streaming}, {@code get streaming config}. Installed by {@code StreamerModule}.
 */
package io.edgepublisher.streamer.commands;
