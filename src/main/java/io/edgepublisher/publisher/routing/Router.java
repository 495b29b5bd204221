package io.edgepublisher.publisher.routing;

import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.ledger.Metadata;
import io.edgepublisher.ledger.routing.RouteResult;
import io.edgepublisher.publisher.routing.auto.AutoAssignments;
import io.edgepublisher.publisher.routing.auto.AutoCompany;
import io.edgepublisher.publisher.routing.auto.AutoRoute;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * PUBLISHER.md §4.1, preceded by a user route's choice when there is one (the route on
 * {@code direct:publisher-destination}, asked by the {@code publisher} route before this decision):
 * {@code set data distribution} entries (first existing key of {@code dbms.table}, {@code dbms.*}, {@code *.*}
 * decides), then the metadata (consulted afresh for every decision), then, with {@code new_table_cluster = auto} and
 * a table that no cluster lists, its automatic cluster ({@link AutoAssignments}), then no route.
 */
public final class Router {
    private final DistributionTable distribution;
    private final Supplier<Metadata> metadata;
    private final String company;
    private final Cooldowns cooldowns;
    private final BooleanSupplier booting;
    private final AutoAssignments auto;
    private final AutoCompany autoCompany;

    /**
     * @param metadata the node's metadata service, looked up per decision (it may appear after the publisher started)
     * @param company  the {@code company} option, or null to use the dbms' company from the ledger
     * @param booting  true while the node boots and the user routes are not loaded yet: decisions are held back, so
     *                 that a backlog found at start is not routed around the user's route
     */
    public Router(DistributionTable distribution, Supplier<Metadata> metadata, String company, Cooldowns cooldowns,
                  BooleanSupplier booting) {
        this(distribution, metadata, company, cooldowns, booting, null, null);
    }

    /**
     * @param auto        the node's automatic assignments when {@code new_table_cluster = auto}, else null (AnyLog's
     *                    wait)
     * @param nodeCompany this node's company ({@code !company_name}), whose root clusters are the candidates unless
     *                    the {@code company} option is given
     */
    public Router(DistributionTable distribution, Supplier<Metadata> metadata, String company, Cooldowns cooldowns,
                  BooleanSupplier booting, AutoAssignments auto, String nodeCompany) {
        this.distribution = distribution;
        this.metadata = metadata;
        this.company = company;
        this.cooldowns = cooldowns;
        this.booting = booting;
        this.auto = auto;
        this.autoCompany = new AutoCompany(company, nodeCompany);
    }

    public Router(DistributionTable distribution, Supplier<Metadata> metadata, String company, Cooldowns cooldowns) {
        this(distribution, metadata, company, cooldowns, () -> false);
    }

    /** How long a decision is held back while the user routes are not loaded yet (boot). */
    static final long BOOT_WAIT_MILLIS = 200;

    public RouteDecision route(String dbms, String table, long now) {
        return route(dbms, table, null, now);
    }

    /** @param chosen the user route's choice ({@code ip:port}), or null */
    public RouteDecision route(String dbms, String table, String chosen, long now) {
        if (booting.getAsBoolean()) {
            return new RouteDecision.Wait(now + BOOT_WAIT_MILLIS);
        }
        if (chosen != null) {
            return cooldowns.inCooldown(chosen, now)
                ? new RouteDecision.Wait(cooldowns.earliestEnd(java.util.List.of(chosen), now))
                : new RouteDecision.Routed(chosen, null);
        }
        DistributionTable.Entry e = distribution.lookup(dbms, table);
        if (e != null) {
            String dest = distribution.next(e, d -> cooldowns.inCooldown(d, now));
            if (dest != null) {
                return new RouteDecision.Routed(dest, e.key());
            }
            return new RouteDecision.Wait(cooldowns.earliestEnd(e.dests(), now));
        }
        Metadata m = metadata.get();
        if (m == null) {
            return new RouteDecision.NoRoute(ErrorCode.MISSING_OPERATORS,
                "no distribution entry for " + dbms + "." + table + " and no metadata");
        }
        RouteResult r = m.nextDestination(company, dbms, table, d -> cooldowns.inCooldown(d, now));
        if (r instanceof RouteResult.Routed routed) {
            return new RouteDecision.Routed(routed.destination(), null);
        }
        if (r instanceof RouteResult.NoRoute nr) {
            if (auto != null && nr.code() == ErrorCode.MISSING_OPERATORS) {
                return automatic(m, dbms, table, now, nr);
            }
            return new RouteDecision.NoRoute(nr.code(), nr.detail());
        }
        return new RouteDecision.Wait(cooldowns.earliestEnd(((RouteResult.AllInCooldown) r).candidates(), now));
    }

    /**
     * {@code new_table_cluster = auto} for a table no cluster lists (73): its automatic cluster's next operator. A
     * table listed in clusters without an operator (203) is not reassigned: that is the ledger's decision.
     */
    private RouteDecision automatic(Metadata m, String dbms, String table, long now, RouteResult.NoRoute metadataSaid) {
        Optional<AutoRoute> a = auto.route(m.index(), dbms, table, autoCompany, d -> cooldowns.inCooldown(d, now),
            Instant.ofEpochMilli(now));
        if (a.isEmpty()) {
            return new RouteDecision.NoRoute(metadataSaid.code(), metadataSaid.detail()
                + "; no root cluster with an active operator to assign it to");
        }
        RouteResult r = a.get().result();
        if (r instanceof RouteResult.Routed routed) {
            return new RouteDecision.Routed(routed.destination(), null, a.get().clusterName());
        }
        if (r instanceof RouteResult.AllInCooldown w) {
            return new RouteDecision.Wait(cooldowns.earliestEnd(w.candidates(), now));
        }
        RouteResult.NoRoute nr = (RouteResult.NoRoute) r;
        return new RouteDecision.NoRoute(nr.code(), nr.detail());
    }

    /**
     * The automatic cluster a file pinned to {@code dest} still goes to (for its {@code tsd_info} status and the
     * count of automatically routed files), or null: no automatic assignment in force, or {@code dest} is not one of
     * its operators.
     */
    public String autoCluster(String dbms, String table, String dest) {
        Metadata m = auto == null ? null : metadata.get();
        if (m == null) {
            return null;
        }
        return auto.assignment(dbms, table)
            .filter(a -> !a.metadataTookOver() && auto.destinations(m.index(), dbms, table).contains(dest))
            .map(a -> a.clusterName()).orElse(null);
    }

    /** A file routed by its automatic cluster was accepted (the count of issue 16). */
    public void autoDelivered(String dbms, String table) {
        if (auto != null) {
            auto.delivered(dbms, table);
        }
    }

    /** After a ledger change: tables the ledger lists now are handed to the metadata (their pins dropped). */
    public void refreshAutomatic() {
        Metadata m = auto == null ? null : metadata.get();
        if (m != null) {
            auto.refresh(m.index(), autoCompany, Instant.now());
        }
    }

    /**
     * Every destination the file may go to now (for releasing pins, §5.3), or null when that is unknown (booting; no
     * entry, and the metadata is absent or lists no route: a pin is then kept rather than released on missing
     * knowledge).
     *
     * @param chosen the user route's choice, or null
     */
    public Set<String> candidates(String dbms, String table, String chosen) {
        if (booting.getAsBoolean()) {
            return null;
        }
        if (chosen != null) {
            return Set.of(chosen);
        }
        DistributionTable.Entry e = distribution.lookup(dbms, table);
        if (e != null) {
            return new LinkedHashSet<>(e.dests());
        }
        Metadata m = metadata.get();
        if (m == null) {
            return null;
        }
        Set<String> c = m.candidates(company, dbms, table);
        if ((c == null || c.isEmpty()) && auto != null) {
            c = auto.destinations(m.index(), dbms, table);
        }
        return c == null || c.isEmpty() ? null : c;
    }

    /** The distribution entry key that lists {@code dest} for this table, or null (counters of §4.16). */
    public String distributionKey(String dbms, String table, String dest) {
        DistributionTable.Entry e = distribution.lookup(dbms, table);
        return e != null && e.dests().contains(dest) ? e.key() : null;
    }
}
