package io.edgepublisher.node;

/** A process that reports its live state to {@code get processes}. */
@FunctionalInterface
public interface ProcessReporter {
    ProcessStatus status();
}
