package io.edgepublisher.rest;

/** An extra path served on the REST port (for example {@code /observe/health}); answered before any AnyLog rule. */
@FunctionalInterface
public interface RestExtension {
    RestResponse handle(RestRequest request);
}
