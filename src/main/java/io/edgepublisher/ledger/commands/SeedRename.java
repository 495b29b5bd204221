package io.edgepublisher.ledger.commands;

import io.edgepublisher.node.Beans;
import io.edgepublisher.config.Dictionary;
import io.edgepublisher.ledger.PolicyPreparer;
import io.edgepublisher.node.Node;
import io.edgepublisher.wire.PeerAddress;
import io.edgepublisher.wire.SourceAddress;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The preparer of {@code blockchain prepare policy} and {@code blockchain insert}, with the seed's
 * {@code master} → {@code publisher} rename for policies that carry this node's own TCP address (CONFIG.md §6.4
 * rule 4).
 */
final class SeedRename {
    private SeedRename() {
    }

    static PolicyPreparer preparer(Node node) {
        return new PolicyPreparer(node.clock()).withSeedRename(ownTcpAddresses(node));
    }

    /** {@code !ip} and {@code !external_ip} with {@code !anylog_server_port}, and the running TCP server's pairs. */
    static Set<String> ownTcpAddresses(Node node) {
        Dictionary d = node.dictionary();
        Set<String> out = new LinkedHashSet<>();
        String port = trim(d.get("anylog_server_port"));
        for (String key : new String[] {"ip", "external_ip"}) {
            String ip = trim(d.get(key));
            if (ip != null && port != null) {
                out.add(ip + ":" + port);
            }
        }
        SourceAddress ours = Beans.find(node, SourceAddress.class);
        if (ours != null) {
            add(out, ours.internal());
            add(out, ours.external());
        }
        return out;
    }

    private static void add(Set<String> out, PeerAddress a) {
        if (a != null) {
            out.add(a.toString());
        }
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
