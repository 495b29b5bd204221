/**
 * REST data ingestion (REST.md §6–7): the routes {@code rest-put} (PUT file/streaming) and {@code rest-post-data}
 * (POST {@code command: data}) that {@code rest-api} calls, both through {@code direct:ingest}; they reply only after
 * durability.
 */
package io.edgepublisher.intake.rest;
