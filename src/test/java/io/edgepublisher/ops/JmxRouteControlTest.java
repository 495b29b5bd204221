package io.edgepublisher.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.testing.TestNode;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Built-in routes are listed, stopped and started through a real (RMI) JMX connection; get processes follows. */
class JmxRouteControlTest {
    @TempDir
    Path home;

    @Test
    void stopAndStartRoutesOverJmx() throws Exception {
        try (TestNode n = TestNode.start(home, Map.of(), "run rest server where internal_ip = 127.0.0.1 and internal_port"
            + " = !anylog_rest_port\nrun scheduler 1\n")) {
            JMXConnectorServer server = JMXConnectorServerFactory.newJMXConnectorServer(
                new JMXServiceURL("service:jmx:rmi://127.0.0.1"), null, ManagementFactory.getPlatformMBeanServer());
            server.start();
            try (JMXConnector c = JMXConnectorFactory.connect(server.getAddress())) {
                MBeanServerConnection jmx = c.getMBeanServerConnection();
                Set<ObjectName> routes = jmx.queryNames(new ObjectName("org.apache.camel:context=publisher-node,type=routes,*"), null);
                Set<String> ids = new java.util.HashSet<>();
                for (ObjectName o : routes) {
                    ids.add((String) jmx.getAttribute(o, "RouteId"));
                }
                assertTrue(ids.containsAll(Set.of("rest-api", "scheduler-0", "scheduler-1")), ids.toString());

                ObjectName sched = new ObjectName("org.apache.camel:context=publisher-node,type=routes,name=\"scheduler-1\"");
                jmx.invoke(sched, "stop", null, null);
                assertEquals("Stopped", jmx.getAttribute(sched, "State"));
                assertTrue(n.ok("get processes").contains("|Schedulers IDs in use: [0 (system)]  "), n.ok("get processes"));
                jmx.invoke(sched, "start", null, null);
                assertEquals("Started", jmx.getAttribute(sched, "State"));
                assertTrue(n.ok("get processes").contains("|Schedulers IDs in use: [0 (system)] [1 (user)] "));

                ObjectName rest = new ObjectName("org.apache.camel:context=publisher-node,type=routes,name=\"rest-api\"");
                jmx.invoke(rest, "stop", null, null);
                assertTrue(n.ok("get processes").contains("\r\n    REST           |Not declared|Route rest-api is Stopped"),
                    n.ok("get processes"));
                jmx.invoke(rest, "start", null, null);
                assertTrue(n.ok("get processes").contains("\r\n    REST           |Running     |Listening on: 127.0.0.1:"));
            } finally {
                server.stop();
            }
        }
    }
}
