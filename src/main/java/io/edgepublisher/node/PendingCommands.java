package io.edgepublisher.node;

import io.edgepublisher.command.Command;
import io.edgepublisher.command.CommandCall;
import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.command.Method;
import io.edgepublisher.command.NotImplementedYet;
import io.edgepublisher.command.Output;
import java.util.List;

/**
 * Placeholders. "Not implemented yet" commands belong to capabilities this build does not have; scripts skip them
 * with a warning. "Not supported" commands are AnyLog commands Edge Publisher will never run (237), so that
 * operators see why instead of "Unrecognized Command".
 */
public final class PendingCommands {
    private PendingCommands() {
    }

    private static final List<String> NOT_SUPPORTED = List.of(
        "run operator", "run data distributor", "run data consumer", "sql",
        "run blobs archiver", "config from policy", "run smtp client", "run grpc client", "run opcua client",
        "run plc client", "run ha", "run mcp server", "set authentication", "id create keys");

    public static void install(Node node) {
        for (String phrase : NOT_SUPPORTED) {
            node.commands().register(new Fixed(phrase, true));
        }
    }

    /** Registers a placeholder for a command whose capability is not built yet. */
    public static void pending(Node node, String phrase, Method method) {
        node.commands().register(new Fixed(phrase, false) {
            @Override
            public Method method() {
                return method;
            }
        });
    }

    private static class Fixed implements Command {
        private final String phrase;
        private final boolean unsupported;

        Fixed(String phrase, boolean unsupported) {
            this.phrase = phrase;
            this.unsupported = unsupported;
        }

        @Override
        public List<String> names() {
            return List.of(phrase);
        }

        @Override
        public String syntax() {
            return phrase + (unsupported ? "   (not supported by Edge Publisher)" : "   (not implemented yet)");
        }

        @Override
        public Output execute(CommandCall call) {
            if (unsupported) {
                throw new CommandException(ErrorCode.NOT_SUPPORTED,
                    "'" + phrase + "' is an AnyLog command that Edge Publisher does not support");
            }
            throw new NotImplementedYet(phrase);
        }
    }
}
