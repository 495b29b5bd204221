package io.edgepublisher.node;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/**
 * One Vert.x instance per node, made on first use (the REST server and the MQTT broker) and bound in the Camel
 * registry so that Camel's platform-http server uses it instead of making its own.
 */
public final class SharedVertx {
    private SharedVertx() {
    }

    public static synchronized Vertx get(Node node) {
        Vertx v = node.service(Vertx.class);
        if (v == null) {
            v = Vertx.vertx(new VertxOptions().setPreferNativeTransport(false));
            node.register(Vertx.class, v);
            if (node.camel() != null) {
                node.camel().getRegistry().bind("vertx", v);
            }
            Vertx created = v;
            node.onClosed(created::close);
        }
        return v;
    }
}
