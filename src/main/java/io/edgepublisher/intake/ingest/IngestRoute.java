package io.edgepublisher.intake.ingest;

import io.edgepublisher.intake.IntakeModule;
import io.edgepublisher.node.Node;
import io.edgepublisher.ops.NodeMetrics;
import io.edgepublisher.streamer.StreamerModule;
import org.apache.camel.builder.RouteBuilder;

/**
 * {@code direct:ingest}: the one entry of every intake path. The MQTT client routes ({@code mqtt-client-<n>}), this
 * node's broker ({@code message-broker}), REST PUT and POST ({@code rest-put}, {@code rest-post-data}) and user
 * routes all send here, with the payload as the body. It branches on what the sender knows:
 * <ul>
 * <li><b>mapped</b> (header {@link #MSG_CLIENT}): the raw payload of a message client, mapped here with the topic's
 * mapping ({@link MappedIngest}). Headers {@link #TOPIC}, {@link #QOS} and, for persistent MQTT sessions,
 * {@link #DELIVERY_MARK}. Result headers {@link #DELIVERY} and, for this node's broker, {@link #MQTT_REASON}. An MQTT
 * client's session sends what one poll received as one exchange whose body is the list of its messages
 * ({@code ClientMessage}: topic, QoS, payload, mark), with header {@link #MESSAGES}; result header
 * {@link #OUTCOMES}.</li>
 * <li><b>kafka</b> (header {@link #KAFKA_CONSUMER}): a batch of Kafka records of consumer {@code kafka-consumer-<n>},
 * mapped with its topics' mappings; the exchange completes when their rows are durable, and the route then commits
 * the offsets.</li>
 * <li><b>rows</b> (otherwise): JSON rows for the buffer named by {@link #DBMS}, {@link #TABLE}, {@link #SOURCE} and
 * {@link #INSTRUCTIONS}, with {@link #MODE} {@code streaming} (default) or {@code file} ({@link RowsIngest}).
 * Result header {@link #HASH}.</li>
 * </ul>
 * Both branches complete the exchange only after what they stored is durable (journal fsync, or the data file
 * renamed and its directory fsync'd), so a sender acknowledges on completion: MQTT PUBACK, REST 200. A bad header or
 * body fails the exchange with the AnyLog error and stores nothing. There is no error handler here: the sender's route
 * decides what a failure means (a REST error reply, a withheld acknowledgement).
 */
public final class IngestRoute extends RouteBuilder {
    public static final String ROUTE_ID = "ingest";
    public static final String ENDPOINT = "direct:ingest";

    public static final String DBMS = "dbms";
    public static final String TABLE = "table";
    public static final String SOURCE = "source";
    public static final String INSTRUCTIONS = "instructions";
    /** {@code streaming} (default: the streaming buffer) or {@code file} (a data file of its own, REST PUT). */
    public static final String MODE = "mode";
    /** Only {@code json}. */
    public static final String TYPE = "type";
    /** Message client number, or {@link #LOCAL_CLIENTS}: selects the mapped branch. */
    public static final String MSG_CLIENT = "msgClient";
    /** Every {@code broker = local} client whose topic matches (this node's broker). */
    public static final String LOCAL_CLIENTS = "local";
    /** The MQTT topic name (mapped branch); for a REST client, the topic of its mapping. */
    public static final String TOPIC = "topic";
    public static final String QOS = "qos";
    /** Delivery mark journaled with the rows (persistent MQTT sessions, {@code DeliveryLog}). */
    public static final String DELIVERY_MARK = "deliveryMark";
    /** Batch of the mapped branch (body a list of {@code ClientMessage}): the number of messages. */
    public static final String MESSAGES = "messages";
    /**
     * Result of the mapped branch for a batch: one entry per message, in order, its {@code Delivery} or the
     * {@code Throwable} it failed with.
     */
    public static final String OUTCOMES = "outcomes";
    /** Result of the rows branch: the hash of a data file written by this request, {@code 0} when none. */
    public static final String HASH = "hash";
    /** Result of the mapped branch: the {@code Delivery} (messages, failed, first error). */
    public static final String DELIVERY = "delivery";
    /**
     * Kafka consumer number (route {@code kafka-consumer-<n>}): selects the Kafka branch, whose body is one batch of
     * camel-kafka records; the processor is Kafka intake's ({@code IntakeModule.kafkaIngest}).
     */
    public static final String KAFKA_CONSUMER = "kafkaConsumer";
    /** Result of the mapped branch for this node's broker: MQTT 5 reason code of the acknowledgement. */
    public static final String MQTT_REASON = "mqttReason";

    private final Node node;
    private final IntakeModule intake;

    public IngestRoute(Node node, IntakeModule intake) {
        this.node = node;
        this.intake = intake;
    }

    @Override
    public void configure() {
        errorHandler(noErrorHandler());
        from(ENDPOINT).routeId(ROUTE_ID).routeGroup("intake")
            .choice()
                .when(simple("${header." + KAFKA_CONSUMER + "} != null"))
                    .process(intake.kafkaIngest()).id("ingest-kafka")
                .when(simple("${header." + MSG_CLIENT + "} != null"))
                    .process(new MappedIngest(intake.clients(), intake.messages())).id("ingest-mapped")
                .otherwise()
                    .process(new RowsIngest(StreamerModule.service(node).buffers(),
                        (path, rows) -> NodeMetrics.of(node).rowsIn(path, rows))).id("ingest-rows")
            .end();
    }
}
