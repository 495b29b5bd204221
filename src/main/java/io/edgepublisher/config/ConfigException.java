package io.edgepublisher.config;

/** A configuration the node must refuse to start with (CONFIG.md §2.11); the message names variable and reason. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
