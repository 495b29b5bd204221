package io.edgepublisher.intake.broker;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.intake.client.MessageIntake;
import io.edgepublisher.intake.client.MsgClients;
import io.edgepublisher.intake.route.IntakeConsumer;
import io.edgepublisher.intake.route.IntakeSource;
import io.edgepublisher.rest.TlsMaterial;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.TrustOptions;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;
import io.vertx.mqtt.messages.codes.MqttDisconnectReasonCode;
import java.net.BindException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.X509KeyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's MQTT broker (see the package description): {@code threads} Vert.x MQTT listeners on one port, the live
 * connections by client id (a second connection with the same id takes the session over), and the source of the
 * {@code message-broker} route. Node service {@code MessageBroker.class}.
 */
public final class MessageBroker implements IntakeSource {
    private static final Logger LOG = LoggerFactory.getLogger(MessageBroker.class);
    public static final String ROUTE_ID = "message-broker";

    private final BrokerSettings settings;
    private final LocalDispatch dispatch;
    private final List<MqttServer> servers = new ArrayList<>();
    private final Map<String, BrokerConnection> sessions = new ConcurrentHashMap<>();
    private volatile IntakeConsumer consumer;

    public MessageBroker(BrokerSettings settings, MsgClients clients, MessageIntake intake) {
        this.settings = settings;
        this.dispatch = new LocalDispatch(clients, intake);
    }

    public BrokerSettings settings() {
        return settings;
    }

    LocalDispatch dispatch() {
        return dispatch;
    }

    IntakeConsumer consumer() {
        return consumer;
    }

    /** True while the route runs: publishes are accepted. */
    public boolean accepting() {
        return consumer != null;
    }

    /**
     * Binds the listeners.
     *
     * @throws CommandException 81 {@code Host and port '<ip>:<port>' already in use}, or 81 for other bind failures
     */
    public void listen(Vertx vertx) {
        MqttServerOptions o = new MqttServerOptions().setHost(settings.bindHost()).setPort(settings.internalPort())
                .setMaxMessageSize(BrokerSettings.MAX_PACKET).setAutoClientId(true).setTimeoutOnConnect(30);
        TlsMaterial tls = settings.tls();
        if (tls != null) {
            o.setSsl(true).setKeyCertOptions(KeyCertOptions.wrap((X509KeyManager) tls.keys().getKeyManagers()[0]))
                .setEnabledSecureTransportProtocols(Set.of("TLSv1.2", "TLSv1.3"));
            if (tls.clientCa() != null) {
                o.setTrustOptions(TrustOptions.wrap(tls.clientCa().getTrustManagers()[0]))
                    .setClientAuth(ClientAuth.REQUIRED);
            }
        }
        List<Future<MqttServer>> started = new ArrayList<>();
        for (int i = 0; i < Math.max(1, settings.threads()); i++) {
            MqttServer s = MqttServer.create(vertx, o);
            s.endpointHandler(ep -> new BrokerConnection(this, ep).accept());
            s.exceptionHandler(e -> LOG.debug("Message broker: {}", e.toString()));
            servers.add(s);
            started.add(s.listen());
        }
        try {
            Future.all(started).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            close();
            Throwable c = e.getCause() != null ? e.getCause() : e;
            String addr = settings.bindHost() + ":" + settings.internalPort();
            if (c instanceof BindException || String.valueOf(c.getMessage()).contains("in use")) {
                throw new CommandException(ErrorCode.CONNECTION, "Host and port '" + addr + "' already in use");
            }
            throw new CommandException(ErrorCode.CONNECTION, "Message broker cannot listen on " + addr + ": " + c, c);
        }
        LOG.info("Message broker listening on {}:{} ({} threads{}{})", settings.bindHost(), settings.internalPort(),
                servers.size(), tls != null ? ", TLS" : "", settings.requiresCredentials() ? ", user and password" : "");
    }

    @Override
    public void start(IntakeConsumer c) {
        this.consumer = c;
    }

    /** The route stopped: refuse data, close every connection (publishers resend unacknowledged messages later). */
    @Override
    public void stop() {
        this.consumer = null;
        for (BrokerConnection bc : sessions.values()) {
            bc.close(MqttDisconnectReasonCode.SERVER_SHUTTING_DOWN);
        }
    }

    void takeOver(BrokerConnection c) {
        BrokerConnection old = sessions.put(c.clientId(), c);
        if (old != null && old != c) {
            old.close(MqttDisconnectReasonCode.SESSION_TAKEN_OVER);
        }
    }

    void closed(BrokerConnection c) {
        sessions.remove(c.clientId(), c);
    }

    void forward(BrokerConnection from, String topic, Buffer payload, int qos) {
        for (BrokerConnection c : sessions.values()) {
            c.forward(topic, payload, qos);
        }
    }

    /** Live connections (tests, diagnostics). */
    public int connections() {
        return sessions.size();
    }

    /** Unbinds the listeners and closes the connections. */
    public void close() {
        stop();
        for (MqttServer s : servers) {
            try {
                s.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.debug("Message broker listener close: {}", e.toString());
            }
        }
        servers.clear();
    }
}
