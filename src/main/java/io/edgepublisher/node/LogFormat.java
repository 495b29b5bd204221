package io.edgepublisher.node;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.slf4j.MDC;

/**
 * One line per event: time, level, {@code [node name]}, {@code [route id]} when a Camel route logs (Camel puts it in
 * the MDC), the short logger name and the message; a stack trace follows on its own lines.
 */
public final class LogFormat extends Formatter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
        .withZone(ZoneId.systemDefault());

    @Override
    public String format(LogRecord r) {
        StringBuilder sb = new StringBuilder(160);
        sb.append(TIME.format(Instant.ofEpochMilli(r.getMillis()))).append(' ');
        String level = level(r.getLevel());
        sb.append(level);
        for (int i = level.length(); i < 5; i++) {
            sb.append(' ');
        }
        sb.append(" [").append(System.getProperty("ep.node.name", "edge-publisher")).append(']');
        String route = MDC.get("camel.routeId");
        if (route != null) {
            sb.append(" [").append(route).append(']');
        }
        String logger = r.getLoggerName() == null ? "" : r.getLoggerName();
        sb.append(' ').append(logger.substring(logger.lastIndexOf('.') + 1)).append(" - ").append(formatMessage(r))
            .append(System.lineSeparator());
        if (r.getThrown() != null) {
            StringWriter w = new StringWriter();
            r.getThrown().printStackTrace(new PrintWriter(w));
            sb.append(w);
        }
        return sb.toString();
    }

    /** SLF4J's level names for JUL's levels (slf4j-jdk14 maps TRACE→FINEST, DEBUG→FINE, WARN→WARNING, ERROR→SEVERE). */
    static String level(Level l) {
        int v = l.intValue();
        if (v >= Level.SEVERE.intValue()) {
            return "ERROR";
        }
        if (v >= Level.WARNING.intValue()) {
            return "WARN";
        }
        if (v >= Level.INFO.intValue()) {
            return "INFO";
        }
        if (v >= Level.FINE.intValue()) {
            return "DEBUG";
        }
        return "TRACE";
    }
}
