/**
 * The Camel side of the intake paths. Every message source of the node — a message client's MQTT session
 * ({@code mqtt-client-<n>}) and this node's broker ({@code message-broker}) — is the consumer of a route built on the
 * small {@code ep-intake:<route id>} component: starting the route starts the source, stopping it (a command, or JMX)
 * stops it, so {@code get processes} and JMX agree. Each received message travels through the route as an
 * {@link io.edgepublisher.intake.route.IntakeWork} whose future completes when its rows are durable;
 * {@link io.edgepublisher.intake.route.IntakeProcessor} waits for it asynchronously and the source acknowledges the
 * message only when the exchange completed without an exception.
 */
package io.edgepublisher.intake.route;
