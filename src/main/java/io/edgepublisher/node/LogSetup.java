package io.edgepublisher.node;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.io.PrintStream;
import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Logging set-up, done first thing at start: one console handler on standard error with {@link LogFormat}, quiet
 * defaults for the libraries, then the levels named in the configuration as {@code logging.level.<logger> = <level>}
 * ({@code TRACE}, {@code DEBUG}, {@code INFO}, {@code WARN}, {@code ERROR}, {@code OFF}) and AnyLog's
 * {@code TRACE_LEVEL} (1 = DEBUG, 2 or more = TRACE for the node's own loggers).
 */
public final class LogSetup {
    /** JUL keeps loggers weakly; configured ones are held here so their levels stay. */
    private static final Map<String, Logger> KEEP = new ConcurrentHashMap<>();

    private static final Map<String, String> DEFAULTS = Map.of(
        "org.apache.camel", "WARN", "io.vertx", "WARN", "io.netty", "WARN", "org.quartz", "WARN",
        "org.eclipse.paho", "WARN", "io.micrometer", "WARN", "com.zaxxer", "WARN",
        // the Kafka client warns at each reconnect attempt while a broker is down; get processes and health say so
        "org.apache.kafka", "WARN", "org.apache.kafka.clients.NetworkClient", "ERROR",
        // camel.main.dump-routes writes the dump at INFO: without this the quiet Camel default swallowed it
        "org.apache.camel.impl.DefaultDumpRoutesStrategy", "INFO");

    /** The handler {@link #configure} installed, or null when logging was never configured (in-process tests). */
    private static volatile Handler console;

    private LogSetup() {
    }

    public static void configure(Map<String, String> properties) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        Handler h = new StderrHandler();
        h.setFormatter(new LogFormat());
        h.setLevel(Level.ALL);
        root.addHandler(h);
        console = h;
        root.setLevel(Level.INFO);
        DEFAULTS.forEach(LogSetup::set);
        String trace = properties.get("TRACE_LEVEL");
        if (trace != null && trace.trim().matches("\\d+") && Integer.parseInt(trace.trim()) > 0) {
            set("io.edgepublisher", Integer.parseInt(trace.trim()) >= 2 ? "TRACE" : "DEBUG");
        }
        for (Map.Entry<String, String> e : properties.entrySet()) {
            String k = e.getKey();
            if (k.startsWith("logging.level.")) {
                set(k.substring("logging.level.".length()), e.getValue());
            } else if (k.equalsIgnoreCase("logging.level") || k.equalsIgnoreCase("logging.level.root")) {
                set("", e.getValue());
            }
        }
    }

    /** Sets one logger's level; an unknown level name is ignored with a line on standard error. */
    public static void set(String logger, String level) {
        Level l = parse(level);
        if (l == null) {
            System.err.println("Ignoring logging level '" + level + "' for '" + logger + "': use TRACE, DEBUG, INFO, WARN,"
                + " ERROR or OFF");
            return;
        }
        Logger lg = Logger.getLogger(logger.equals("root") ? "" : logger);
        lg.setLevel(l);
        KEEP.put(logger, lg);
    }

    /**
     * Logs an ERROR line that must be seen even when the configured levels or handlers would drop it (a failed boot):
     * through the logger when its line reaches standard error, else written to standard error directly.
     */
    public static void mustLog(String loggerName, String message) {
        LogRecord r = new LogRecord(Level.SEVERE, message);
        r.setLoggerName(loggerName);
        Logger logger = Logger.getLogger(loggerName);
        if (reachesStandardError(logger)) {
            logger.log(r);
            return;
        }
        PrintStream err = System.err;
        err.print(new LogFormat().format(r));
        err.flush();
    }

    /** Whether an ERROR record of this logger passes the levels and ends in the handler {@link #configure} installed. */
    static boolean reachesStandardError(Logger logger) {
        Handler h = console;
        if (h == null || !logger.isLoggable(Level.SEVERE) || h.getLevel().intValue() > Level.SEVERE.intValue()) {
            return false;
        }
        for (Logger l = logger; l != null; l = l.getParent()) {
            for (Handler x : l.getHandlers()) {
                if (x == h) {
                    return true;
                }
            }
            if (!l.getUseParentHandlers()) {
                return false;
            }
        }
        return false;
    }

    /**
     * Writes each record to the standard error stream of the moment. JUL's ConsoleHandler keeps the System.err it saw
     * when it was made, so a library that had swapped System.err at that instant would swallow every line for good.
     */
    static final class StderrHandler extends Handler {
        @Override
        public void publish(LogRecord r) {
            if (!isLoggable(r)) {
                return;
            }
            String line;
            try {
                line = getFormatter().format(r);
            } catch (RuntimeException e) {
                reportError(null, e, ErrorManager.FORMAT_FAILURE);
                return;
            }
            PrintStream err = System.err;
            err.print(line);
            err.flush();
        }

        @Override
        public void flush() {
            System.err.flush();
        }

        @Override
        public void close() {
            flush();
        }
    }

    static Level parse(String level) {
        switch (level.trim().toUpperCase(Locale.ROOT)) {
            case "TRACE":
            case "ALL":
                return Level.FINEST;
            case "DEBUG":
                return Level.FINE;
            case "INFO":
                return Level.INFO;
            case "WARN":
            case "WARNING":
                return Level.WARNING;
            case "ERROR":
            case "FATAL":
                return Level.SEVERE;
            case "OFF":
                return Level.OFF;
            default:
                return null;
        }
    }
}
