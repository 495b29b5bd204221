package io.edgepublisher.publisher;

import io.edgepublisher.config.Defaults;
import io.edgepublisher.publisher.routing.auto.NewTableCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The options of one {@code run publisher} (PUBLISHER.md §2) with every default applied, plus the node folders the
 * publisher uses. Durations are {@link Duration}s so that tests of the core can use sub-second values; the command
 * only produces whole seconds.
 */
public record PublisherConfig(
    Path watchDir, Path bkupDir, Path errDir, Path archiveDir, Path prepDir, Path tmpDir,
    boolean deleteJson, boolean deleteSql, boolean compressJson, boolean compressSql,
    boolean archiveJson, boolean archiveSql, boolean moveJson,
    String company, String masterNode, int dbmsIndex, int tableIndex, boolean compressTransit,
    Duration noRouteTimeout, Duration retryMin, Duration retryMax, int retryLimit, Duration ackWait,
    int threads, int archiveDays,
    Duration rescanInterval, Duration foreignStable, Duration dbRetry, NewTableCluster newTableCluster) {

    /** Defaults of §2 for the given folders (tests and benchmarks start from here). */
    public static PublisherConfig defaults(Path watch, Path bkup, Path err, Path archive, Path prep, Path tmp) {
        return new PublisherConfig(watch, bkup, err, archive, prep, tmp, false, false, false, false, false, false,
            true, null, null, 0, 1, false, Duration.ofSeconds(Defaults.seconds("EP_NO_ROUTE_TIMEOUT")),
            Duration.ofSeconds(Defaults.seconds("EP_RETRY_MIN")), Duration.ofSeconds(Defaults.seconds("EP_RETRY_MAX")),
            Defaults.integer("EP_RETRY_LIMIT"), Duration.ofSeconds(Defaults.seconds("EP_ACK_WAIT")),
            Defaults.integer("EP_PUBLISHER_THREADS"), 0, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(3),
            NewTableCluster.WAIT);
    }

    /** Whether delivered files of this type are deleted. */
    public boolean delete(String type) {
        return type.equals("sql") ? deleteSql : deleteJson;
    }

    public boolean archive(String type) {
        return type.equals("sql") ? archiveSql : archiveJson;
    }

    public boolean compress(String type) {
        return type.equals("sql") ? compressSql : compressJson;
    }

    /** The options in effect, in the order of §2, as shown by {@code get publisher config} (typed for JSON). */
    public Map<String, Object> options() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("watch_dir", watchDir.toString());
        m.put("bkup_dir", bkupDir.toString());
        m.put("err_dir", errDir.toString());
        m.put("delete_json", deleteJson);
        m.put("delete_sql", deleteSql);
        m.put("compress_json", compressJson);
        m.put("compress_sql", compressSql);
        m.put("archive_json", archiveJson);
        m.put("archive_sql", archiveSql);
        m.put("move_json", moveJson);
        m.put("company", company == null ? "" : company);
        m.put("master_node", masterNode == null ? "" : masterNode);
        m.put("dbms_name", "file_name[" + dbmsIndex + "]");
        m.put("table_name", "file_name[" + tableIndex + "]");
        m.put("compress_transit", compressTransit);
        m.put("no_route_timeout", seconds(noRouteTimeout));
        m.put("retry_min", seconds(retryMin));
        m.put("retry_max", seconds(retryMax));
        m.put("retry_limit", retryLimit);
        m.put("ack_wait", seconds(ackWait));
        m.put("threads", threads);
        m.put("archive_days", archiveDays);
        m.put("new_table_cluster", newTableCluster.value());
        return m;
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " seconds" : ms + " milliseconds";
    }

    public PublisherConfig withAckWait(Duration d) {
        return new PublisherConfig(watchDir, bkupDir, errDir, archiveDir, prepDir, tmpDir, deleteJson, deleteSql,
            compressJson, compressSql, archiveJson, archiveSql, moveJson, company, masterNode, dbmsIndex, tableIndex,
            compressTransit, noRouteTimeout, retryMin, retryMax, retryLimit, d, threads, archiveDays, rescanInterval,
            foreignStable, dbRetry, newTableCluster);
    }

    public PublisherConfig withRetry(Duration min, Duration max, int limit) {
        return new PublisherConfig(watchDir, bkupDir, errDir, archiveDir, prepDir, tmpDir, deleteJson, deleteSql,
            compressJson, compressSql, archiveJson, archiveSql, moveJson, company, masterNode, dbmsIndex, tableIndex,
            compressTransit, noRouteTimeout, min, max, limit, ackWait, threads, archiveDays, rescanInterval,
            foreignStable, dbRetry, newTableCluster);
    }

    public PublisherConfig withNoRouteTimeout(Duration d) {
        return new PublisherConfig(watchDir, bkupDir, errDir, archiveDir, prepDir, tmpDir, deleteJson, deleteSql,
            compressJson, compressSql, archiveJson, archiveSql, moveJson, company, masterNode, dbmsIndex, tableIndex,
            compressTransit, d, retryMin, retryMax, retryLimit, ackWait, threads, archiveDays, rescanInterval,
            foreignStable, dbRetry, newTableCluster);
    }

    public PublisherConfig withThreads(int n) {
        return new PublisherConfig(watchDir, bkupDir, errDir, archiveDir, prepDir, tmpDir, deleteJson, deleteSql,
            compressJson, compressSql, archiveJson, archiveSql, moveJson, company, masterNode, dbmsIndex, tableIndex,
            compressTransit, noRouteTimeout, retryMin, retryMax, retryLimit, ackWait, n, archiveDays, rescanInterval,
            foreignStable, dbRetry, newTableCluster);
    }

    public PublisherConfig withDisposal(boolean deleteJson, boolean archiveJson, boolean compressJson,
                                        boolean deleteSql, boolean archiveSql, boolean compressSql) {
        return new PublisherConfig(watchDir, bkupDir, errDir, archiveDir, prepDir, tmpDir, deleteJson, deleteSql,
            compressJson, compressSql, archiveJson, archiveSql, moveJson, company, masterNode, dbmsIndex, tableIndex,
            compressTransit, noRouteTimeout, retryMin, retryMax, retryLimit, ackWait, threads, archiveDays,
            rescanInterval, foreignStable, dbRetry, newTableCluster);
    }

    public PublisherConfig withNaming(int dbmsIdx, int tableIdx, boolean transit, String companyName) {
        return new PublisherConfig(watchDir, bkupDir, errDir, archiveDir, prepDir, tmpDir, deleteJson, deleteSql,
            compressJson, compressSql, archiveJson, archiveSql, moveJson, companyName, masterNode, dbmsIdx, tableIdx,
            transit, noRouteTimeout, retryMin, retryMax, retryLimit, ackWait, threads, archiveDays, rescanInterval,
            foreignStable, dbRetry, newTableCluster);
    }

    public PublisherConfig withDbRetry(Duration d) {
        return new PublisherConfig(watchDir, bkupDir, errDir, archiveDir, prepDir, tmpDir, deleteJson, deleteSql,
            compressJson, compressSql, archiveJson, archiveSql, moveJson, company, masterNode, dbmsIndex, tableIndex,
            compressTransit, noRouteTimeout, retryMin, retryMax, retryLimit, ackWait, threads, archiveDays,
            rescanInterval, foreignStable, d, newTableCluster);
    }

    public PublisherConfig withNewTableCluster(NewTableCluster mode) {
        return new PublisherConfig(watchDir, bkupDir, errDir, archiveDir, prepDir, tmpDir, deleteJson, deleteSql,
            compressJson, compressSql, archiveJson, archiveSql, moveJson, company, masterNode, dbmsIndex, tableIndex,
            compressTransit, noRouteTimeout, retryMin, retryMax, retryLimit, ackWait, threads, archiveDays,
            rescanInterval, foreignStable, dbRetry, mode);
    }
}
