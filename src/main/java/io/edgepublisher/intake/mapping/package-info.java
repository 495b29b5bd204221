/**
 * Message → row mapping of the message client (INTAKE.md §3).
 *
 * <p>Entry points: {@link io.edgepublisher.intake.mapping.TopicMapping#compile} validates one
 * {@code topic = (…)} ({@link io.edgepublisher.intake.mapping.TopicSpec}, registration errors 124);
 * {@link io.edgepublisher.intake.mapping.PayloadMapper#map} turns an MQTT payload or a REST POST body into
 * {@link io.edgepublisher.intake.mapping.PayloadResult}: per-message outcomes and the rows per buffer key, ready for
 * {@code StreamingBuffers.appendAsync}. {@link io.edgepublisher.intake.mapping.ErrorBuffer} names the
 * {@code log_error} buffer.
 */
package io.edgepublisher.intake.mapping;
