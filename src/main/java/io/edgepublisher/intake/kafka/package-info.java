/**
 * Kafka intake ({@code run kafka consumer}, docs/INTAKE.md and docs/SCALING.md): one camel-kafka route
 * {@code kafka-consumer-<n>} per consumer, in batching mode. Each poll's records go through the same topic mapping and
 * buffers as MQTT messages ({@code MessageIntake}); the offsets of a poll are committed only after every row derived
 * from it is durable in the journal (at-least-once).
 */
package io.edgepublisher.intake.kafka;
