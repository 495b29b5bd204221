package io.edgepublisher.command;

import java.util.HashMap;
import java.util.Map;

/**
 * EdgeLake {@code process_status} codes used by Edge Publisher (COMMANDS.md §2). The texts are EdgeLake's exact
 * texts: peers index their message tables with these codes, so no code outside EdgeLake's table may be invented.
 */
public enum ErrorCode {
    SUCCESS(0, "Success"),
    UNRECOGNIZED_COMMAND(1, "Unrecognized Command"),
    COMMAND_STRUCTURE(2, "Error Command Structure"),
    PROCESS_FAILURE(3, "Error Process Failure"),
    IO(4, "Error IO"),
    DBMS_NOT_CONNECTED(5, "Wrong DBMS Name or DBMS not connected"),
    JSON_STRUCTURE(6, "Error in JSON Structure"),
    FILE_NOT_EXISTS(12, "File does not exists"),
    NETWORK(15, "Network Error"),
    SOURCE_SERVER(21, "IP and Port of source server are not properly provided or accessible"),
    TIMEOUT(26, "Time Out"),
    WRONG_TABLE_NAME(28, "Wrong table name"),
    BLOCKCHAIN_OPERATION(30, "Blockchain operation failed"),
    MISSING_CONFIGURATION(33, "Missing configuration"),
    DIR_NOT_EXISTS(35, "Directory does not exists"),
    COMMAND_PARAMETERS(40, "Error in command parameters"),
    FILE_MOVE(44, "File move process failed"),
    FILE_WRITE(48, "File write failed"),
    DBMS_CONNECTION(49, "DBMS connection error"),
    NO_LOCAL_BLOCKCHAIN(58, "No local blockchain file"),
    EMPTY_BLOCKCHAIN(59, "Empty local blockchain file"),
    DIR_NOT_WRITEABLE(63, "Directory is not writeable"),
    COMPRESSION(65, "Compression Failed"),
    JSON_FILE(67, "Failed to analyze JSON file"),
    BLOCKCHAIN_STRUCTURE(69, "Wrong blockchain structure"),
    DUPLICATE_OBJECT_ID(70, "Duplicate blockchain object id"),
    MISSING_OPERATORS(73, "Missing Operators for a Table"),
    WATCH_DIR_NOT_DEFINED(74, "Watch Directory not defined"),
    WRONG_PATH(78, "Wrong Path"),
    CONNECTION(81, "Connection Error"),
    MISSING_DBMS_NAME(83, "Missing DBMS name"),
    DUPLICATE_JSON_FILE(86, "Duplicate JSON File"),
    POLICY_STRUCTURE(87, "Wrong policy structure"),
    DECOMPRESSION(100, "Decompression failed"),
    WRONG_DBMS_TYPE(104, "Wrong DBMS type"),
    BLOCKCHAIN_NOT_LOCAL(109, "Blockchain table not on local DBMS"),
    WRONG_FILE_TYPE(115, "Wrong file type"),
    TSD_NOT_ACCESSIBLE(117, "Data from TSD table in almgm DBMS is not accessible"),
    FILE_NAME_STRUCTURE(119, "Error with file name structure"),
    MQTT_INFO(124, "Error with info provided to MQTT"),
    HOSTNAME(133, "Failed to retrieve hostname"),
    TCP_NOT_RUNNING(135, "TCP server not running"),
    PROCESS_ACTIVE(136, "Process already active"),
    UNINITIALIZED_VARIABLE(138, "Uninitialized variable"),
    SYNC_NOT_RUNNING(150, "Blockchain synchronizer is not running"),
    DESTINATION_NODE(155, "Failed to determine destination node"),
    WRONG_HTTP_METHOD(156, "Wrong HTTP method used"),
    UNKNOWN_USER_AGENT(163, "Unknown user agent"),
    MISSING_INGEST_MAPPING(167, "Missing data ingest mapping"),
    WRONG_VALUE(175, "Wrong value assigned to a key"),
    NON_UNIQUE_POLICY(180, "Non unique policy values"),
    IF_CONDITION(181, "Failed to parse if condition"),
    OPERATOR_NOT_AVAILABLE(203, "Operator not available"),
    MISSING_DBMS_OR_TABLE(205, "Missing destination DBMS or Table "),
    CONNECTION_REFUSED(208, "Network connection to peer refused"),
    UNAUTHORIZED_COMMAND(212, "Unauthorized command"),
    LARGE_COMMAND(230, "Error large command"),
    PREP_DIR_NOT_DEFINED(231, "Prep dir not defined"),
    CONFIGURATION(235, "Configuration Error"),
    NOT_SUPPORTED(237, "Not Supported in this Version"),
    FILE_NOT_AUTHORIZED(294, "File operation not authorized");

    private static final Map<Integer, ErrorCode> BY_CODE = new HashMap<>();

    static {
        for (ErrorCode c : values()) {
            BY_CODE.put(c.code, c);
        }
    }

    private final int code;
    private final String text;

    ErrorCode(int code, String text) {
        this.code = code;
        this.text = text;
    }

    public int code() {
        return code;
    }

    public String text() {
        return text;
    }

    /** The text of a numeric code, also for codes received from peers that this enum does not name. */
    public static String textOf(int code) {
        ErrorCode c = BY_CODE.get(code);
        return c == null ? "Error code " + code : c.text;
    }

    public static ErrorCode of(int code) {
        return BY_CODE.get(code);
    }
}
