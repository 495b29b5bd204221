package io.edgepublisher.command;

/** Where a command came from; it decides waiting, allowlists and how output is shown. */
public enum Source {
    SCRIPT, REST, PEER, CONSOLE, SCHEDULER, INTERNAL
}
