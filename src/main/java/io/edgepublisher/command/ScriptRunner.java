package io.edgepublisher.command;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a script line by line with the rules of COMMANDS.md §1.10: labels, {@code goto}, {@code on error …},
 * {@code end script}, {@code exit scripts}. Without an {@code on error} directive a failing line ends the script
 * with that line's error. A command that is not implemented yet is logged as a warning and skipped.
 */
public final class ScriptRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ScriptRunner.class);

    private final Interpreter interpreter;

    public ScriptRunner(Interpreter interpreter) {
        this.interpreter = interpreter;
    }

    /** Observes each executed line; the boot uses it to log its steps. */
    public interface Listener {
        void lineDone(String script, ScriptLines.Line line, CommandResult result);
    }

    public CommandResult run(String name, String text, Session session, Listener listener) {
        List<ScriptLines.Line> lines;
        try {
            lines = ScriptLines.split(text);
        } catch (CommandException e) {
            return CommandResult.error(e);
        }
        Map<String, Integer> labels = new HashMap<>();
        for (int k = 0; k < lines.size(); k++) {
            String label = ScriptLines.label(lines.get(k).text());
            if (label != null) {
                labels.put(label, k);
            }
        }
        session.enter();
        try {
            return execute(name, lines, labels, session, listener);
        } finally {
            session.leave();
        }
    }

    private CommandResult execute(String name, List<ScriptLines.Line> lines, Map<String, Integer> labels,
                                  Session session, Listener listener) {
        String onError = null;
        int pc = 0;
        while (pc < lines.size()) {
            ScriptLines.Line line = lines.get(pc++);
            if (ScriptLines.label(line.text()) != null) {
                continue;
            }
            CommandResult r = interpreter.execute(line.text(), session);
            if (listener != null) {
                listener.lineDone(name, line, r);
            }
            switch (r.control()) {
                case GOTO:
                    Integer target = labels.get(r.label());
                    if (target == null) {
                        r = CommandResult.error(ErrorCode.COMMAND_STRUCTURE,
                            "Unknown label '" + r.label() + "' in " + name + " line " + line.number());
                        break;
                    }
                    pc = target + 1;
                    continue;
                case END_SCRIPT:
                    return CommandResult.ok();
                case EXIT_SCRIPTS:
                    return r;
                case ON_ERROR:
                    onError = r.label();
                    continue;
                case NOT_IMPLEMENTED:
                    LOG.warn("{} line {}: {} (skipped)", name, line.number(), r.detail());
                    continue;
                default:
                    break;
            }
            if (!r.isError()) {
                continue;
            }
            if (onError == null) {
                LOG.warn("{} line {} failed: '{}' -> {}", name, line.number(), line.text(), r.describe());
                return r;
            }
            if (onError.equals("ignore")) {
                LOG.warn("{} line {} failed (ignored): {}", name, line.number(), r.describe());
                continue;
            }
            if (onError.equals("end")) {
                LOG.warn("{} line {} failed, ending the script: {}", name, line.number(), r.describe());
                return CommandResult.ok();
            }
            String label = onError.substring("goto:".length());
            Integer target = labels.get(label);
            LOG.warn("{} line {} failed, going to {}: {}", name, line.number(), label, r.describe());
            if (target == null) {
                return CommandResult.error(ErrorCode.COMMAND_STRUCTURE, "Unknown label '" + label + "' in " + name);
            }
            pc = target + 1;
        }
        return CommandResult.ok();
    }
}
