package io.edgepublisher.intake.commands;

import io.edgepublisher.node.Beans;
import io.edgepublisher.node.Lifecycle;
import io.edgepublisher.command.BaseCommand;
import io.edgepublisher.command.CommandCall;
import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.command.Method;
import io.edgepublisher.command.OptionSpec;
import io.edgepublisher.command.Options;
import io.edgepublisher.command.Output;
import io.edgepublisher.command.WhereList;
import io.edgepublisher.config.Dictionary;
import io.edgepublisher.intake.IntakeModule;
import io.edgepublisher.intake.broker.BrokerSettings;
import io.edgepublisher.intake.broker.MessageBroker;
import io.edgepublisher.intake.route.IntakeComponent;
import io.edgepublisher.node.Node;
import io.edgepublisher.node.SharedVertx;
import io.edgepublisher.rest.TlsMaterial;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code run message broker} (COMMANDS.md §4.5) in the {@code where} form and the positional form
 * {@code run message broker <ext_ip> <ext_port> <int_ip> <int_port> [<threads>]}: binds this node's MQTT broker and
 * starts the route {@code message-broker}. Credentials ({@code user}/{@code password}, else EP_BROKER_USER and
 * EP_BROKER_PASSWORD) and TLS ({@code ssl}, else EP_BROKER_SSL; with REST's key material) protect it.
 */
public final class RunMessageBrokerCommand extends BaseCommand {
    private static final Logger LOG = LoggerFactory.getLogger(RunMessageBrokerCommand.class);
    private static final OptionSpec SPEC = OptionSpec.of("run message broker")
            .key("external_ip", OptionSpec.Type.TEXT).key("external_port", OptionSpec.Type.INT)
            .key("internal_ip", OptionSpec.Type.TEXT).key("internal_port", OptionSpec.Type.INT)
            .key("bind", OptionSpec.Type.BOOL).key("threads", OptionSpec.Type.INT)
            .key("user", OptionSpec.Type.TEXT).key("password", OptionSpec.Type.TEXT).key("ssl", OptionSpec.Type.BOOL);

    public RunMessageBrokerCommand() {
        super(List.of("run message broker"),
            "run message broker where external_ip = <ip> and external_port = <port> and internal_ip = <ip> and"
            + " internal_port = <port> [and bind = <bool>] [and threads = <n>] [and user = <u> and password = <p>]"
            + " [and ssl = <bool>]"
            + "  |  run message broker <ext_ip> <ext_port> <int_ip> <int_port> [<threads>]", Method.POST, false);
    }

    @Override
    public Output execute(CommandCall call) {
        Node node = call.node();
        if (Beans.find(node, MessageBroker.class) != null) {
            throw new CommandException(ErrorCode.PROCESS_ACTIVE, "Duplicate call to initiate Message Broker");
        }
        Options o = call.argCount() == 0 || call.arg(0).is("where") ? call.where(SPEC) : positional(call);
        Dictionary d = node.dictionary();
        Integer ext = o.has("external_port") ? Integer.valueOf(o.integer("external_port", 0)) : null;
        Integer in = o.has("internal_port") ? Integer.valueOf(o.integer("internal_port", 0)) : null;
        if (ext == null && in == null) {
            throw new CommandException(ErrorCode.COMMAND_PARAMETERS, "Missing port in Message Broker configuration");
        }
        int internalPort = in != null ? in : ext;
        int externalPort = ext != null ? ext : in;
        for (int p : new int[] {internalPort, externalPort}) {
            if (p < 1 || p > 65535) {
                throw call.structure("Message broker port " + p + " is not between 1 and 65535");
            }
        }
        String internalIp = o.text("internal_ip", d.getOrDefault("ip", "127.0.0.1"));
        String externalIp = o.text("external_ip", d.getOrDefault("external_ip", internalIp));
        // Credentials and TLS default to the node's settings, so that every form of the command (the seed's
        // positional one too) gets them.
        String user = o.has("user") || o.has("password") ? o.text("user", null) : d.get("broker_user");
        String password = o.has("user") || o.has("password") ? o.text("password", null) : d.get("broker_password");
        if ((user == null) != (password == null)) {
            throw call.structure("'run message broker' needs both 'user' and 'password' (EP_BROKER_USER and"
                + " EP_BROKER_PASSWORD), or neither");
        }
        boolean ssl = o.has("ssl") ? o.bool("ssl", false) : "true".equals(d.get("broker_ssl"));
        TlsMaterial tls = ssl ? tls(call, d) : null;
        BrokerSettings s = new BrokerSettings(externalIp, externalPort, internalIp, internalPort, o.bool("bind", false),
                Math.max(1, o.integer("threads", io.edgepublisher.config.Defaults.integer("BROKER_THREADS"))), user, password, tls);
        warnings(s, d);
        IntakeModule intake = IntakeModule.of(node);
        MessageBroker broker = new MessageBroker(s, intake.clients(), intake.messages());
        broker.listen(SharedVertx.get(node));
        try {
            IntakeComponent.of(node).startRoute(node, MessageBroker.ROUTE_ID, "message-broker", broker);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        Beans.bind(node, MessageBroker.class, broker);
        Lifecycle.onClose(node.camel(), broker::close);
        d.put("anylog_broker_port", Integer.toString(externalPort));
        return Output.none();
    }

    /** REST's TLS material (EP_REST_KEYSTORE, or the PEM files of EP_REST_SERVER_ORG and EP_REST_CA_ORG). */
    private static TlsMaterial tls(CommandCall call, Dictionary d) {
        String keystore = d.get("rest_keystore");
        String serverOrg = d.get("rest_server_org");
        if (keystore == null && serverOrg == null) {
            throw call.structure("The message broker's TLS ('ssl = true', EP_BROKER_SSL) uses the REST server's key"
                + " material: set EP_REST_KEYSTORE, or EP_REST_SERVER_ORG with its PEM files in !pem_dir");
        }
        return TlsMaterial.load(Path.of(d.getOrDefault("pem_dir", ".")), d.get("rest_ca_org"),
            keystore == null ? serverOrg : null, keystore, d.get("rest_keystore_password"));
    }

    /** Says once, at start, what leaves the broker open while the rest of the node is protected. */
    private static void warnings(BrokerSettings s, Dictionary d) {
        String at = s.bindHost() + ":" + s.internalPort();
        if (!s.requiresCredentials() && "true".equals(d.get("rest_auth"))) {
            LOG.warn("REST requires authentication, but the message broker on {} accepts anonymous clients: set"
                + " EP_BROKER_USER and EP_BROKER_PASSWORD", at);
        }
        if (s.requiresCredentials() && s.tls() == null) {
            LOG.warn("The message broker on {} requires a user and password without TLS: credentials travel in clear"
                + " text (EP_BROKER_SSL=true)", at);
        }
    }

    /** {@code <ext_ip> <ext_port> <int_ip> <int_port> [<threads>]} as the equivalent {@code where} list. */
    private static Options positional(CommandCall call) {
        int n = call.argCount();
        if (n != 4 && n != 5) {
            throw call.structure("Use: run message broker <external_ip> <external_port> <internal_ip> <internal_port>"
                    + " [<threads>], or the 'where' form");
        }
        String[] keys = {"external_ip", "external_port", "internal_ip", "internal_port", "threads"};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : " and ").append(keys[i]).append(" = \"").append(call.word(i)).append('"');
        }
        WhereList w = io.edgepublisher.command.WhereParser.parse(io.edgepublisher.command.Tokenizer.tokenize(
                sb.toString()), 0, call.resolver(), "run message broker");
        return SPEC.parse(w);
    }
}
