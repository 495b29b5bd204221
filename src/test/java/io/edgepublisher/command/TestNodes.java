package io.edgepublisher.command;

import io.edgepublisher.config.Dictionary;
import io.edgepublisher.node.Node;
import io.edgepublisher.node.commands.NodeCommands;
import java.time.Clock;
import java.util.Map;

/** A node with the node-level commands and nothing else, for interpreter tests. */
public final class TestNodes {
    private TestNodes() {
    }

    public static Node plain(Map<String, String> env) {
        Node n = new Node(new Dictionary(), null, env, Clock.systemUTC());
        NodeCommands.install(n);
        return n;
    }
}
