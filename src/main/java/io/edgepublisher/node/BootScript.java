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
 * {@code EP_BOOT_SCRIPT}, then the optional local hook. Each line is logged with its result.
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

    /** Runs the script; the result is the script's (an error stops the boot unless the script handled it). */
    public static CommandResult run(Node node, String scriptPath) {
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
                return CommandResult.error(io.edgepublisher.command.ErrorCode.FILE_NOT_EXISTS,
                    "Boot script '" + scriptPath + "' cannot be read: " + e.getClass().getSimpleName());
            }
        }
        LOG.info("Boot: running {}", name);
        Session session = new Session(Source.SCRIPT, text2 -> { });
        ScriptRunner.Listener listener = (script, line, r) -> logStep(line, r);
        CommandResult result = node.scripts().run(name, text, session, listener);
        if (result.isOk() && "true".equals(node.dictionary().get("deploy_local_script"))) {
            Path local = Path.of(node.dictionary().get("local_scripts"), "local_script.al");
            CommandResult hook = node.interpreter().execute("process " + local, new Session(Source.SCRIPT, null));
            if (hook.isError()) {
                LOG.warn("Boot: local script {} failed: {}", local, hook.describe());
            }
        }
        return result;
    }

    private static void logStep(ScriptLines.Line line, CommandResult r) {
        if (ScriptLines.label(line.text()) != null) {
            return;
        }
        String text = line.text().length() > 160 ? line.text().substring(0, 157) + "..." : line.text();
        if (r.isOk() || r.control() == CommandResult.Control.NOT_IMPLEMENTED) {
            LOG.info("Boot line {}: {} -> {}", line.number(), text,
                r.control() == CommandResult.Control.NOT_IMPLEMENTED ? "not implemented yet, skipped" : "ok");
        } else {
            LOG.warn("Boot line {}: {} -> {}", line.number(), text, r.describe());
        }
    }
}
