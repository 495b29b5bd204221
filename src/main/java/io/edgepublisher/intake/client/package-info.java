/**
 * Message clients ({@code run msg client}, INTAKE.md §3): {@link io.edgepublisher.intake.client.MsgClients} numbers
 * them and keeps one subscription per topic and broker; {@link io.edgepublisher.intake.client.MessageIntake} is the
 * path every message takes (map, count, buffer, {@code log_error}) and completes when the rows are durable, which is
 * when the transport may acknowledge. Transports: external brokers in {@code mqtt}, this node's broker in
 * {@code intake.broker}, REST POST in {@code intake.rest}.
 */
package io.edgepublisher.intake.client;
