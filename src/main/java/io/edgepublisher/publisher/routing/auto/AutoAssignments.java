package io.edgepublisher.publisher.routing.auto;

import io.edgepublisher.ledger.routing.RouteResult;
import io.edgepublisher.ledger.routing.RoutingIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code new_table_cluster = auto} (issue 16): a table that no cluster lists is assigned to one root cluster and its
 * files go to that cluster's operators, until the ledger lists the table (normally the child cluster policy an
 * operator declares when it ingests the table's first file); from then on the metadata routes it and the assignment
 * is kept only as a record ("metadata took over").
 *
 * <p>The choice is {@link Rendezvous} hashing of {@code dbms.table} over the candidate clusters
 * ({@link AutoCandidates}), skipping clusters whose operators are all in delivery cooldown, so that publishers that
 * see the same ledger pick the same cluster. The choice is pinned (in {@code !state_dir/auto-clusters.json}) and kept
 * as long as its cluster remains a candidate, whatever clusters are added; when it stops being one (policy removed,
 * no longer active, no active operator left) the table alone moves to the best remaining candidate. A pinned cluster
 * whose operators are all in cooldown makes the file wait rather than move: a short outage must not split a table
 * over clusters.
 *
 * <p>The caller asks only after the user hook, {@code set data distribution} and the metadata had no route for the
 * file (PUBLISHER.md §4.1); {@link #route} re-checks the metadata itself, so it never routes a table the ledger lists.
 * Lives as long as the node. Thread-safe; pins change once per new table, so saving under the lock is cheap.
 */
public final class AutoAssignments {
    private static final Logger LOG = LoggerFactory.getLogger(AutoAssignments.class);

    private final AutoPinFile file;
    private final Map<String, AutoAssignment> pins = new LinkedHashMap<>();
    private final Map<String, Long> files = new HashMap<>();
    private long delivered;
    private boolean dirty;
    private boolean saveFailing;
    private final Map<String, String> candidateStates = new HashMap<>();

    /** @param stateFile {@code !state_dir/auto-clusters.json}, or null to keep the assignments in memory only */
    public AutoAssignments(Path stateFile) {
        this.file = stateFile == null ? null : new AutoPinFile(stateFile);
    }

    /** Assignments kept in {@code <stateDir>/auto-clusters.json}. */
    public static AutoAssignments inStateDir(Path stateDir) {
        return new AutoAssignments(stateDir.resolve(AutoPinFile.NAME));
    }

    /**
     * Boot: restores the saved assignments. A damaged file is logged, moved aside to {@code <name>.damaged} and the
     * node starts without assignments (tables are assigned afresh; rendezvous hashing picks the same clusters as
     * long as the candidates are the same).
     */
    public synchronized void load() {
        if (file == null) {
            return;
        }
        try {
            List<AutoAssignment> saved = file.load();
            pins.clear();
            for (AutoAssignment a : saved) {
                pins.put(Rendezvous.tableKey(a.dbms(), a.table()), a);
            }
            if (!saved.isEmpty()) {
                LOG.info("Restored {} automatic cluster assignments from {}", saved.size(), file.path());
            }
        } catch (IOException e) {
            Path aside = file.path().resolveSibling(file.path().getFileName() + ".damaged");
            String where;
            try {
                Files.move(file.path(), aside, StandardCopyOption.REPLACE_EXISTING);
                where = "moved to " + aside;
            } catch (IOException moveFailure) {
                where = "left in place (" + moveFailure.getMessage() + ") and replaced at the next assignment";
            }
            LOG.error("Automatic cluster assignments in {} not restored: {}; the file was {}. New tables are assigned"
                + " afresh", file.path(), e.getMessage(), where);
        }
    }

    /**
     * The automatic route of a file of (dbms, table), for a table the ledger does not list.
     *
     * @param index      the routing index the caller's metadata decision used
     * @param company    the {@code company} option and the node's company
     * @param inCooldown true for an {@code ip:port} in delivery cooldown (PUBLISHER.md §5.5)
     * @param now        the time recorded for a new assignment or a takeover
     * @return empty when the metadata lists the table (its pin, if any, is dropped: metadata took over) or no
     *         cluster is a candidate (a pin is then kept: there is nowhere to move); else the route
     */
    public synchronized Optional<AutoRoute> route(RoutingIndex index, String dbms, String table, AutoCompany company,
                                                  Predicate<String> inCooldown, Instant now) {
        String key = Rendezvous.tableKey(dbms, table);
        if (listedByMetadata(index, company, dbms, table)) {
            takeOver(key, index, company, now);
            saveIfDirty();
            return Optional.empty();
        }
        AutoCandidates candidates = AutoCandidates.of(index, company.forCandidates());
        noteCandidates(candidates);
        AutoAssignment pin = active(key);
        if (pin != null) {
            RoutingIndex.Cluster pinned = candidates.find(pin.clusterId());
            if (pinned != null) {
                saveIfDirty();
                return Optional.of(new AutoRoute(index.nextOperator(pinned.id(), inCooldown), pinned.id(),
                    pinned.name(), candidates.allCompanies()));
            }
        }
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        Set<String> waiting = new LinkedHashSet<>();
        for (String id : Rendezvous.ranking(candidates.ids(), dbms, table)) {
            RouteResult r = index.nextOperator(id, inCooldown);
            if (r instanceof RouteResult.Routed) {
                RoutingIndex.Cluster chosen = candidates.find(id);
                assign(key, dbms, table, chosen, pin, candidates.allCompanies(), now);
                return Optional.of(new AutoRoute(r, chosen.id(), chosen.name(), candidates.allCompanies()));
            }
            if (r instanceof RouteResult.AllInCooldown w) {
                waiting.addAll(w.candidates());
            }
        }
        return Optional.of(new AutoRoute(new RouteResult.AllInCooldown(Collections.unmodifiableSet(waiting)),
            null, null, candidates.allCompanies()));
    }

    /**
     * After a ledger change: drops the pin of every table the metadata lists now (metadata took over). Moving pins
     * whose cluster stopped being a candidate is left to the next {@link #route} of the table, which knows the
     * cooldowns.
     */
    public synchronized void refresh(RoutingIndex index, AutoCompany company, Instant now) {
        for (Map.Entry<String, AutoAssignment> e : new ArrayList<>(pins.entrySet())) {
            AutoAssignment a = e.getValue();
            if (a.takenOver() == null && listedByMetadata(index, company, a.dbms(), a.table())) {
                takeOver(e.getKey(), index, company, now);
            }
        }
        saveIfDirty();
    }

    /**
     * The operator addresses of the table's assigned cluster (for releasing a file pinned to an operator that is no
     * longer one of them, PUBLISHER.md §5.3); empty when the table has no active assignment.
     */
    public synchronized Set<String> destinations(RoutingIndex index, String dbms, String table) {
        AutoAssignment pin = active(Rendezvous.tableKey(dbms, table));
        Set<String> out = new LinkedHashSet<>();
        if (pin != null) {
            index.operators(pin.clusterId()).forEach(o -> out.add(o.address()));
        }
        return out;
    }

    /** The table's assignment (active or taken over), if it has one. */
    public synchronized Optional<AutoAssignment> assignment(String dbms, String table) {
        String key = Rendezvous.tableKey(dbms, table);
        AutoAssignment a = pins.get(key);
        return a == null ? Optional.empty() : Optional.of(a.withFiles(files.getOrDefault(key, 0L)));
    }

    /** Counts a file accepted by an operator after an automatic route (the metric of issue 16). */
    public synchronized void delivered(String dbms, String table) {
        delivered++;
        String key = Rendezvous.tableKey(dbms, table);
        if (pins.containsKey(key)) {
            files.merge(key, 1L, Long::sum);
        }
    }

    /** Files delivered by automatic assignment since the node started. */
    public synchronized long deliveredFiles() {
        return delivered;
    }

    /** Every assignment, active and taken over, by dbms then table, with its files since the node started. */
    public synchronized List<AutoAssignment> assignments() {
        List<AutoAssignment> out = new ArrayList<>();
        pins.forEach((k, a) -> out.add(a.withFiles(files.getOrDefault(k, 0L))));
        out.sort(Comparator.comparing(AutoAssignment::dbms).thenComparing(AutoAssignment::table));
        return out;
    }

    /** Whether the metadata routes the table: some cluster lists it for the company the metadata would use. */
    static boolean listedByMetadata(RoutingIndex index, AutoCompany company, String dbms, String table) {
        String c = index.companyOf(company.option(), dbms);
        return c != null && !index.clusters(c, dbms, table).isEmpty();
    }

    private AutoAssignment active(String key) {
        AutoAssignment a = pins.get(key);
        return a == null || a.takenOver() != null ? null : a;
    }

    private void assign(String key, String dbms, String table, RoutingIndex.Cluster c, AutoAssignment previous,
                        boolean allCompanies, Instant now) {
        AutoAssignment next = new AutoAssignment(dbms.toLowerCase(Locale.ROOT), table.toLowerCase(Locale.ROOT),
            c.id(), c.name(), c.company(), now, null, 0);
        pins.put(key, next);
        files.remove(key);
        dirty = true;
        saveIfDirty();
        if (previous == null) {
            LOG.info("Table {}: no cluster lists it; automatically assigned to cluster {} ({}) of company '{}'{}", key,
                c.name(), c.id(), c.company(), allCompanies ? " (taken from every company's clusters)" : "");
        } else {
            LOG.warn("Table {}: its cluster {} ({}) is no longer a candidate (removed, not active, or without an"
                + " active operator); the table moves to cluster {} ({}) of company '{}'", key,
                previous.clusterName(), previous.clusterId(), c.name(), c.id(), c.company());
        }
    }

    private void takeOver(String key, RoutingIndex index, AutoCompany company, Instant now) {
        AutoAssignment pin = active(key);
        if (pin == null) {
            return;
        }
        pins.put(key, pin.withTakenOver(now));
        dirty = true;
        LOG.info("Table {}: the ledger lists it now (clusters {}); metadata routing takes over from the automatic"
            + " assignment to cluster {} ({})", key,
            index.clusters(index.companyOf(company.option(), pin.dbms()), pin.dbms(), pin.table()),
            pin.clusterName(), pin.clusterId());
    }

    /** Logs when the kind of a company's candidates changes: its own clusters, every company's, or none. */
    private void noteCandidates(AutoCandidates c) {
        String state = c.isEmpty() ? "none" : c.allCompanies() ? "all" : "own";
        String previous = candidateStates.put(String.valueOf(c.company()).toLowerCase(Locale.ROOT), state);
        if (state.equals(previous)) {
            return;
        }
        boolean first = previous == null;
        if (c.isEmpty()) {
            LOG.info("No root cluster with an active operator in the ledger: new tables wait for a route");
        } else if (c.allCompanies()) {
            LOG.warn("Company '{}' has no root cluster with an active operator: new tables are assigned among the root"
                + " clusters of every company ({})", c.company(), names(c));
        } else if (!first) {
            LOG.info("New tables are assigned among the root clusters of company '{}' ({})", c.company(), names(c));
        }
    }

    private static String names(AutoCandidates c) {
        List<String> out = new ArrayList<>();
        c.clusters().forEach(k -> out.add(k.name() + " of '" + k.company() + "'"));
        return String.join(", ", out);
    }

    private void saveIfDirty() {
        if (!dirty || file == null) {
            dirty = false;
            return;
        }
        try {
            file.save(new ArrayList<>(pins.values()));
            dirty = false;
            if (saveFailing) {
                saveFailing = false;
                LOG.info("Automatic cluster assignments saved to {} again", file.path());
            }
        } catch (IOException | RuntimeException e) {
            if (!saveFailing) {
                saveFailing = true;
                LOG.error("Automatic cluster assignments not saved to {}: {}; they hold until the node stops and the"
                    + " next change tries again", file.path(), e.toString());
            }
        }
    }
}
