package io.edgepublisher.intake.client;

/**
 * What became of one payload: how many messages it held, how many failed mapping (counted, and with
 * {@code log_error} kept in the error buffer), and the first failure's detail.
 */
public record Delivery(int messages, int failed, String firstError) {
    /** No message of the payload could be mapped (MQTT 5 reason 0x99 on this node's broker). */
    public boolean rejected() {
        return messages > 0 && failed == messages;
    }
}
