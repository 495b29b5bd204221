package io.edgepublisher.wire.server;

import io.edgepublisher.node.Beans;
import io.edgepublisher.command.AlreadyRunning;
import io.edgepublisher.command.BaseCommand;
import io.edgepublisher.command.CommandCall;
import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.command.Method;
import io.edgepublisher.command.OptionSpec;
import io.edgepublisher.command.Options;
import io.edgepublisher.command.Output;
import io.edgepublisher.config.Dictionary;
import io.edgepublisher.config.Units;
import io.edgepublisher.node.Node;
import io.edgepublisher.wire.PeerAddress;
import io.edgepublisher.wire.SourceAddress;
import java.time.Duration;
import java.util.List;

/**
 * {@code run tcp server} (COMMANDS.md §4.3) in the current {@code where} form and the seed's positional form
 * {@code run tcp server <external_ip> <external_port> <internal_ip> <internal_port> [<threads>]}. On success the
 * node has a {@link TcpServer} and a {@link SourceAddress} service and {@code !anylog_server_port} is set.
 */
public final class RunTcpServerCommand extends BaseCommand {
    static final String MISSING_PORT = "Missing port in TCP Server server configuration";
    static final int DEFAULT_THREADS = io.edgepublisher.config.Defaults.integer("TCP_THREADS");
    static final int MAX_THREADS = 1024;
    /** EP_TCP_IDLE_TIMEOUT's default (application.properties). */
    static final Duration DEFAULT_IDLE = Duration.ofSeconds(io.edgepublisher.config.Defaults.seconds("EP_TCP_IDLE_TIMEOUT"));
    static final long DEFAULT_MAX_MESSAGE = io.edgepublisher.config.Defaults.bytes("EP_TCP_MAX_MESSAGE");

    private static final OptionSpec SPEC = OptionSpec.of("run tcp server")
        .key("external_ip", OptionSpec.Type.TEXT).key("external_port", OptionSpec.Type.INT)
        .key("internal_ip", OptionSpec.Type.TEXT).key("internal_port", OptionSpec.Type.INT)
        .key("bind", OptionSpec.Type.BOOL).key("threads", OptionSpec.Type.INT);

    /** Starts the listener for validated settings; throws {@link CommandException} when it cannot. */
    @FunctionalInterface
    public interface Starter {
        TcpServer start(TcpServerSettings settings);
    }

    private final Starter starter;

    public RunTcpServerCommand(Starter starter) {
        super(List.of("run tcp server"),
            "run tcp server where external_ip = <ip> and external_port = <port> and internal_ip = <ip> and"
            + " internal_port = <port> [and bind = <bool>] [and threads = <n>]"
            + "  |  run tcp server <external_ip> <external_port> <internal_ip> <internal_port> [<threads>]",
            Method.POST, false);
        this.starter = starter;
    }

    @Override
    public synchronized Output execute(CommandCall call) {
        Node node = call.node();
        TcpServer running = Beans.find(node, TcpServer.class);
        if (running != null) {
            throw AlreadyRunning.of("Duplicate call to initiate TCP server: " + running.settings().details(),
                () -> running.settings().equals(settings(call)));
        }
        TcpServerSettings settings = settings(call);
        TcpServer server = starter.start(settings);
        Beans.bind(node, TcpServer.class, server);
        Beans.bind(node, SourceAddress.class, settings.sourceAddress());
        PeerAddress advertised = settings.external() != null ? settings.external() : settings.internal();
        node.dictionary().put("anylog_server_port", Integer.toString(advertised.port()));
        return Output.none();
    }

    private static TcpServerSettings settings(CommandCall call) {
        return call.argCount() == 0 || call.hasWhere() ? whereForm(call) : positional(call);
    }

    private static TcpServerSettings whereForm(CommandCall call) {
        Options o = call.where(SPEC);
        Dictionary d = call.node().dictionary();
        String internalPort = o.text("internal_port", o.text("external_port", null));
        String externalPort = o.text("external_port", internalPort);
        if (internalPort == null) {
            throw new CommandException(ErrorCode.COMMAND_PARAMETERS, MISSING_PORT);
        }
        String internalIp = o.text("internal_ip", d.getOrDefault("ip", "127.0.0.1"));
        String externalIp = o.text("external_ip", d.get("external_ip"));
        String threads = o.text("threads", Integer.toString(DEFAULT_THREADS));
        return settings(call, externalIp, externalPort, internalIp, internalPort, o.bool("bind", tcpBind(d)), threads);
    }

    private static TcpServerSettings positional(CommandCall call) {
        int n = call.argCount();
        if (n < 4) {
            throw new CommandException(ErrorCode.COMMAND_PARAMETERS, MISSING_PORT + ": the positional form is 'run tcp"
                + " server <external_ip> <external_port> <internal_ip> <internal_port> [<threads>]'");
        }
        if (n > 5) {
            throw call.structure("Unexpected '" + call.arg(5).text() + "' after 'run tcp server <external_ip>"
                + " <external_port> <internal_ip> <internal_port> [<threads>]'");
        }
        String threads = n == 5 ? call.word(4) : Integer.toString(DEFAULT_THREADS);
        return settings(call, call.word(0), call.word(1), call.word(2), call.word(3),
            tcpBind(call.node().dictionary()), threads);
    }

    /** Without 'bind' (the seed's positional form has no place for it) TCP_BIND decides. */
    private static boolean tcpBind(Dictionary d) {
        return "true".equals(d.get("tcp_bind"));
    }

    private static TcpServerSettings settings(CommandCall call, String externalIp, String externalPort,
                                              String internalIp, String internalPort, boolean bind, String threads) {
        PeerAddress internal = address(call, "internal", internalIp, internalPort);
        PeerAddress external = externalIp == null || externalIp.isBlank() ? null
            : address(call, "external", externalIp, externalPort);
        int t = number(call, "threads", threads, 1, MAX_THREADS);
        Dictionary d = call.node().dictionary();
        return new TcpServerSettings(external, internal, bind, t, idleTimeout(d), maxMessageBytes(d));
    }

    private static PeerAddress address(CommandCall call, String which, String ip, String port) {
        int p = number(call, which + "_port", port, 1, 65535);
        try {
            return new PeerAddress(ip.trim(), p);
        } catch (IllegalArgumentException e) {
            throw call.structure("Bad " + which + "_ip '" + ip + "' in 'run tcp server': " + e.getMessage());
        }
    }

    private static int number(CommandCall call, String key, String text, int min, int max) {
        int v;
        try {
            v = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw call.structure("Key '" + key + "' in 'run tcp server' needs an integer, got '" + text + "'");
        }
        if (v < min || v > max) {
            throw call.structure("Key '" + key + "' in 'run tcp server' must be between " + min + " and " + max
                + ", got " + v);
        }
        return v;
    }

    /** {@code !tcp_idle_timeout} ({@code EP_TCP_IDLE_TIMEOUT}), its default when missing or malformed. */
    static Duration idleTimeout(Dictionary d) {
        long s = Units.parseTimeSeconds(d.getOrDefault("tcp_idle_timeout", ""));
        return s > 0 ? Duration.ofSeconds(s) : DEFAULT_IDLE;
    }

    /** {@code !tcp_max_message} ({@code EP_TCP_MAX_MESSAGE}), 16MB when missing or malformed; at most 2 GB - 1. */
    static int maxMessageBytes(Dictionary d) {
        long b = Units.parseStorageBytes(d.getOrDefault("tcp_max_message", ""));
        return (int) Math.min(Integer.MAX_VALUE, b > 0 ? b : DEFAULT_MAX_MESSAGE);
    }
}
