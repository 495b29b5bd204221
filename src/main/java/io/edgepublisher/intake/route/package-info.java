/**
 * The Camel side of the MQTT intake paths. Every MQTT message source of the node — a message client's session
 * ({@code mqtt-client-<n>}) and this node's broker ({@code message-broker}) — is the consumer of a route built on the
 * small {@code ep-intake:<route id>} component: starting the route starts the source, stopping it (a command, or JMX)
 * stops it, so {@code get processes} and JMX agree. Each received message travels as an exchange whose body is the
 * payload and whose headers name the message client, topic and QoS, to {@code direct:ingest}, which completes it
 * when its rows are durable; the source acknowledges the message only when the exchange completed without an
 * exception.
 */
package io.edgepublisher.intake.route;
