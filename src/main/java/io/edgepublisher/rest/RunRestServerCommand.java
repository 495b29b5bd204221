package io.edgepublisher.rest;

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
import io.edgepublisher.command.WhereList;
import io.edgepublisher.command.WhereParser;
import io.edgepublisher.config.Defaults;
import io.edgepublisher.config.Dictionary;
import io.edgepublisher.config.Units;
import java.util.List;

/**
 * {@code run rest server}, in the current {@code where} form and the seed's positional form
 * {@code run rest server <ip> <port> [where …]} (COMMANDS.md §4.4).
 */
public final class RunRestServerCommand extends BaseCommand {
    static final OptionSpec SPEC = OptionSpec.of("run rest server")
        .key("external_ip", OptionSpec.Type.TEXT).key("external_port", OptionSpec.Type.INT)
        .key("internal_ip", OptionSpec.Type.TEXT).key("internal_port", OptionSpec.Type.INT)
        .key("bind", OptionSpec.Type.BOOL).key("timeout", OptionSpec.Type.INT).key("threads", OptionSpec.Type.INT)
        .key("ssl", OptionSpec.Type.BOOL).key("ca_org", OptionSpec.Type.TEXT).key("server_org", OptionSpec.Type.TEXT);

    public RunRestServerCommand() {
        super(List.of("run rest server"),
            "run rest server where [external_ip = <ip> and external_port = <port> and] internal_ip = <ip> and"
            + " internal_port = <port> [and bind = <bool>] [and timeout = <sec>] [and threads = <n>] [and ssl = true …]"
            + "  |  run rest server <ip> <port>", Method.POST, false);
    }

    @Override
    public Output execute(CommandCall call) {
        RestServer running = Beans.find(call.node(), RestServer.class);
        if (running != null) {
            throw AlreadyRunning.of("Duplicate call to initiate REST server",
                () -> running.settings().equals(settings(call)));
        }
        RestSettings s = settings(call);
        Dictionary d = call.node().dictionary();
        TlsMaterial tls = null;
        if (s.ssl()) {
            String keystore = d.get("rest_keystore");
            tls = TlsMaterial.load(java.nio.file.Path.of(d.getOrDefault("pem_dir", ".")), s.caOrg(),
                keystore == null ? s.serverOrg() : null, keystore, d.get("rest_keystore_password"));
        }
        BasicAuth auth = null;
        if ("true".equals(d.get("rest_auth"))) {
            String user = d.get("rest_user");
            String pw = d.get("rest_password");
            if (user == null || pw == null) {
                throw new CommandException(ErrorCode.CONFIGURATION, "Missing REST credentials: REST authentication is"
                    + " on but EP_REST_USER / EP_REST_PASSWORD are not set");
            }
            auth = new BasicAuth(user, pw);
            if (!s.ssl()) {
                org.slf4j.LoggerFactory.getLogger(RunRestServerCommand.class).warn(
                    "REST Basic authentication is on without TLS: credentials travel in clear text");
            }
        }
        RestServer server = new RestServer(call.node(), s, auth, tls);
        server.start();
        Beans.bind(call.node(), RestServer.class, server);
        d.put("anylog_rest_port", Integer.toString(s.externalPort()));
        return Output.none();
    }

    /** The settings the command asks for, checked (2 for a missing port or TLS key); TLS files are not read here. */
    private static RestSettings settings(CommandCall call) {
        Options o;
        String posIp = null;
        Integer posPort = null;
        if (call.argCount() >= 2 && !call.arg(0).is("where")) {
            posIp = call.word(0);
            try {
                posPort = Integer.parseInt(call.word(1));
            } catch (NumberFormatException e) {
                throw call.structure("Use: run rest server <ip> <port>; '" + call.word(1) + "' is not a port");
            }
            WhereList w = WhereList.empty();
            if (call.argCount() > 2) {
                if (!call.arg(2).is("where")) {
                    throw call.structure("Unexpected '" + call.arg(2).text() + "' after 'run rest server <ip> <port>'");
                }
                w = WhereParser.parse(call.allTokens(), call.argStart() + 3, call.resolver(), "run rest server");
            }
            o = SPEC.parse(w);
        } else {
            o = call.where(SPEC);
        }
        Dictionary d = call.node().dictionary();
        Integer internalPort = o.has("internal_port") ? Integer.valueOf(o.integer("internal_port", 0))
            : posPort != null ? posPort : o.has("external_port") ? Integer.valueOf(o.integer("external_port", 0)) : null;
        if (internalPort == null) {
            throw new CommandException(ErrorCode.COMMAND_STRUCTURE, "Missing port in REST server configuration");
        }
        if (internalPort < 1 || internalPort > 65535) {
            throw call.structure("REST port " + internalPort + " is not between 1 and 65535");
        }
        String internalIp = o.text("internal_ip", posIp != null ? posIp : d.getOrDefault("ip", "127.0.0.1"));
        String externalIp = o.text("external_ip", posIp != null ? posIp : internalIp);
        int externalPort = o.integer("external_port", internalPort);
        boolean ssl = o.bool("ssl", false);
        String ca = o.text("ca_org", null);
        String srv = o.text("server_org", null);
        if (!ssl && (ca != null || srv != null)) {
            throw call.structure("'" + (ca != null ? "ca_org" : "server_org") + "' needs 'ssl = true' in 'run rest server'");
        }
        if (ssl && d.get("rest_keystore") == null && (ca == null || srv == null)) {
            throw call.structure("Missing '" + (ca == null ? "ca_org" : "server_org") + "' for 'ssl = true' in"
                + " 'run rest server' (or set EP_REST_KEYSTORE)");
        }
        int threads = Math.max(1, o.integer("threads", Defaults.integer("REST_THREADS")));
        int timeout = Math.max(0, o.integer("timeout", Defaults.integer("REST_TIMEOUT")));
        long maxBody = Units.parseStorageBytes(Defaults.orDefault(d, "rest_max_body", "EP_REST_MAX_BODY"));
        // Without 'bind' (the seed's positional form has no place for it) REST_BIND decides.
        boolean bind = o.bool("bind", !"false".equals(d.get("rest_bind")));
        return new RestSettings(externalIp, externalPort, internalIp, internalPort, bind,
            threads, timeout, ssl, ca, srv, maxBody < 0 ? 64L << 20 : maxBody);
    }
}
