package io.edgepublisher.node;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import java.util.concurrent.CompletableFuture;

/**
 * One Vert.x instance per node (the REST server and the MQTT broker), bound in the Camel registry so that Camel's
 * platform-http server uses it instead of making its own. It is created on a background thread while Camel starts,
 * because making it costs a noticeable part of the boot on small machines.
 */
public final class SharedVertx {
    /** Vert.x's switch for its logging back-end. */
    static final String LOGGER_DELEGATE = "vertx.logger-delegate-factory-class-name";

    static {
        // Vert.x's SLF4J back-end replaces System.err with a throw-away buffer while it looks SLF4J up (to hide
        // SLF4J's own start-up warnings). The first instance is made on a background thread while main configures
        // logging, so anything that took System.err in that window (the console log handler, a usage error printed
        // by main) wrote into that buffer for good: about half the starts logged nothing. SLF4J ends in
        // java.util.logging here anyway, so Vert.x logs there directly and never touches System.err.
        if (System.getProperty(LOGGER_DELEGATE) == null) {
            System.setProperty(LOGGER_DELEGATE, "io.vertx.core.logging.JULLogDelegateFactory");
        }
    }

    private SharedVertx() {
    }

    /** An instance created before any node exists (the very start of {@code main}); the first node takes it. */
    private static final java.util.concurrent.atomic.AtomicReference<CompletableFuture<Vertx>> EARLY =
        new java.util.concurrent.atomic.AtomicReference<>();

    /** Starts creating an instance in the background, before the configuration is even read. */
    public static void prewarmEarly() {
        // Private thread: it starts before the Camel context (and its thread pools) exists and ends with the instance.
        Thread t = new Thread(() -> { }, "vertx-prewarm");
        EARLY.compareAndSet(null, CompletableFuture.supplyAsync(
            () -> Vertx.vertx(options()), r -> {
                Thread th = new Thread(r, t.getName());
                th.setDaemon(true);
                th.start();
            }));
    }

    /** Starts creating the instance in the background. */
    public static synchronized void prewarm(Node node) {
        if (Beans.find(node, Pending.class) == null && Beans.find(node, Vertx.class) == null) {
            CompletableFuture<Vertx> early = EARLY.getAndSet(null);
            CompletableFuture<Vertx> f = early != null ? early : CompletableFuture.supplyAsync(
                () -> Vertx.vertx(options()));
            Beans.bind(node, Pending.class, new Pending(f));
        }
    }

    public static synchronized Vertx get(Node node) {
        Vertx v = Beans.find(node, Vertx.class);
        if (v != null) {
            return v;
        }
        Pending p = Beans.find(node, Pending.class);
        v = p != null ? p.future().join() : Vertx.vertx(options());
        // Bound as "vertx": Camel's platform-http server uses it instead of making its own.
        Beans.bind(node, Vertx.class, v);
        if (node.camel() != null) {
            Lifecycle.onClose(node.camel(), v::close);
        }
        return v;
    }

    /**
     * No class-path file resolving: it would make a {@code vertx-cache-<uuid>} folder in the system temporary
     * directory, left behind by every {@code kill -9}, for a feature the node does not use (it serves no files).
     */
    private static VertxOptions options() {
        return new VertxOptions().setPreferNativeTransport(false)
            .setFileSystemOptions(new FileSystemOptions().setClassPathResolvingEnabled(false).setFileCachingEnabled(false));
    }

    /** The instance being created. */
    record Pending(CompletableFuture<Vertx> future) {
    }
}
