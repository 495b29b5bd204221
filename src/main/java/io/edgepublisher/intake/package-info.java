/**
 * REST PUT data intake (REST.md §6): {@link io.edgepublisher.intake.PutRequest#of} validates the headers,
 * {@link io.edgepublisher.intake.PutBodyParser#parse} turns the body into rows. Message mapping is in
 * {@link io.edgepublisher.intake.mapping}.
 */
package io.edgepublisher.intake;
