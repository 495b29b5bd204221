/**
 * REST data ingestion (REST.md §6–7): {@link io.edgepublisher.intake.rest.RestDataIngest} is the node's
 * {@code rest.DataIngest} service (PUT file/streaming, POST {@code command: data}); it replies only after durability.
 */
package io.edgepublisher.intake.rest;
