package io.edgepublisher.node;

import io.edgepublisher.command.CommandResult;
import io.edgepublisher.command.ScriptLines;
import io.edgepublisher.command.ScriptRunner;
import io.edgepublisher.command.Session;
import io.edgepublisher.command.Source;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Boot phase 2 and 3 (CONFIG.md §6.1): runs the bundled deployment script, or the one named by {@code --script} /
 * {@code EP_BOOT_SCRIPT}, then the optional local hook. Each line is logged with its result: a failing line at
 * ERROR (WARN under {@code on error ignore}), so that the first line about a failed boot is its cause.
 */
public final class BootScript {
    private static final Logger LOG = LoggerFactory.getLogger("io.edgepublisher.boot");
    public static final String BUNDLED = "/boot/publisher.al";

    private BootScript() {
    }

    /** Text of the bundled script. */
    public static String bundled() {
        try (InputStream in = BootScript.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("Bundled boot script " + BUNDLED + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the bundled boot script", e);
        }
    }

    /**
     * What the boot script did: its result (an error stops the boot unless the script handled it), the last line that
     * failed and how, and the last text the script printed (null when none).
     */
    public record Outcome(String script, CommandResult result, ScriptLines.Line failedLine, CommandResult failure,
                          String lastPrint) {
        /** One line for the log: where the boot failed, how, and what happens now. */
        public String describeFailure(int exitStatus) {
            StringBuilder sb = new StringBuilder(failedLine == null && result.isOk() ? "Boot stopped" : "Boot failed");
            if (failedLine == null && result.isOk()) {
                sb.append(": ").append(script).append('.');
            } else if (failedLine != null) {
                String text = failedLine.text().length() > 300 ? failedLine.text().substring(0, 297) + "..."
                    : failedLine.text();
                sb.append(" at ").append(script).append(" line ").append(failedLine.number()).append(": '")
                    .append(text).append("' -> ").append(failure.describe()).append('.');
            } else {
                sb.append(": ").append(script).append(" -> ").append(result.describe()).append('.');
            }
            if (result.isError()) {
                sb.append(" The script does not handle this error");
            } else {
                if (lastPrint != null) {
                    sb.append(" The script printed \"").append(lastPrint).append("\" and");
                } else {
                    sb.append(" The script");
                }
                sb.append(" ran 'exit node ").append(exitStatus).append('\'');
            }
            return sb.append(": the node stops with exit status ").append(exitStatus).append('.').toString();
        }
    }

    /** Runs the script; see {@link Outcome}. */
    public static Outcome run(Node node, String scriptPath) {
        String name;
        String text;
        if (scriptPath == null) {
            name = "boot script (bundled)";
            text = bundled();
        } else {
            name = scriptPath;
            try {
                text = Files.readString(Path.of(scriptPath), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return new Outcome(name, CommandResult.error(io.edgepublisher.command.ErrorCode.FILE_NOT_EXISTS,
                    "Boot script '" + scriptPath + "' cannot be read: " + e.getClass().getSimpleName()), null, null,
                    null);
            }
        }
        LOG.info("Boot: running {}", name);
        Steps steps = new Steps();
        Session session = new Session(Source.SCRIPT, steps::printed);
        CommandResult result = node.scripts().run(name, text, session, steps);
        if (result.isOk() && "true".equals(node.dictionary().get("deploy_local_script"))) {
            Path local = Path.of(node.dictionary().get("local_scripts"), "local_script.al");
            CommandResult hook = node.interpreter().execute("process " + local, new Session(Source.SCRIPT, null));
            if (hook.isError()) {
                LOG.warn("Boot: local script {} failed: {}", local, hook.describe());
            }
        }
        return new Outcome(name, result, steps.failedLine, steps.failure, steps.lastPrint);
    }

    /** Logs each step and remembers the last failure, the {@code on error} mode and the last printed text. */
    private static final class Steps implements ScriptRunner.Listener {
        private volatile String onError;
        private volatile ScriptLines.Line failedLine;
        private volatile CommandResult failure;
        private volatile String lastPrint;

        void printed(String text) {
            lastPrint = text;
        }

        @Override
        public void lineDone(String script, ScriptLines.Line line, CommandResult r) {
            if (ScriptLines.label(line.text()) != null) {
                return;
            }
            if (r.control() == CommandResult.Control.ON_ERROR) {
                onError = r.label();
            }
            String text = line.text().length() > 160 ? line.text().substring(0, 157) + "..." : line.text();
            if (r.isOk() || r.control() == CommandResult.Control.NOT_IMPLEMENTED) {
                LOG.info("Boot line {}: {} -> {}", line.number(), text,
                    r.control() == CommandResult.Control.NOT_IMPLEMENTED ? "not implemented yet, skipped" : "ok");
                return;
            }
            if ("ignore".equals(onError)) {
                LOG.warn("Boot line {}: {} -> {}", line.number(), text, r.describe());
                return;
            }
            failedLine = line;
            failure = r;
            LOG.error("Boot line {}: {} -> {}", line.number(), text, r.describe());
        }
    }
}
