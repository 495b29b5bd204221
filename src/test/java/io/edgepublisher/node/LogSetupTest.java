package io.edgepublisher.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class LogSetupTest {
    @AfterEach
    void reset() {
        java.util.logging.LogManager.getLogManager().reset();
        Logger.getLogger("").setLevel(Level.INFO);
        Logger.getLogger("").addHandler(new java.util.logging.ConsoleHandler());
    }

    @Test
    void levelsComeFromTheConfiguration() {
        LogSetup.configure(Map.of("logging.level.io.edgepublisher.publisher", "DEBUG", "logging.level.org.apache.camel",
            "error", "TRACE_LEVEL", "0"));
        assertEquals(Level.FINE, Logger.getLogger("io.edgepublisher.publisher").getLevel());
        assertEquals(Level.SEVERE, Logger.getLogger("org.apache.camel").getLevel());
        assertEquals(Level.WARNING, Logger.getLogger("io.netty").getLevel(), "quiet library default");
        assertNull(Logger.getLogger("io.edgepublisher").getLevel(), "TRACE_LEVEL 0 leaves the node's loggers at INFO");
        LogSetup.configure(Map.of("TRACE_LEVEL", "2"));
        assertEquals(Level.FINEST, Logger.getLogger("io.edgepublisher").getLevel());
    }

    @Test
    void aLineCarriesTheNodeNameAndTheRouteId() {
        System.setProperty("ep.node.name", "pub-7");
        LogRecord r = new LogRecord(Level.WARNING, "Route stopped");
        r.setLoggerName("io.edgepublisher.ops.RouteStopWarnings");
        MDC.put("camel.routeId", "publisher");
        try {
            String line = new LogFormat().format(r);
            assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  \\[pub-7\\] \\[publisher\\] RouteStopWarnings - Route stopped\\R"), line);
        } finally {
            MDC.remove("camel.routeId");
            System.clearProperty("ep.node.name");
        }
        assertEquals("TRACE", LogFormat.level(Level.FINEST));
        assertEquals("ERROR", LogFormat.level(Level.SEVERE));
    }
}
