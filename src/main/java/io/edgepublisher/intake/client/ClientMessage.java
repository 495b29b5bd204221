package io.edgepublisher.intake.client;

import java.nio.charset.StandardCharsets;

/**
 * One message of a message client's batch (the body of a batch exchange to {@code direct:ingest} is a list of these):
 * the topic it arrived on, its QoS, the raw payload, and the delivery mark journaled with its rows (persistent MQTT
 * sessions, QoS ≥ 1) or null.
 */
public record ClientMessage(String topic, int qos, byte[] payload, byte[] mark) {
    /** Shown in a trace or log: the topic, QoS and the payload's text (the first 200 characters). */
    @Override
    public String toString() {
        String text = new String(payload, 0, Math.min(payload.length, 800), StandardCharsets.UTF_8);
        if (text.length() > 200) {
            text = text.substring(0, 200) + "…";
        } else if (payload.length > 800) {
            text += "…";
        }
        return topic + " (qos " + qos + "): " + text;
    }
}
