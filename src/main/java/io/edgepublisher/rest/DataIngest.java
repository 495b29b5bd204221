package io.edgepublisher.rest;

/**
 * Data ingestion over REST (REST.md §6–7), provided by the intake capability. Both calls return only after the
 * data is on stable storage, so the 200 they lead to is a durable acknowledgement.
 */
public interface DataIngest {
    /** PUT with {@code type}, {@code dbms}, {@code table}, {@code mode} … headers. */
    RestResponse put(RestRequest request);

    /** POST with {@code command: data}, for a {@code broker = rest} message client. */
    RestResponse postData(RestRequest request, String userAgentProduct);
}
