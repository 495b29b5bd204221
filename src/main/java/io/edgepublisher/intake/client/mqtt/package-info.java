/**
 * Message clients on an external MQTT broker: {@link io.edgepublisher.intake.client.mqtt.PahoSubscriber} (paho MQTT 5,
 * background reconnect, persistent sessions, manual acknowledgements after the journal fsync) as the source of the
 * route {@code mqtt-client-<n>}, and the {@link io.edgepublisher.intake.client.mqtt.DeliveryLog} that keeps a message
 * redelivered after a crash from being stored twice (design on that class).
 */
package io.edgepublisher.intake.client.mqtt;
