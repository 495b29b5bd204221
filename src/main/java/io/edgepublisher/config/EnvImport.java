package io.edgepublisher.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Imports the configuration into the node dictionary under AnyLog's names (CONFIG.md §2, §5.3): current and legacy
 * ENV names, defaults, the seed's duplicate key names, the checks that stop the boot (§2.11) and the warnings for
 * values the boolean rule does not know or features that are not supported.
 */
public final class EnvImport {
    private final Settings s;
    private final Dictionary d;
    private final List<String> warnings = new ArrayList<>();

    private EnvImport(Settings settings, Dictionary dictionary) {
        this.s = settings;
        this.d = dictionary;
    }

    /** Fills the dictionary; returns the warnings to log. Throws {@link ConfigException} for fatal settings. */
    public static List<String> apply(Settings settings, Dictionary dictionary, String hostname) {
        EnvImport imp = new EnvImport(settings, dictionary);
        imp.run(hostname);
        return imp.warnings;
    }

    private void run(String hostname) {
        identity(hostname);
        network(hostname);
        ports();
        database();
        ledger();
        publisher();
        streaming();
        mqtt();
        scriptsAndAuth();
        extensions();
        unsupportedFeatures();
    }

    private void identity(String hostname) {
        String nodeType = first("NODE_TYPE");
        if (nodeType != null && !nodeType.equals("publisher")) {
            throw new ConfigException("Edge Publisher supports only NODE_TYPE=publisher (NODE_TYPE=" + nodeType + ")");
        }
        d.put("node_type", "publisher");
        if (hostname != null) {
            d.put("hostname", hostname);
        }
        text("node_name", (hostname == null ? "edge" : hostname) + " publisher", "NODE_NAME");
        bundledText("company_name", "COMPANY_NAME");
        bundledText("loc", "LOCATION");
        bundledText("country", "COUNTRY");
        bundledText("state", "STATE");
        bundledText("city", "CITY");
        bool("is_hidden", "IS_HIDDEN");
    }

    private void network(String hostname) {
        bool("tcp_bind", "TCP_BIND");
        threads("tcp_threads", "TCP_THREADS", "TCP_THREAD_POOL");
        bool("rest_bind", "REST_BIND");
        threads("rest_threads", "REST_THREADS");
        String timeout = first("REST_TIMEOUT");
        if (timeout != null && timeout.startsWith("-") && ValueParsing.isDigits(timeout.substring(1))) {
            timeout = "0";
        }
        if (timeout == null || !ValueParsing.isDigits(timeout)) {
            String def = required("REST_TIMEOUT");
            warnings.add("REST_TIMEOUT=" + timeout + " is not an integer; using " + def);
            timeout = def;
        }
        d.put("rest_timeout", timeout);
        bool("rest_ssl", "REST_SSL");
        bool("broker_bind", "BROKER_BIND");
        threads("broker_threads", "BROKER_THREADS");

        String ip = NetworkInfo.discoverLocalIp();
        String local = first("LOCAL_IP");
        if (local != null) {
            ip = local;
        }
        String overlay = first("OVERLAY_IP");
        if (overlay != null) {
            d.put("overlay_ip", overlay);
            ip = overlay;
        }
        String nic = first("NIC_TYPE");
        if (nic != null) {
            d.put("nic_type", nic);
            String nicIp = NetworkInfo.interfaceIp(nic);
            if (nicIp == null) {
                warnings.add("NIC_TYPE=" + nic + ": no such interface with an IPv4 address; keeping " + ip);
            } else {
                ip = nicIp;
            }
        }
        d.put("ip", ip);
        text("external_ip", ip, "EXTERNAL_IP");
        boolean dns = bool("enable_dns", "ENABLE_DNS");
        String extDns = first("EXTERNAL_DNS");
        if (extDns != null) {
            d.put("external_dns", extDns);
        }
        if (dns && extDns == null) {
            throw new ConfigException("Inconsistency in network configurations: ENABLE_DNS=true needs EXTERNAL_DNS");
        }
        String localDns = first("DNS");
        String domain = first("DNS_DOMAIN");
        if (localDns != null) {
            d.put("dns", localDns);
        } else if (domain != null && hostname != null) {
            d.put("dns", hostname + "." + domain);
        }
        String policyIp = dns ? extDns : ("true".equals(d.get("tcp_bind")) ? ip : d.get("external_ip"));
        d.put("policy_ip", policyIp);
    }

    private void ports() {
        String tcp = port("anylog_server_port", "ANYLOG_SERVER_PORT");
        String rest = port("anylog_rest_port", "ANYLOG_REST_PORT");
        String broker = port("anylog_broker_port", "ANYLOG_BROKER_PORT");
        if (tcp.equals(rest) || tcp.equals(broker) || rest.equals(broker)) {
            throw new ConfigException("Invalid port: ANYLOG_SERVER_PORT, ANYLOG_REST_PORT and ANYLOG_BROKER_PORT must differ"
                + " (" + tcp + ", " + rest + ", " + (broker == null ? "unset" : broker) + ")");
        }
    }

    private void database() {
        String type = first("DB_TYPE");
        if (type == null || !type.equals("sqlite") && !type.equals("psql")) {
            throw new ConfigException("Invalid DB_TYPE '" + type + "': use sqlite or psql");
        }
        d.put("db_type", type);
        text("db_ip", null, "DB_IP");
        text("db_port", null, "DB_PORT");
        text("db_user", null, "DB_USER");
        text("db_passwd", null, "DB_PASSWD");
        bool("autocommit", "AUTOCOMMIT");
        bool("system_query", "SYSTEM_QUERY", "DEPLOY_SYSTEM_QUERY");
        String sq = first("SYSTEM_QUERY_DB");
        if (sq != null && !sq.equals("sqlite")) {
            warnings.add("SYSTEM_QUERY_DB=" + sq + " is not supported; system_query uses SQLite");
        }
        d.put("system_query_db", "sqlite");
        bool("memory", "MEMORY");
    }

    private void ledger() {
        // set to the empty string: a local-only ledger; the default names this node's own IP as ${ip}
        String conn = Settings.clean(s.raw("LEDGER_CONN"));
        if (conn == null) {
            d.remove("ledger_conn");
            d.remove("master_node");
        } else {
            conn = conn.replace("${ip}", d.get("ip"));
            d.put("ledger_conn", conn);
            d.put("master_node", conn);
        }
        String sync = first("BLOCKCHAIN_SYNC", "SYNC_TIME");
        String norm = ValueParsing.time(sync);
        if (norm == null) {
            String def = ValueParsing.time(defaultOf("BLOCKCHAIN_SYNC"));
            warnings.add("BLOCKCHAIN_SYNC=" + sync + " is not '<n> <unit>'; using " + def);
            norm = def;
        }
        d.put("blockchain_sync", norm);
        d.put("sync_time", norm);
        String source = first("BLOCKCHAIN_SOURCE");
        if (source != null && !source.equals("master")) {
            throw new ConfigException("Only BLOCKCHAIN_SOURCE=master is supported (BLOCKCHAIN_SOURCE=" + source + ")");
        }
        d.put("blockchain_source", "master");
        String dest = first("BLOCKCHAIN_DESTINATION", "DESTINATION");
        if (dest != null && !dest.equals("file")) {
            throw new ConfigException("Only BLOCKCHAIN_DESTINATION=file is supported (value " + dest + ")");
        }
        d.put("blockchain_destination", "file");
    }

    private void publisher() {
        boolean compressFile = bool("compress_file", "COMPRESS_FILE", "PUBLISHER_COMPRESS_FILE", "COMPRESS_JSON");
        bool("publisher_compress_file", compressFile, "PUBLISHER_COMPRESS_FILE");
        bool("move_json", "MOVE_JSON");
        bool("archive", "ARCHIVE");
        bool("archive_sql", "ARCHIVE_SQL");
        integer("archive_delete", "ARCHIVE_DELETE");
        bundledText("dbms_file_location", "DBMS_FILE_LOCATION");
        bundledText("table_file_location", "TABLE_FILE_LOCATION");
        String wi = first("WRITE_IMMEDIATE");
        if (wi != null) {
            d.put("write_immediate", wi);
            if (ValueParsing.bool(wi, false)) {
                warnings.add("WRITE_IMMEDIATE=true is ignored: a publisher always runs with write_immediate=false");
            }
        }
    }

    private void streaming() {
        time("threshold_time", null, "THRESHOLD_TIME");
        storage("threshold_volume", "THRESHOLD_VOLUME");
    }

    private void mqtt() {
        boolean enabled = bool("enable_mqtt", "ENABLE_MQTT", "MQTT_ENABLE");
        String broker = first("MQTT_BROKER", "BROKER");
        if (enabled && broker == null) {
            throw new ConfigException("Missing MQTT_BROKER: ENABLE_MQTT=true needs a broker");
        }
        both(broker, "mqtt_broker", "broker");
        both(required("MQTT_PORT", first("MQTT_PORT")), "mqtt_port", "port");
        text("mqtt_user", null, "MQTT_USER");
        text("mqtt_passwd", null, "MQTT_PASSWD");
        boolean log = ValueParsing.bool(first("MQTT_LOG"), ValueParsing.bool(required("MQTT_LOG"), false));
        both(Boolean.toString(log), "msg_log", "mqtt_log");
        both(required("MSG_TOPIC", first("MSG_TOPIC", "MQTT_TOPIC", "MQTT_TOPIC_NAME")), "msg_topic", "mqtt_topic_name");
        String company = d.get("company_name");
        String defaultDbms = orDefault(first("DEFAULT_DBMS"), company.toLowerCase(Locale.ROOT).replace(' ', '_'));
        d.put("default_dbms", defaultDbms);
        String msgDbms = first("MSG_DBMS", "MQTT_DBMS", "MQTT_TOPIC_DBMS");
        if (msgDbms == null) {
            msgDbms = first("DEFAULT_DBMS") != null ? defaultDbms : "bring [dbms]";
        }
        both(msgDbms, "msg_dbms", "mqtt_topic_dbms");
        both(required("MSG_TABLE", first("MSG_TABLE", "MQTT_TABLE", "MQTT_TOPIC_TABLE")), "msg_table", "mqtt_topic_table");
        both(required("MSG_TIMESTAMP_COLUMN", first("MSG_TIMESTAMP_COLUMN", "MQTT_TIMESTAMP_COLUMN", "MQTT_COLUMN_TIMESTAMP")),
            "msg_timestamp_column", "mqtt_column_timestamp");
        both(required("MSG_VALUE_COLUMN", first("MSG_VALUE_COLUMN", "MQTT_VALUE_COLUMN", "MQTT_COLUMN_VALUE")),
            "msg_value_column", "mqtt_column_value");
        both(required("MSG_VALUE_COLUMN_TYPE", first("MSG_VALUE_COLUMN_TYPE", "MQTT_VALUE_COLUMN_TYPE",
            "MQTT_COLUMN_VALUE_TYPE")), "msg_value_column_type", "mqtt_column_value_type");
    }

    private void scriptsAndAuth() {
        bool("deploy_local_script", "DEPLOY_LOCAL_SCRIPT");
        threads("query_pool", "QUERY_POOL");
        bool("rest_auth", "EP_REST_AUTH", "ENABLE_REST_AUTH");
        text("rest_user", null, "EP_REST_USER", "REST_USER", "USERNAME", "USER_NAME");
        text("rest_password", null, "EP_REST_PASSWORD", "REST_PASSWORD", "USER_PASSWORD");
        // The embedded MQTT broker's own credentials and TLS (AnyLog has no names for them); TLS uses REST's material.
        text("broker_user", null, "EP_BROKER_USER", "BROKER_USER");
        text("broker_password", null, "EP_BROKER_PASSWORD", "BROKER_PASSWORD");
        bool("broker_ssl", "EP_BROKER_SSL", "BROKER_SSL");
        if (ValueParsing.bool(first("ENABLE_AUTH"), false)) {
            warnings.add("ENABLE_AUTH=true is not supported: peers must run with node authentication off");
        }
        integer("trace_level", "TRACE_LEVEL");
        bool("enable_traceback", "ENABLE_TRACEBACK", "DEBUG_MODE");
        bool("disable_cli", "DISABLE_CLI");
    }

    private void extensions() {
        text("boot_script", null, "EP_BOOT_SCRIPT");
        text("routes_dir", null, "EP_ROUTES_DIR");
        text("data_distribution", null, "EP_DATA_DISTRIBUTION");
        bool("compress_transit", "EP_COMPRESS_TRANSIT");
        time("no_route_timeout", null, "EP_NO_ROUTE_TIMEOUT");
        time("retry_min", null, "EP_RETRY_MIN");
        time("retry_max", null, "EP_RETRY_MAX");
        integer("retry_limit", "EP_RETRY_LIMIT");
        time("ack_wait", null, "EP_ACK_WAIT");
        threads("publisher_threads", "EP_PUBLISHER_THREADS");
        integer("msg_qos", "EP_MSG_QOS");
        text("rest_keystore", null, "EP_REST_KEYSTORE");
        text("rest_keystore_password", null, "EP_REST_KEYSTORE_PASSWORD");
        text("rest_ca_org", null, "EP_REST_CA_ORG");
        text("rest_server_org", null, "EP_REST_SERVER_ORG");
        text("tcp_allow", null, "EP_TCP_ALLOW");
        // TCP server limits: an idle gap that drops a connection (PROTOCOL.md §8.1) and the largest message (a reply)
        // held in memory from a peer; large commands stay within the protocol's 1 MiB whatever this says.
        time("tcp_idle_timeout", null, "EP_TCP_IDLE_TIMEOUT");
        storage("tcp_max_message", "EP_TCP_MAX_MESSAGE");
        storage("rest_max_body", "EP_REST_MAX_BODY");
        // What data/error may hold; beyond it the oldest files go (0 = no limit).
        integer("err_dir_max_files", "EP_ERR_DIR_MAX_FILES");
        storage("err_dir_max_size", "EP_ERR_DIR_MAX_SIZE");
        minFreeSpace();
        if (bool("tcp_open", "EP_TCP_OPEN")) {
            warnings.add("EP_TCP_OPEN=true: peers may run ANY command on this node (EdgeLake behaviour)");
        }
        String newTables = required("EP_NEW_TABLE_CLUSTER", first("EP_NEW_TABLE_CLUSTER")).trim().toLowerCase(Locale.ROOT);
        if (!newTables.equals("wait") && !newTables.equals("auto")) {
            throw new ConfigException("Invalid EP_NEW_TABLE_CLUSTER '" + first("EP_NEW_TABLE_CLUSTER")
                + "': use wait (files of a table no cluster lists wait for a route) or auto (assign it to a cluster)");
        }
        d.put("new_table_cluster", newTables);
        String sync = required("EP_JOURNAL_SYNC", first("EP_JOURNAL_SYNC"));
        if (!sync.equals("always") && !sync.equals("none") && !sync.matches("group:\\d+")) {
            throw new ConfigException("Invalid EP_JOURNAL_SYNC '" + sync + "': use always, group:<ms> or none");
        }
        d.put("journal_sync", sync);
    }

    private static final String[] FEATURE_SWITCHES = {
        "ENABLE_HA", "ENABLE_PARTITIONS", "NOSQL_ENABLE", "ENABLE_AGGREGATIONS", "ENABLE_VIDEO_STREAMING",
        "ENABLE_DETECTIONS", "ENABLE_OPCUA", "NODE_MONITORING", "STORE_MONITORING", "SYSLOG_MONITORING",
        "DOCKER_MONITORING", "ENABLE_MCP", "POLICY_BASED_NETWORKING", "ENABLE_NEBULA", "ENABLE_REMOTE_GUI",
    };

    private void unsupportedFeatures() {
        for (String f : FEATURE_SWITCHES) {
            if (ValueParsing.bool(first(f), false)) {
                warnings.add(f + "=true is not supported by Edge Publisher and is ignored");
            }
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    /**
     * The value of the first of {@code names} that the operator set (working-directory file, ENV, argument), else the
     * first bundled default among them: a default of the current name does not hide a legacy name that is set.
     */
    private String first(String... names) {
        for (String n : names) {
            String v = s.get(n);
            if (v != null && !s.isDefault(n)) {
                return v;
            }
        }
        for (String n : names) {
            String v = s.get(n);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** The bundled default of a setting (application.properties), or null when it has none. */
    private static String defaultOf(String name) {
        return Defaults.get(name);
    }

    /**
     * The bundled default of {@code name}; a setting read through this has no default in Java, so one missing from
     * application.properties is a packaging error, said at the first boot.
     */
    private static String required(String name) {
        String def = defaultOf(name);
        if (def == null) {
            throw new ConfigException("The bundled application.properties has no default for " + name);
        }
        return def;
    }

    /** {@code v}, or the bundled default of {@code name} when {@code v} is null. */
    private static String required(String name, String v) {
        return v != null ? v : required(name);
    }

    /** A text setting whose default is the bundled one of {@code names[0]}. */
    private void bundledText(String key, String... names) {
        d.put(key, required(names[0], first(names)));
    }

    /** A boolean setting whose default is the bundled one of {@code names[0]}. */
    private boolean bool(String key, String... names) {
        return bool(key, ValueParsing.bool(required(names[0]), false), names);
    }

    /** A thread count whose default is the bundled one of {@code names[0]}. */
    private void threads(String key, String... names) {
        threads(key, Integer.parseInt(required(names[0])), names);
    }

    /** An integer setting whose default is the bundled one of {@code names[0]}. */
    private void integer(String key, String... names) {
        integer(key, Integer.parseInt(required(names[0])), names);
    }

    /** A size setting whose default is the bundled one of {@code name}. */
    private void storage(String key, String name) {
        storage(key, required(name), name);
    }

    private static String orDefault(String v, String def) {
        return v == null ? def : v;
    }

    private void text(String key, String def, String... names) {
        String v = orDefault(first(names), def);
        if (v != null) {
            d.put(key, v);
        }
    }

    private void both(String value, String... keys) {
        if (value == null) {
            return;
        }
        for (String k : keys) {
            d.put(k, value);
        }
    }

    private boolean bool(String key, boolean def, String... names) {
        String v = first(names);
        if (v != null && !ValueParsing.isBoolSpelling(v)) {
            warnings.add(names[0] + "=" + v + " is not true/false; keeping the default " + def);
        }
        boolean b = ValueParsing.bool(v, def);
        d.put(key, Boolean.toString(b));
        return b;
    }

    private void threads(String key, int def, String... names) {
        String v = first(names);
        int n = def;
        if (v != null) {
            if (ValueParsing.isDigits(v)) {
                n = Math.max(1, Integer.parseInt(v));
            } else if (v.startsWith("-") && ValueParsing.isDigits(v.substring(1))) {
                n = 1;
            } else {
                warnings.add(names[0] + "=" + v + " is not an integer; using " + def);
            }
        }
        d.put(key, Integer.toString(n));
    }

    private void integer(String key, int def, String... names) {
        String v = first(names);
        if (v != null && !ValueParsing.isDigits(v)) {
            warnings.add(names[0] + "=" + v + " is not an integer; using " + def);
            v = null;
        }
        d.put(key, v == null ? Integer.toString(def) : v);
    }

    /** {@code def} null: the bundled default of {@code name} (application.properties). */
    private void time(String key, String def, String name) {
        if (def == null) {
            def = ValueParsing.time(defaultOf(name));
        }
        String v = first(name);
        String norm = v == null ? def : ValueParsing.time(v);
        if (norm == null) {
            warnings.add(name + "=" + v + " is not '<n> <unit>'; using " + def);
            norm = def;
        }
        d.put(key, norm);
    }

    /**
     * {@code EP_MIN_FREE_SPACE}: intake is refused while a file system the node writes data to has less free space: a
     * size ({@code 64MB}), a share of the file system ({@code 5%}) or {@code 0}. Unset: the node's default (64 MiB or
     * 5 %, whichever is smaller), so the key stays undefined.
     */
    private void minFreeSpace() {
        String v = first("EP_MIN_FREE_SPACE");
        if (v == null) {
            return;
        }
        boolean percent = v.matches("(\\d{1,2}|100) *%");
        if (!percent && Units.parseStorageBytes(v) < 0) {
            warnings.add("EP_MIN_FREE_SPACE=" + v + " is neither a size (64MB) nor a share (5%); using the default,"
                + " 64MB or 5% of the file system, whichever is smaller");
            return;
        }
        d.put("min_free_space", percent ? v.replace(" ", "") : v);
    }

    private void storage(String key, String def, String name) {
        String v = first(name);
        if (v != null && Units.parseStorageBytes(v) < 0) {
            warnings.add(name + "=" + v + " is not a size; using " + def);
            v = null;
        }
        d.put(key, v == null ? def : v);
    }

    /** The default, if any, is the bundled application.properties' value of {@code name}. */
    private String port(String key, String name) {
        String v = first(name);
        if (v == null) {
            return null;
        }
        if (!ValueParsing.isDigits(v) || v.length() > 5 || Integer.parseInt(v) < 1 || Integer.parseInt(v) > 65535) {
            throw new ConfigException("Invalid port: " + name + "=" + v);
        }
        d.put(key, v);
        return v;
    }
}
