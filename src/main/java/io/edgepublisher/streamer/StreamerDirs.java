package io.edgepublisher.streamer;

import java.nio.file.Path;

/** Where flushed files go: written in {@code prep}, renamed into {@code watch} (error buffers: {@code err}). */
public record StreamerDirs(Path prep, Path watch, Path err) {
}
