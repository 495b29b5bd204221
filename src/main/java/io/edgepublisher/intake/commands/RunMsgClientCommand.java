package io.edgepublisher.intake.commands;

import io.edgepublisher.node.Beans;
import io.edgepublisher.command.BaseCommand;
import io.edgepublisher.command.CommandCall;
import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.command.Method;
import io.edgepublisher.command.OptionSpec;
import io.edgepublisher.command.Options;
import io.edgepublisher.command.Output;
import io.edgepublisher.command.WherePair;
import io.edgepublisher.intake.IntakeModule;
import io.edgepublisher.intake.broker.MessageBroker;
import io.edgepublisher.intake.client.ClientTopic;
import io.edgepublisher.intake.client.MsgClient;
import io.edgepublisher.intake.client.mqtt.MqttClientRoutes;
import io.edgepublisher.intake.client.mqtt.MqttSessionSettings;
import io.edgepublisher.intake.mapping.MappingErrors;
import io.edgepublisher.intake.mapping.TopicMapping;
import io.edgepublisher.node.Node;
import io.edgepublisher.node.Routes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code run msg client} / {@code run mqtt client} (COMMANDS.md §4.15, INTAKE.md §3): validates the topics, numbers
 * the client and attaches it to its broker — an external one (route {@code mqtt-client-<n>}), this node's
 * ({@code local}) or REST POSTs ({@code rest}).
 */
public final class RunMsgClientCommand extends BaseCommand {
    private static final Set<String> NOT_SUPPORTED = Set.of("only_log", "prep_dir", "watch_dir", "err_dir");
    private static final OptionSpec SPEC = OptionSpec.of("run msg client")
            .key("broker", OptionSpec.Type.TEXT).key("port", OptionSpec.Type.INT)
            .key("user", OptionSpec.Type.TEXT).key("password", OptionSpec.Type.TEXT)
            .key("client_id", OptionSpec.Type.TEXT).key("log", OptionSpec.Type.BOOL)
            .key("log_error", OptionSpec.Type.BOOL).key("user-agent", OptionSpec.Type.TEXT)
            .repeatable("topic", OptionSpec.Type.LIST)
            .key("only_log", OptionSpec.Type.ANY).key("prep_dir", OptionSpec.Type.ANY)
            .key("watch_dir", OptionSpec.Type.ANY).key("err_dir", OptionSpec.Type.ANY);

    public RunMsgClientCommand() {
        super(List.of("run msg client", "run mqtt client"),
            "run msg client where broker = <host|local|rest> [and port = <port>] [and user = <u>] [and password = <p>]"
            + " [and client_id = <id>] [and log = <bool>] [and log_error = <bool>] [and user-agent = <ua>]"
            + " and topic = (name = <topic> [and qos = <0-2>] and dbms = … and table = … and column.… ) …",
            Method.POST, false);
    }

    @Override
    public Output execute(CommandCall call) {
        Options o = call.where(SPEC);
        for (String k : NOT_SUPPORTED) {
            if (o.has(k)) {
                throw new CommandException(ErrorCode.NOT_SUPPORTED, "'" + k + "' is not supported in 'run msg client'");
            }
        }
        Node node = call.node();
        String broker = o.required("broker").trim();
        int port = o.integer("port", io.edgepublisher.config.Defaults.integer("MQTT_PORT"));
        List<WherePair> topicPairs = o.all("topic");
        if (topicPairs.isEmpty()) {
            throw MappingErrors.topicError(MappingErrors.MISSING_TOPIC);
        }
        List<ClientTopic> topics = new ArrayList<>();
        for (WherePair p : topicPairs) {
            topics.add(ClientTopic.of(TopicMapping.compile(TopicSpecParser.parse(p.sub()), node.clock())));
        }
        MsgClient.Kind kind = kind(node, broker, port);
        String userAgent = kind == MsgClient.Kind.REST
                ? o.text("user-agent", "anylog").trim().toLowerCase(Locale.ROOT) : null;
        String user = o.text("user", null);
        String password = o.text("password", null);
        String clientId = o.text("client_id", null);
        boolean log = o.bool("log", false);
        boolean logError = o.bool("log_error", false);
        IntakeModule intake = IntakeModule.of(node);
        intake.clients().add(
                id -> new MsgClient(id, kind, broker, port, userAgent, user, log, logError, topics),
                c -> attach(node, intake, c, clientId, password));
        return Output.none();
    }

    /** {@code broker:port} naming this node's own REST server or broker is treated as {@code rest} / {@code local}. */
    private static MsgClient.Kind kind(Node node, String broker, int port) {
        if (broker.equalsIgnoreCase("rest")) {
            return MsgClient.Kind.REST;
        }
        if (broker.equalsIgnoreCase("local")) {
            return MsgClient.Kind.LOCAL;
        }
        if (isSelf(node, broker)) {
            if (String.valueOf(port).equals(node.dictionary().get("anylog_rest_port"))) {
                return MsgClient.Kind.REST;
            }
            MessageBroker b = Beans.find(node, MessageBroker.class);
            if (b != null && (port == b.settings().internalPort() || port == b.settings().externalPort())) {
                return MsgClient.Kind.LOCAL;
            }
        }
        return MsgClient.Kind.EXTERNAL;
    }

    private static boolean isSelf(Node node, String host) {
        return host.equals(node.dictionary().get("ip")) || host.equals(node.dictionary().get("external_ip"))
                || host.equals("127.0.0.1") || host.equalsIgnoreCase("localhost");
    }

    private static void attach(Node node, IntakeModule intake, MsgClient c, String clientId, String password) {
        switch (c.kind()) {
            case REST:
                c.connection(() -> "REST POST with User-Agent '" + c.userAgent() + "'");
                return;
            case LOCAL:
                MessageBroker b = Beans.find(node, MessageBroker.class);
                if (b == null || !Routes.isStarted(node, MessageBroker.ROUTE_ID)) {
                    throw MappingErrors.brokerNotRunning();
                }
                c.connection(() -> b.accepting() ? "Subscribed to the local message broker"
                        : "Local message broker is not accepting data");
                return;
            default:
                String id = clientId != null ? clientId : node.name() + "." + c.id();
                MqttSessionSettings s = new MqttSessionSettings("tcp://" + c.host() + ":" + c.port(), id, c.user(),
                        password, c.maxQos() > 0);
                MqttClientRoutes.start(node, c, s, intake.deliveryLogs());
        }
    }
}
