/**
 * This node's MQTT broker ({@code run message broker}, INTAKE.md §2): a server for publishers and the source of the
 * {@code broker = local} message clients.
 *
 * <p><b>Why Vert.x MQTT.</b> The broker must accept MQTT 3.1.1 and MQTT 5 publishers on one port. moquette 0.17 speaks
 * MQTT 3.1.1 only (an MQTT 5 client makes its start fail, CAMEL-NOTES G2) and moquette 0.18 is not available to this
 * project. {@code io.vertx:vertx-mqtt} (already a dependency, on the node's shared Vert.x instance that also runs the
 * REST server) decodes both protocol levels on one listener and leaves every decision to us: the acknowledgement of
 * each PUBLISH is sent by our code, which is exactly what the durability rule needs (PUBACK/PUBREC only after the rows
 * are journaled, with MQTT 5 reason codes 0x00, 0x10 and 0x99). It opens no outbound connection and sends no
 * telemetry. What a full broker would add and this one leaves out: retained messages (the RETAIN flag is accepted and
 * ignored), persistent sessions for subscribers, wills, and QoS 2 towards subscribers; external subscribers get QoS 0
 * and 1, in memory, best effort.
 *
 * <p><b>Camel.</b> The listener is bound by the command (so a port in use fails it with 81), while accepting data is
 * the route {@code message-broker} ({@code ep-intake:message-broker}): every PUBLISH travels through it, and stopping
 * the route (over JMX too) closes the connections and refuses new ones until it is started again.
 *
 * <p><b>Threads.</b> {@code threads} listener instances share the port, each on its own event loop. Mapping runs on the
 * event loop; the journal fsync does not (acknowledgements are sent when it completes).
 */
package io.edgepublisher.intake.broker;
