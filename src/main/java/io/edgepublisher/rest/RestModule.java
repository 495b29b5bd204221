package io.edgepublisher.rest;

import io.edgepublisher.node.Beans;
import io.edgepublisher.node.Node;
import io.edgepublisher.node.ProcessStatus;

/** Installs {@code run rest server} and the REST row of {@code get processes}. */
public final class RestModule {
    private RestModule() {
    }

    public static void install(Node node) {
        node.commands().register(new RunRestServerCommand());
        node.processes().register("REST", () -> {
            RestServer s = Beans.find(node, RestServer.class);
            return s == null ? ProcessStatus.notDeclared("No active connection") : s.status();
        });
    }
}
