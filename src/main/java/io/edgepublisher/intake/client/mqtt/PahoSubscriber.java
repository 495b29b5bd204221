package io.edgepublisher.intake.client.mqtt;

import io.edgepublisher.intake.client.ClientMessage;
import io.edgepublisher.intake.client.ClientTopic;
import io.edgepublisher.intake.client.MsgClient;
import io.edgepublisher.intake.route.IntakeConsumer;
import io.edgepublisher.intake.route.IntakeSource;
import io.edgepublisher.streamer.StorageRefused;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientPersistence;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.persist.MqttDefaultFilePersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT session of a message client with an external broker, on the paho MQTT 5 asynchronous client. Written
 * instead of using camel-paho-mqtt5's consumer, which subscribes one topic at one QoS per client, connects inside the
 * route start (a broker that is down fails the start) and installs its callback only after connecting (messages of a
 * resumed persistent session can arrive before it and are lost). Here:
 * <ul>
 * <li>the callback is set before connecting; connecting and reconnecting run in the background, forever, 1 s doubling
 * to 60 s, so a broker that is down at boot never stops the node (the route is started and shows the state);</li>
 * <li>every topic is (re)subscribed with its own QoS after each connect; {@code $share/<group>/<topic>} works;</li>
 * <li>the socket is read by a thread that does nothing else, into a bounded buffer ({@link ReadAheadSocketFactory}):
 * the broker is never kept waiting while a poll is stored, and a packet field costs no system call;</li>
 * <li>with any QoS ≥ 1 topic: clean start false, stable client id, a one-week session expiry, manual acks — each
 * message is acknowledged only when its rows are journaled, in arrival order — and the {@link DeliveryLog} that keeps
 * a redelivered message from being stored twice. QoS 2 state is kept by paho's file persistence, which fsyncs.</li>
 * </ul>
 */
public final class PahoSubscriber implements IntakeSource, MqttCallback {
    private static final Logger LOG = LoggerFactory.getLogger(PahoSubscriber.class);

    private final MsgClient client;
    private final MqttSessionSettings settings;
    private final ScheduledExecutorService retries;
    private final DeliveryLog deliveryLog;
    private final Path pahoStore;
    private final ReadAheadSocketFactory readAhead;
    private volatile IntakeConsumer consumer;
    private volatile InboundQueue<Received> inbound;
    private ExecutorService intakeThread;
    private volatile MqttAsyncClient paho;
    private volatile boolean running;
    private volatile String state = "Not connected";
    private volatile ScheduledFuture<?> retry;
    private long retryDelay = MqttSessionSettings.RETRY_MIN_MS;
    private int attempts;
    /** The state last logged at WARN (kind and reason): each change is logged once, repeats are not. */
    private String logged;
    /** Completes when the previous message was acknowledged: acknowledgements go out in arrival order. */
    private CompletableFuture<Void> lastAck = CompletableFuture.completedFuture(null);

    /**
     * @param deliveryLog null for clean sessions or without a journal
     * @param pahoStore directory of paho's file persistence (persistent sessions), or null
     * @param retries where reconnection attempts are scheduled (the {@code ep-intake-reconnect} pool)
     */
    public PahoSubscriber(MsgClient client, MqttSessionSettings settings, DeliveryLog deliveryLog, Path pahoStore,
            ScheduledExecutorService retries) {
        this.client = client;
        this.settings = settings;
        this.retries = retries;
        this.deliveryLog = deliveryLog;
        this.pahoStore = pahoStore;
        this.readAhead = new ReadAheadSocketFactory("Message client " + client.id());
        client.connection(() -> state);
    }

    public String state() {
        return state;
    }

    @Override
    public synchronized void start(IntakeConsumer c) {
        this.consumer = c;
        String name = "ep-intake-mqtt-" + client.id();
        this.intakeThread = c.getEndpoint().getCamelContext().getExecutorServiceManager()
                .newSingleThreadExecutor(this, name);
        this.inbound = new InboundQueue<>(name, intakeThread, this::store);
        this.running = true;
        this.retryDelay = MqttSessionSettings.RETRY_MIN_MS;
        this.attempts = 0;
        this.logged = null;
        try {
            MqttClientPersistence store = settings.persistent() && pahoStore != null
                    ? new MqttDefaultFilePersistence(pahoStore.toString()) : new MemoryPersistence();
            paho = new MqttAsyncClient(settings.serverUri(), settings.clientId(), store);
            paho.setManualAcks(true);
            paho.setCallback(this);
        } catch (MqttException e) {
            state = "Failed: " + e.getMessage();
            throw new IllegalStateException("MQTT client " + settings + " cannot be created: " + e.getMessage(), e);
        }
        connect();
    }

    private synchronized void connect() {
        if (!running) {
            return;
        }
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(!settings.persistent());
        o.setSessionExpiryInterval(settings.persistent() ? MqttSessionSettings.SESSION_EXPIRY_SECONDS : 0L);
        o.setKeepAliveInterval(60);
        o.setConnectionTimeout(10);
        o.setAutomaticReconnect(false);
        if (settings.serverUri().startsWith("tcp://")) {
            o.setSocketFactory(readAhead);
        }
        if (settings.user() != null) {
            o.setUserName(settings.user());
        }
        if (settings.password() != null) {
            o.setPassword(settings.password().getBytes(StandardCharsets.UTF_8));
        }
        attempts++;
        state = "Connecting to " + settings.serverUri() + (attempts == 1 ? "" : " (attempt " + attempts + ")");
        try {
            paho.connect(o, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    subscribe();
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    retryLater(false, message(e));
                }
            });
        } catch (MqttException e) {
            retryLater(false, message(e));
        }
    }

    private void subscribe() {
        List<ClientTopic> topics = client.topics();
        MqttSubscription[] subs = new MqttSubscription[topics.size()];
        for (int i = 0; i < subs.length; i++) {
            subs[i] = new MqttSubscription(topics.get(i).filter().text(), topics.get(i).qos());
        }
        try {
            paho.subscribe(subs, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    synchronized (PahoSubscriber.this) {
                        attempts = 0;
                        retryDelay = MqttSessionSettings.RETRY_MIN_MS;
                    }
                    changed("connected", "Message client {}: connected to {}, {} topic(s) subscribed", client.id(),
                        settings.serverUri(), subs.length);
                    state = "Connected to " + settings.serverUri();
                    logEvent("connected to {} and subscribed {} topics", settings.serverUri(), subs.length);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    String why = message(e);
                    changed("subscription failed", "Message client {}: connected to {} but the subscription failed:"
                        + " {}; no messages arrive until it reconnects", client.id(), settings.serverUri(), why);
                    state = "Subscription failed: " + why;
                }
            }, new MqttProperties());
        } catch (MqttException e) {
            retryLater(true, "subscribe failed: " + message(e));
        }
    }

    /**
     * Schedules the next connection attempt (1 s doubling to 60 s).
     *
     * @param lost true when an established connection went away, false when a connection attempt failed
     */
    private synchronized void retryLater(boolean lost, String why) {
        if (!running) {
            return;
        }
        long delay = retryDelay;
        retryDelay = Math.min(retryDelay * 2, MqttSessionSettings.RETRY_MAX_MS);
        String retrying = "retrying in " + delay / 1000 + " s, backing off to every "
            + MqttSessionSettings.RETRY_MAX_MS / 1000 + " s";
        // logged before the state changes: whoever sees the new state also sees its log line
        if (lost) {
            changed("lost " + why, "Message client {}: connection to {} lost ({}); {}", client.id(), settings.serverUri(),
                why, retrying);
            state = "Connection to " + settings.serverUri() + " lost (" + why + "); retrying in " + delay / 1000 + " s";
        } else {
            changed("cannot connect " + why, "Message client {}: cannot connect to {} ({}); {}", client.id(),
                settings.serverUri(), why, retrying);
            state = "Cannot connect to " + settings.serverUri() + " (" + why + "), " + attempts
                + (attempts == 1 ? " attempt" : " attempts") + "; retrying in " + delay / 1000 + " s";
        }
        logEvent("{}", state);
        if (retry == null || retry.isDone()) {
            retry = retries.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
        }
    }

    /** Logs at WARN when the connection state (kind and reason) differs from the one logged last. */
    private synchronized void changed(String kind, String format, Object... args) {
        if (!kind.equals(logged)) {
            logged = kind;
            LOG.warn(format, args);
        }
    }

    /** One message as paho delivered it. */
    private record Received(String topic, MqttMessage message) {
    }

    /** On paho's callback thread: only queued (see {@link InboundQueue}). */
    @Override
    public void messageArrived(String topic, MqttMessage m) throws InterruptedException {
        InboundQueue<Received> q = inbound;
        if (q == null) {
            ack(m);
            return;
        }
        q.add(new Received(topic, m));
    }

    /**
     * On the client's intake thread: one poll of messages, in arrival order, sent to intake as one batch (one
     * exchange, the rows appended together: one journal write and fsync for the poll). QoS ≥ 1 messages are
     * acknowledged, in arrival order, each once what it stored is durable.
     */
    private void store(List<Received> poll) {
        IntakeConsumer c = consumer;
        List<ClientMessage> batch = new ArrayList<>(poll.size());
        List<Pending> acks = new ArrayList<>();
        for (int i = 0; i < poll.size(); i++) {
            Received r = poll.get(i);
            try {
                ClientMessage cm = admit(c, r.topic(), r.message(), acks, batch.size());
                if (cm != null) {
                    batch.add(cm);
                }
            } catch (RuntimeException e) {
                LOG.error("Message client {}: a message on '{}' could not be handed to intake", client.id(), r.topic(),
                        e);
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        CompletableFuture<List<Throwable>> done;
        try {
            done = c.submitBatch(batch, client.id());
        } catch (RuntimeException e) {
            LOG.error("Message client {}: {} messages could not be handed to intake", client.id(), batch.size(), e);
            done = CompletableFuture.completedFuture(java.util.Collections.nCopies(batch.size(), e));
        }
        if (acks.isEmpty()) {
            return;
        }
        CompletableFuture<Void> prev = lastAck;
        lastAck = prev.thenCombine(done, (a, outcomes) -> outcomes).handle((outcomes, e) -> {
            boolean drop = false;
            for (Pending p : acks) {
                Throwable failure = e != null ? e : outcomes.get(p.index());
                if (failure == null) {
                    ack(p.message());
                    if (deliveryLog != null) {
                        deliveryLog.released(p.message().getId(), p.digest());
                    }
                    continue;
                }
                if (deliveryLog != null) {
                    deliveryLog.forget(p.message().getId(), p.digest());
                }
                if (!drop) {
                    drop = true;
                    if (StorageRefused.isLackOfSpace(failure)) {
                        // the storage guard logs the state once; this happens for every message until space is freed
                        LOG.debug("Message client {}: a message on '{}' was refused for lack of space; reconnecting so"
                                + " the broker sends it again", client.id(), p.topic());
                    } else {
                        LOG.error("Message client {}: a message on '{}' could not be stored ({}); reconnecting so the"
                                + " broker sends it again", client.id(), p.topic(), message(failure));
                    }
                }
            }
            if (drop) {
                dropConnection();
            }
            return null;
        });
    }

    /** A QoS ≥ 1 message of a batch, acknowledged once the batch's outcome for it ({@code index}) is known. */
    private record Pending(int index, String topic, MqttMessage message, long digest) {
    }

    /**
     * Checks one received message: acknowledged at once when it is not ours to keep or a redelivered duplicate
     * (null), else the message to send to intake at {@code index} of the batch ({@code acks} gets it when its QoS
     * needs an acknowledgement).
     */
    private ClientMessage admit(IntakeConsumer c, String topic, MqttMessage m, List<Pending> acks, int index) {
        ClientTopic t = client.topicFor(topic);
        int qos = m.getQos();
        if (c == null || t == null) {
            ack(m); // not ours to keep (e.g. a stale subscription of a persistent session)
            return null;
        }
        byte[] payload = m.getPayload();
        long digest = qos > 0 && deliveryLog != null ? digest(payload) : 0;
        if (qos > 0 && deliveryLog != null && deliveryLog.isDuplicate(m.getId(), digest, m.isDuplicate())) {
            client.stats().duplicate();
            ack(m);
            return null;
        }
        byte[] mark = null;
        if (qos > 0 && deliveryLog != null) {
            deliveryLog.journaled(m.getId(), digest);
            mark = deliveryLog.mark(m.getId(), digest);
        }
        if (qos > 0) {
            acks.add(new Pending(index, topic, m, digest));
        }
        return new ClientMessage(topic, qos, payload, mark);
    }

    private void ack(MqttMessage m) {
        if (m.getQos() == 0) {
            return;
        }
        try {
            paho.messageArrivedComplete(m.getId(), m.getQos());
        } catch (MqttException | RuntimeException e) {
            LOG.debug("Message client {}: acknowledgement of {} not sent: {}", client.id(), m.getId(), e.toString());
        }
    }

    private void dropConnection() {
        try {
            paho.disconnectForcibly(0, 1000, false);
        } catch (MqttException | RuntimeException e) {
            // the connection is gone either way
        }
        retryLater(true, "a message could not be stored");
    }

    @Override
    public void disconnected(MqttDisconnectResponse r) {
        if (r.getException() != null) {
            LOG.debug("Message client {}: connection lost", client.id(), r.getException());
        }
        retryLater(true, r.getException() != null ? message(r.getException()) : "broker closed the connection");
    }

    @Override
    public void mqttErrorOccurred(MqttException e) {
        LOG.warn("Message client {}: {}", client.id(), message(e));
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
        // subscriber only
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
        // subscriptions are made in the connect listener
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
        // no enhanced authentication
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (retry != null) {
            retry.cancel(false);
        }
        MqttAsyncClient p = paho;
        paho = null;
        state = "Stopped";
        if (p != null) {
            close(p);
        }
        // nothing arrives any more: what was received is stored before the route stops
        ExecutorService t = intakeThread;
        IntakeConsumer c = consumer;
        if (t != null && c != null) {
            c.getEndpoint().getCamelContext().getExecutorServiceManager().shutdownGraceful(t, 10_000);
        }
        intakeThread = null;
        inbound = null;
    }

    private void close(MqttAsyncClient p) {
        try {
            if (p.isConnected()) {
                if (!settings.persistent()) {
                    p.unsubscribe(client.topics().stream().map(t -> t.filter().text()).toArray(String[]::new))
                            .waitForCompletion(2000);
                }
                p.disconnect(2000).waitForCompletion(3000);
            }
        } catch (MqttException | RuntimeException e) {
            LOG.debug("Message client {}: disconnect: {}", client.id(), e.toString());
        }
        try {
            p.close(true);
        } catch (MqttException | RuntimeException e) {
            // closing a client that never connected
        }
    }

    private void logEvent(String format, Object... args) {
        if (client.log()) {
            LOG.info("MQTT Log: client " + client.id() + ": " + format, args);
        } else {
            LOG.debug("Message client " + client.id() + ": " + format, args);
        }
    }

    private static long digest(byte[] payload) {
        try {
            byte[] d = MessageDigest.getInstance("MD5").digest(payload);
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (d[i] & 0xff);
            }
            return v;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The exception's message, with the root cause's when it adds something ("... (Connection refused)"). */
    private static String message(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && t.getMessage() == null) {
            t = t.getCause();
        }
        String text = t.getMessage() != null ? t.getMessage() : t.toString();
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != t && root.getMessage() != null && !text.contains(root.getMessage())) {
            text += " (" + root.getMessage() + ")";
        }
        return text;
    }
}
