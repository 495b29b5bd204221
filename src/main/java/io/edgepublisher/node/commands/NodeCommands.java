package io.edgepublisher.node.commands;

import io.edgepublisher.command.CommandCall;
import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.command.Method;
import io.edgepublisher.command.Output;
import io.edgepublisher.command.Source;
import io.edgepublisher.command.Token;
import io.edgepublisher.config.NetworkInfo;
import io.edgepublisher.node.Node;
import io.edgepublisher.node.Version;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Registers the node-level commands (COMMANDS.md §4.2, §4.24, §4.29). */
public final class NodeCommands {
    private static final Logger LOG = LoggerFactory.getLogger("io.edgepublisher.script");

    private NodeCommands() {
    }

    public static void install(Node node) {
        var r = node.commands();
        r.register(new GetStatusCommand());
        r.register(new GetProcessesCommand());
        r.register(new GetDictionaryCommand());
        r.register(new HelpCommand());
        r.register(new ProcessCommand());
        r.register(new SimpleCommand(List.of("get hostname"), "get hostname", Method.GET, true, c -> {
            c.noArgs();
            String h = NetworkInfo.hostname();
            if (h == null || h.isEmpty()) {
                throw new CommandException(ErrorCode.HOSTNAME, "The OS did not supply a host name");
            }
            return Output.text(h);
        }));
        r.register(new SimpleCommand(List.of("get version"), "get version", Method.GET, true, c -> {
            c.noArgs();
            return Output.text("Edge Publisher Version: " + Version.get());
        }));
        r.register(new SimpleCommand(List.of("set node name"), "set node name <name>", Method.POST, false, c -> {
            if (c.argCount() == 0) {
                throw c.structure("'set node name' needs a name");
            }
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < c.argCount(); i++) {
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(c.word(i));
            }
            c.node().name(sb.toString());
            c.node().dictionary().put("node_name", sb.toString());
            return Output.none();
        }));
        r.register(new SimpleCommand(List.of("set query pool"), "set query pool <n>", Method.POST, false, c -> {
            if (c.argCount() != 1) {
                throw c.structure("'set query pool' needs one number");
            }
            int n;
            try {
                n = Integer.parseInt(c.word(0).trim());
            } catch (NumberFormatException e) {
                throw c.structure("'set query pool' needs a number >= 1, got '" + c.word(0) + "'");
            }
            if (n < 1) {
                throw c.structure("'set query pool' needs a number >= 1, got " + n);
            }
            c.node().queryPool().resize(n);
            return Output.none();
        }));
        r.register(new SimpleCommand(List.of("print", "echo"), "print <text>", Method.GET_OR_POST, false,
            NodeCommands::print));
        r.register(new SimpleCommand(List.of("wait"), "wait <seconds>", Method.GET_OR_POST, false, c -> {
            if (c.argCount() != 1) {
                throw c.structure("'wait' needs a number of seconds");
            }
            double secs;
            try {
                secs = Double.parseDouble(c.word(0));
            } catch (NumberFormatException e) {
                throw c.structure("'wait' needs a number of seconds, got '" + c.word(0) + "'");
            }
            try {
                Thread.sleep((long) (secs * 1000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Output.none();
        }));
        r.register(new SimpleCommand(List.of("exit node"), "exit node [<rc>]", Method.POST, false, c -> {
            int rc = 0;
            if (c.argCount() == 1) {
                try {
                    rc = Integer.parseInt(c.word(0));
                } catch (NumberFormatException e) {
                    throw c.structure("'exit node' takes an integer exit status, got '" + c.word(0) + "'");
                }
            } else if (c.argCount() > 1) {
                throw c.structure("'exit node' takes at most one exit status");
            }
            c.node().exit(rc);
            throw new io.edgepublisher.command.ScriptExit();
        }));
    }

    private static Output print(CommandCall c) {
        StringBuilder sb = new StringBuilder();
        for (Token t : c.args()) {
            String v = c.resolver().resolve(t);
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(v == null ? t.text() : v);
        }
        String text = sb.toString();
        Source src = c.session().source();
        if (src == Source.SCRIPT || src == Source.SCHEDULER || src == Source.INTERNAL) {
            LOG.info("{}", text);
            c.session().print(text);
            return Output.none();
        }
        return Output.text(text);
    }
}
