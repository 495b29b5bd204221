package io.edgepublisher.intake.kafka;

import io.edgepublisher.intake.ingest.IngestRoute;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.camel.component.kafka.KafkaEndpoint;
import org.apache.camel.component.kafka.PollOnError;
import org.apache.camel.component.kafka.consumer.DefaultKafkaManualCommitFactory;

/**
 * Route {@code kafka-consumer-<n>}: a camel-kafka consumer in batching mode with auto-commit off, sending each batch
 * to {@code direct:ingest} (header {@link IngestRoute#KAFKA_CONSUMER}; {@link KafkaBatchIngest} there), then committing
 * what is durable, synchronously ({@link KafkaCommit}). The endpoint is built from a {@link KafkaConfiguration} rather
 * than a URI so that a SASL password is not part of the endpoint's name in logs, JMX or the route dump.
 */
final class KafkaConsumerRoute extends RouteBuilder {
    private final KafkaConsumerHandle consumer;
    private final KafkaOffsets offsets;

    KafkaConsumerRoute(KafkaConsumerHandle consumer, KafkaOffsets offsets) {
        this.consumer = consumer;
        this.offsets = offsets;
    }

    @Override
    public void configure() throws Exception {
        CamelContext ctx = getContext();
        String routeId = consumer.routeId();
        from(endpoint(ctx)).routeId(routeId).routeGroup("intake")
            .routeDescription("run kafka consumer " + consumer.id() + ": " + consumer.options().topicList() + " at "
                + consumer.options().brokers())
            .setHeader(IngestRoute.KAFKA_CONSUMER, constant(consumer.id()))
            .doTry()
                .to(IngestRoute.ENDPOINT)
            .doFinally()
                .process(new KafkaCommit(consumer, offsets)).id(routeId + "-commit")
            .end();
    }

    private KafkaEndpoint endpoint(CamelContext ctx) {
        KafkaConsumerOptions o = consumer.options();
        KafkaComponent component = ctx.getComponent("kafka", KafkaComponent.class);
        KafkaEndpoint ep = new KafkaEndpoint("kafka:" + o.topicList() + "?clientId=" + consumer.clientId(), component);
        ep.setCamelContext(ctx);
        KafkaConfiguration c = new KafkaConfiguration();
        c.setTopic(o.topicList());
        c.setBrokers(o.brokers());
        c.setGroupId(o.groupId());
        c.setClientId(consumer.clientId());
        c.setAutoOffsetReset(o.reset());
        c.setConsumersCount(o.threads());
        c.setMaxPollRecords(o.maxPoll());
        c.setBatching(true);
        c.setAutoCommitEnable(false);
        c.setAllowManualCommit(true);
        // a poll that failed is handed to the error handler and the consumer goes on polling; nothing was committed
        c.setPollOnError(PollOnError.ERROR_HANDLER);
        c.setKeyDeserializer("org.apache.kafka.common.serialization.ByteArrayDeserializer");
        c.setValueDeserializer("org.apache.kafka.common.serialization.ByteArrayDeserializer");
        c.setReconnectBackoffMaxMs(2_000);
        // a node that dies gives its partitions to the group after 10 s rather than Kafka's 45 s
        c.setSessionTimeoutMs(10_000);
        c.setHeartbeatIntervalMs(3_000);
        o.security().applyTo(c);
        ep.setConfiguration(c);
        ep.setKafkaManualCommitFactory(new DefaultKafkaManualCommitFactory());
        return ep;
    }

    /** The security settings as Kafka client properties, for the consumer's Admin probe. */
    static Properties securityProperties(KafkaSecurity s) {
        KafkaConfiguration c = new KafkaConfiguration();
        c.setBrokers("unused:1");
        s.applyTo(c);
        Properties p = new Properties();
        for (Map.Entry<Object, Object> e : c.createConsumerProperties().entrySet()) {
            String k = e.getKey().toString();
            if (k.startsWith("security.") || k.startsWith("sasl.") || k.startsWith("ssl.")) {
                p.put(k, e.getValue());
            }
        }
        return p;
    }
}
