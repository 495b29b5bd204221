package io.edgepublisher.intake;

import io.edgepublisher.node.Beans;
import io.edgepublisher.node.Lifecycle;
import io.edgepublisher.intake.client.MsgClient;
import io.edgepublisher.ops.NodeMetrics;
import io.edgepublisher.ops.ReadinessProbes;
import java.util.function.ObjLongConsumer;

import io.edgepublisher.intake.ingest.IngestRoute;

import io.edgepublisher.config.Units;
import io.edgepublisher.intake.broker.MessageBroker;
import io.edgepublisher.intake.client.MessageIntake;
import io.edgepublisher.intake.client.MsgClients;
import io.edgepublisher.intake.client.mqtt.DeliveryLogs;
import io.edgepublisher.intake.commands.ExitMsgClientCommand;
import io.edgepublisher.intake.commands.GetMsgClientCommand;
import io.edgepublisher.intake.commands.RunMessageBrokerCommand;
import io.edgepublisher.intake.commands.RunMsgClientCommand;
import io.edgepublisher.intake.mapping.PayloadMapper;
import io.edgepublisher.intake.rest.RestIngestRoutes;
import io.edgepublisher.node.Node;
import io.edgepublisher.node.ProcessStatus;
import io.edgepublisher.node.Routes;
import io.edgepublisher.streamer.StreamerModule;
import io.edgepublisher.streamer.StreamerService;

/**
 * Installs data intake on a node (after {@code StreamerModule}): {@code direct:ingest}, the message clients, the REST
 * data routes ({@code rest-put}, {@code rest-post-data}), this node's broker, their commands and the {@code MQTT} and {@code Message Broker}
 * rows of {@code get processes}. At shutdown the clients and the broker stop before the buffers are flushed.
 */
public final class IntakeModule {
    private final MsgClients clients = new MsgClients();
    private final MessageIntake messages;
    private final DeliveryLogs deliveryLogs;
    private volatile org.apache.camel.Processor kafka = e -> {
        throw new IllegalStateException("Kafka intake is not installed on this node");
    };

    private IntakeModule(MessageIntake messages, DeliveryLogs deliveryLogs) {
        this.messages = messages;
        this.deliveryLogs = deliveryLogs;
    }

    public static void install(Node node) {
        StreamerService s = StreamerModule.service(node);
        long limit = Units.parseStorageBytes(node.dictionary().getOrDefault("msg_max_payload", "1MB"));
        DeliveryLogs logs = new DeliveryLogs(s.buffers().journal(), node.dirs().dir("journal_dir").resolve("msg-clients"));
        // set before boot phase 0, so recovery moves the marks of recovered segments into the logs
        s.buffers().setMarkSink(logs);
        IntakeModule m = new IntakeModule(new MessageIntake(s.buffers(), node.clock(),
                limit > 0 && limit < Integer.MAX_VALUE ? (int) limit : PayloadMapper.DEFAULT_LIMIT), logs);
        Beans.bind(node, IntakeModule.class, m);
        node.configuration(Lifecycle.configuration(ctx -> {
            Lifecycle.afterStart(node, ctx, () -> {
                s.buffers().setFlusher(IntakePools.flusher(ctx));
                ObjLongConsumer<String> rows = (path, n) -> NodeMetrics.of(node).rowsIn(path, n);
                m.messages.rowsCounter(rows);
                Beans.get(node, ReadinessProbes.class).add("mqtt-brokers", () -> {
                    for (MsgClient c : m.clients.all()) {
                        if (c.kind() == MsgClient.Kind.EXTERNAL && !c.connection().startsWith("Connected")) {
                            return ReadinessProbes.State.down("message client " + c.id() + " (" + c.brokerLabel()
                                + "): " + c.connection());
                        }
                    }
                    return ReadinessProbes.State.ok();
                });
                // direct:ingest is there from boot phase 0, after journal recovery, so user routes can rely on it;
                // the REST server's data routes call it.
                Routes.addAndStart(node, new IngestRoute(node, m), IngestRoute.ROUTE_ID);
                Routes.addAndStart(node, new RestIngestRoutes(s.buffers(), m.clients, s.spoolDir()),
                    "rest-put", "rest-post-data");
            });
            // Graceful stop steps run in reverse order: this one before the streamer's flush (CONFIG.md §6.6).
            Lifecycle.beforeStop(ctx, () -> {
                m.clients.exitAll();
                MessageBroker b = Beans.find(node, MessageBroker.class);
                if (b != null) {
                    b.stop();
                }
            });
        }));
        node.commands().register(new RunMsgClientCommand());
        node.commands().register(new GetMsgClientCommand());
        node.commands().register(new ExitMsgClientCommand());
        node.commands().register(new RunMessageBrokerCommand());
        node.processes().register("MQTT", () -> m.clients.isEmpty() ? ProcessStatus.notDeclared("")
                : ProcessStatus.running(connections(m.clients)));
        node.processes().register("Message Broker", () -> {
            MessageBroker b = Beans.find(node, MessageBroker.class);
            if (b == null) {
                return ProcessStatus.notDeclared("No active connection");
            }
            if (Routes.isStarted(node, MessageBroker.ROUTE_ID)) {
                return ProcessStatus.running(b.settings().details());
            }
            return ProcessStatus.notDeclared("Route " + MessageBroker.ROUTE_ID + " is "
                    + Routes.status(node, MessageBroker.ROUTE_ID));
        });
    }

    /** The node's intake module. */
    public static IntakeModule of(Node node) {
        return Beans.get(node, IntakeModule.class);
    }

    /** The delivery logs of persistent MQTT sessions. */
    /** The Kafka branch of {@code direct:ingest}: whatever Kafka intake installed with {@link #kafkaIngest(org.apache.camel.Processor)}. */
    public org.apache.camel.Processor kafkaIngest() {
        return e -> kafka.process(e);
    }

    public void kafkaIngest(org.apache.camel.Processor p) {
        this.kafka = p;
    }

    public DeliveryLogs deliveryLogs() {
        return deliveryLogs;
    }

    public MsgClients clients() {
        return clients;
    }

    /** The mapping-and-buffering path shared by every message source. */
    public MessageIntake messages() {
        return messages;
    }

    /** The MQTT row's details: the connection state of each client with an external broker. */
    static String connections(MsgClients clients) {
        StringBuilder sb = new StringBuilder();
        for (MsgClient c : clients.all()) {
            String state = c.connection();
            if (c.kind() == MsgClient.Kind.EXTERNAL && state != null && !state.isEmpty()) {
                sb.append(sb.length() == 0 ? "" : "; ").append("Client ").append(c.id()).append(": ").append(state);
            }
        }
        return sb.toString();
    }
}
