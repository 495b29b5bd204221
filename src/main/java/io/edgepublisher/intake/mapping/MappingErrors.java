package io.edgepublisher.intake.mapping;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;

/**
 * The 124 "Error with info provided to MQTT" details of INTAKE.md §3 (registration §3.9, messages §3.4–3.5, §3.10),
 * in one place so that the command layer, the routes and the tests use the same texts.
 */
public final class MappingErrors {
    public static final String MISSING_DBMS = "Missing mapping instruction for DBMS";
    public static final String MISSING_TABLE = "Missing mapping instructions for table";
    public static final String MISSING_TOPIC = "Missing mapping instructions for message in topic";
    public static final String WRONG_COLUMN_TYPE = "Wrong column type in MQTT mapping";
    public static final String BROKER_NOT_RUNNING = "Message broker is not running";
    public static final String NOT_JSON = "MQTT message not in JSON format";
    /**
     * Our text for a Kafka record that is not JSON ({@code get kafka consumer}, the error buffer). EdgeLake hands Kafka
     * records to its MQTT code and reports {@link #NOT_JSON} for them too.
     */
    public static final String KAFKA_NOT_JSON = "Kafka record not in JSON format";
    public static final String NO_DBMS_NAME = "MQTT: Failed to retrieve DBMS name from message";
    public static final String NO_TABLE_NAME = "MQTT: Failed to retrieve Table name from message";

    private MappingErrors() {
    }

    /** {@code Failed to pull info from message for column '<name>'. Add: 'optional = true'}. */
    public static String missingColumn(String column) {
        return "Failed to pull info from message for column '" + column + "'. Add: 'optional = true'";
    }

    /** {@code The Topic '<t>' was subscribed by client #<n>}. */
    public static CommandException topicTaken(String topic, int clientId) {
        return error("The Topic '" + topic + "' was subscribed by client #" + clientId);
    }

    public static CommandException brokerNotRunning() {
        return error(BROKER_NOT_RUNNING);
    }

    /** A 124 registration error with this detail (for the command layer). */
    public static CommandException topicError(String detail) {
        return error(detail);
    }

    static CommandException error(String detail) {
        return new CommandException(ErrorCode.MQTT_INFO, detail);
    }
}
