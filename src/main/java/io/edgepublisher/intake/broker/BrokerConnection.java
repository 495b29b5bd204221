package io.edgepublisher.intake.broker;

import io.edgepublisher.intake.client.TopicFilter;
import io.edgepublisher.intake.ingest.IngestRoute;
import io.edgepublisher.intake.route.IntakeConsumer;
import io.edgepublisher.streamer.StorageRefused;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttAuth;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttTopicSubscription;
import io.vertx.mqtt.messages.MqttPublishMessage;
import io.vertx.mqtt.messages.codes.MqttDisconnectReasonCode;
import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;
import io.vertx.mqtt.messages.codes.MqttPubRecReasonCode;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MQTT connection to this node's broker (INTAKE.md §2): CONNECT checks (protocol level, credentials, session
 * takeover), PUBLISH at QoS 0/1/2 with acknowledgements sent in arrival order once the local subscriptions journaled
 * the rows, and the subscriptions of external subscribers. Handlers run on the connection's event loop.
 */
final class BrokerConnection {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerConnection.class);
    /** netty's text for a packet over the limit: {@code message length exceeds <max>: <length>}. */
    private static final Pattern PACKET_LENGTH = Pattern.compile(": (\\d+)$");
    /** {@link #acknowledge} reason: intake refused for lack of space. */
    private static final int REFUSED_NO_SPACE = -2;

    private final MessageBroker broker;
    private final MqttEndpoint ep;
    private final Context context;
    private final boolean v5;
    /** QoS 2 packet ids whose PUBREC went out and whose PUBREL has not arrived: a DUP copy is not stored again. */
    private final Set<Integer> awaitingRelease = new HashSet<>();
    private final Map<String, Integer> subscriptions = new ConcurrentHashMap<>(); // filter -> granted QoS
    private CompletableFuture<Integer> lastAck = CompletableFuture.completedFuture(null);
    private volatile boolean closed;

    BrokerConnection(MessageBroker broker, MqttEndpoint ep) {
        this.broker = broker;
        this.ep = ep;
        this.context = Vertx.currentContext();
        this.v5 = ep.protocolVersion() == 5;
    }

    /** Answers the CONNECT; returns false when the connection was refused. */
    boolean accept() {
        int level = ep.protocolVersion();
        if (level != 4 && level != 5) {
            ep.reject(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION);
            return false;
        }
        if (!broker.accepting()) {
            ep.reject(v5 ? MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE_5
                    : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE);
            return false;
        }
        if (broker.settings().requiresCredentials() && !credentialsMatch(ep.auth())) {
            LOG.warn("Message broker: refused client '{}' from {}: wrong user or password", ep.clientIdentifier(),
                    ep.remoteAddress());
            ep.reject(v5 ? MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD
                    : MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD);
            return false;
        }
        ep.publishAutoAck(false);
        ep.publishHandler(this::publish);
        ep.publishReleaseHandler(this::release);
        ep.subscribeHandler(s -> {
            List<MqttQoS> granted = new ArrayList<>();
            for (MqttTopicSubscription t : s.topicSubscriptions()) {
                int q = Math.min(1, t.qualityOfService().value());
                subscriptions.put(t.topicName(), q);
                granted.add(MqttQoS.valueOf(q));
            }
            ep.subscribeAcknowledge(s.messageId(), granted);
        });
        ep.unsubscribeHandler(u -> {
            u.topics().forEach(subscriptions::remove);
            ep.unsubscribeAcknowledge(u.messageId());
        });
        ep.closeHandler(v -> {
            closed = true;
            broker.closed(this);
        });
        ep.exceptionHandler(this::failed);
        broker.takeOver(this);
        if (v5) {
            MqttProperties p = new MqttProperties();
            p.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.MAXIMUM_PACKET_SIZE.value(),
                    BrokerSettings.MAX_PACKET));
            ep.accept(false, p);
        } else {
            ep.accept(false);
        }
        return true;
    }

    /**
     * The decoder refuses a packet over {@link BrokerSettings#MAX_PACKET} before reading its payload, and the
     * connection ends (INTAKE.md §2). The message is still counted as an error (§3.10), or it would vanish unseen.
     */
    private void failed(Throwable e) {
        if (e instanceof TooLongFrameException) {
            Matcher m = PACKET_LENGTH.matcher(String.valueOf(e.getMessage()));
            String size = m.find() ? m.group(1) + " bytes" : "more than " + BrokerSettings.MAX_PACKET + " bytes";
            broker.dispatch().refused("MQTT message of " + size + " exceeds the broker's packet limit of "
                    + BrokerSettings.MAX_PACKET + " bytes; the connection of '" + ep.clientIdentifier() + "' from "
                    + ep.remoteAddress() + " was closed");
            disconnect(MqttDisconnectReasonCode.PACKET_TOO_LARGE);
            return;
        }
        LOG.debug("Message broker: connection {}: {}", ep.clientIdentifier(), e.toString());
    }

    String clientId() {
        return ep.clientIdentifier();
    }

    private boolean credentialsMatch(MqttAuth auth) {
        if (auth == null) {
            return false;
        }
        BrokerSettings s = broker.settings();
        return constantTimeEquals(s.user(), auth.getUsername()) & constantTimeEquals(s.password(), auth.getPassword());
    }

    private static boolean constantTimeEquals(String expected, String given) {
        if (given == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                given.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private void publish(MqttPublishMessage m) {
        String topic = m.topicName();
        if (topic == null || topic.isEmpty() || topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0) {
            disconnect(MqttDisconnectReasonCode.TOPIC_NAME_INVALID);
            return;
        }
        IntakeConsumer consumer = broker.consumer();
        if (consumer == null) {
            disconnect(MqttDisconnectReasonCode.SERVER_SHUTTING_DOWN);
            return;
        }
        int qos = m.qosLevel().value();
        int id = m.messageId();
        if (qos == 2 && !awaitingRelease.add(id)) {
            sendPubrec(id, LocalDispatch.SUCCESS); // a retransmission: already stored
            return;
        }
        byte[] payload = m.payload().getBytes();
        broker.forward(this, topic, m.payload(), qos);
        CompletableFuture<Integer> done = consumer.submit(payload, IngestRoute.LOCAL_CLIENTS, topic, qos, null);
        if (qos == 0) {
            return;
        }
        lastAck = lastAck.thenCombine(done, (a, b) -> b).handle((v, e) -> {
            int r = e != null ? StorageRefused.isLackOfSpace(e) ? REFUSED_NO_SPACE : -1
                    : v == null ? LocalDispatch.SUCCESS : v;
            context.runOnContext(x -> acknowledge(qos, id, r));
            return null;
        });
    }

    /**
     * Sends PUBACK / PUBREC; {@code reason} -1 means the rows could not be stored, {@link #REFUSED_NO_SPACE} that the
     * node refused them for lack of space.
     */
    private void acknowledge(int qos, int id, int reason) {
        if (closed) {
            return;
        }
        if (reason == REFUSED_NO_SPACE) {
            // No acknowledgement at all, in either protocol version: a negative MQTT 5 PUBACK would end the flow and
            // the publisher would drop the message. Closing makes it send the message again after reconnecting.
            if (qos == 2) {
                awaitingRelease.remove(id);
            }
            disconnect(MqttDisconnectReasonCode.QUOTA_EXCEEDED);
            return;
        }
        if (reason < 0) {
            if (qos == 2) {
                awaitingRelease.remove(id);
            }
            if (!v5) {
                ep.close(); // 3.1.1 has no negative acknowledgement: the publisher sends it again after reconnecting
                return;
            }
        }
        if (qos == 1) {
            if (v5) {
                ep.publishAcknowledge(id, pubAck(reason), MqttProperties.NO_PROPERTIES);
            } else {
                ep.publishAcknowledge(id);
            }
        } else {
            sendPubrec(id, reason);
        }
    }

    private void sendPubrec(int id, int reason) {
        if (v5) {
            MqttPubRecReasonCode code = reason == LocalDispatch.SUCCESS ? MqttPubRecReasonCode.SUCCESS
                    : reason == LocalDispatch.NO_MATCHING_SUBSCRIBERS ? MqttPubRecReasonCode.NO_MATCHING_SUBSCRIBERS
                    : reason == LocalDispatch.PAYLOAD_FORMAT_INVALID ? MqttPubRecReasonCode.PAYLOAD_FORMAT_INVALID
                    : MqttPubRecReasonCode.UNSPECIFIED_ERROR;
            ep.publishReceived(id, code, MqttProperties.NO_PROPERTIES);
        } else {
            ep.publishReceived(id);
        }
    }

    private static MqttPubAckReasonCode pubAck(int reason) {
        return reason == LocalDispatch.SUCCESS ? MqttPubAckReasonCode.SUCCESS
                : reason == LocalDispatch.NO_MATCHING_SUBSCRIBERS ? MqttPubAckReasonCode.NO_MATCHING_SUBSCRIBERS
                : reason == LocalDispatch.PAYLOAD_FORMAT_INVALID ? MqttPubAckReasonCode.PAYLOAD_FORMAT_INVALID
                : MqttPubAckReasonCode.UNSPECIFIED_ERROR;
    }

    private void release(int id) {
        awaitingRelease.remove(id);
        ep.publishComplete(id);
    }

    /** Delivers to this connection if one of its subscriptions matches (external subscribers, best effort). */
    void forward(String topic, Buffer payload, int qos) {
        if (closed || subscriptions.isEmpty()) {
            return;
        }
        int best = -1;
        for (Map.Entry<String, Integer> s : subscriptions.entrySet()) {
            if (TopicFilter.of(s.getKey()).matches(topic)) {
                best = Math.max(best, Math.min(qos, s.getValue()));
            }
        }
        if (best >= 0) {
            int q = best;
            context.runOnContext(v -> {
                if (!closed) {
                    ep.publish(topic, payload, MqttQoS.valueOf(q), false, false);
                }
            });
        }
    }

    /** Closes the connection: a newer one took over the client id, or the route stopped. */
    void close(MqttDisconnectReasonCode reason) {
        context.runOnContext(v -> disconnect(reason));
    }

    private void disconnect(MqttDisconnectReasonCode reason) {
        if (closed) {
            return;
        }
        try {
            if (v5 && ep.isConnected()) {
                ep.disconnect(reason, MqttProperties.NO_PROPERTIES);
            }
        } catch (RuntimeException e) {
            // closing anyway
        }
        ep.close();
    }
}
