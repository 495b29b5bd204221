/**
 * REST PUT data intake (REST.md §6): {@link io.edgepublisher.intake.PutRequest#of} validates the headers,
 * {@link io.edgepublisher.intake.PutBodyParser#parse} turns the body into rows. Message mapping is in
 * {@link io.edgepublisher.intake.mapping}.
 *
 * <p>In the running node ({@link io.edgepublisher.intake.IntakeModule}): message clients in {@code intake.client},
 * this node's MQTT broker in {@code intake.broker}, REST data in {@code intake.rest}, the Camel routes of the message
 * sources in {@code intake.route}, the commands in {@code intake.commands}.
 */
package io.edgepublisher.intake;
