package io.edgepublisher.rest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Extra paths on the REST port contributed by capabilities (a node service), e.g. {@code /observe/metrics}. */
public final class RestExtensions {
    private final Map<String, RestExtension> byPath = new ConcurrentHashMap<>();

    public void add(String path, RestExtension handler) {
        byPath.put(path, handler);
    }

    public RestExtension get(String path) {
        return byPath.get(path);
    }
}
