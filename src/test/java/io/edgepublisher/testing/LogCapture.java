package io.edgepublisher.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what one logger (and its children) writes at WARN or above, for asserting on log lines. While it is
 * open, those records do not also go to the console.
 */
public final class LogCapture implements AutoCloseable {
    /** One captured record: the formatted message and the exception, if any. */
    public record Line(String message, Throwable thrown) {
    }

    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final Logger logger;
    private final boolean parentHandlers;
    private final Level previous;
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                // SLF4J hands JUL records whose message is already formatted
                String text = r.getParameters() == null ? r.getMessage() : new java.util.logging.SimpleFormatter().formatMessage(r);
                lines.add(new Line(text, r.getThrown()));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    public LogCapture(Class<?> source) {
        this(source.getName());
    }

    public LogCapture(String loggerName) {
        this.logger = Logger.getLogger(loggerName);
        this.parentHandlers = logger.getUseParentHandlers();
        this.previous = logger.getLevel();
        logger.setUseParentHandlers(false);
        logger.setLevel(Level.WARNING);
        logger.addHandler(handler);
    }

    /** The formatted messages. */
    public List<String> lines() {
        return lines.stream().map(Line::message).toList();
    }

    public List<Line> records() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setUseParentHandlers(parentHandlers);
        logger.setLevel(previous);
    }
}
