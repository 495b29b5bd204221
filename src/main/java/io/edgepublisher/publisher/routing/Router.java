package io.edgepublisher.publisher.routing;

import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.ledger.Metadata;
import io.edgepublisher.ledger.routing.RouteResult;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * PUBLISHER.md §4.1, preceded by a user route's choice when there is one (the route on
 * {@code direct:publisher-destination}, asked by the {@code publisher} route before this decision):
 * {@code set data distribution} entries (first existing key of {@code dbms.table}, {@code dbms.*}, {@code *.*}
 * decides), then the metadata (consulted afresh for every decision), then no route.
 */
public final class Router {
    private final DistributionTable distribution;
    private final Supplier<Metadata> metadata;
    private final String company;
    private final Cooldowns cooldowns;
    private final BooleanSupplier booting;

    /**
     * @param metadata the node's metadata service, looked up per decision (it may appear after the publisher started)
     * @param company  the {@code company} option, or null to use the dbms' company from the ledger
     * @param booting  true while the node boots and the user routes are not loaded yet: decisions are held back, so
     *                 that a backlog found at start is not routed around the user's route
     */
    public Router(DistributionTable distribution, Supplier<Metadata> metadata, String company, Cooldowns cooldowns,
                  BooleanSupplier booting) {
        this.distribution = distribution;
        this.metadata = metadata;
        this.company = company;
        this.cooldowns = cooldowns;
        this.booting = booting;
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
            return new RouteDecision.NoRoute(nr.code(), nr.detail());
        }
        return new RouteDecision.Wait(cooldowns.earliestEnd(((RouteResult.AllInCooldown) r).candidates(), now));
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
        return c == null || c.isEmpty() ? null : c;
    }

    /** The distribution entry key that lists {@code dest} for this table, or null (counters of §4.16). */
    public String distributionKey(String dbms, String table, String dest) {
        DistributionTable.Entry e = distribution.lookup(dbms, table);
        return e != null && e.dests().contains(dest) ? e.key() : null;
    }
}
