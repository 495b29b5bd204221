package io.edgepublisher.ledger;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import java.util.Objects;

/**
 * The checks of {@code blockchain insert} (LEDGER.md §4.3 steps 4–5). A policy with the same id as the new one is
 * left out of the uniqueness checks, so that re-declaring a policy is reported as the duplicate it is (70), which
 * is what makes repeated deployments idempotent (§3.1).
 */
public final class InsertRules {
    private InsertRules() {
    }

    /**
     * Operators must be unique by ({@code ip}, {@code port}) and by {@code name}; tables by ({@code dbms},
     * {@code name}).
     *
     * @throws CommandException 180 "Non unique policy values" naming the conflicting policy
     */
    public static void checkUnique(LedgerSnapshot ledger, Policy policy) {
        String type = policy.type();
        if (!type.equals("operator") && !type.equals("table")) {
            return;
        }
        String id = policy.id();
        for (Policy other : ledger.policies()) {
            if (!other.type().equals(type) || (id != null && id.equals(other.id()))) {
                continue;
            }
            if (type.equals("operator")) {
                if (same(policy, other, "ip") && same(policy, other, "port")) {
                    throw nonUnique("an operator with ip " + policy.text("ip") + " and port " + policy.text("port"),
                        other);
                }
                if (same(policy, other, "name")) {
                    throw nonUnique("an operator named '" + policy.text("name") + "'", other);
                }
            } else if (same(policy, other, "dbms") && same(policy, other, "name")) {
                throw nonUnique("a table policy for " + policy.text("dbms") + "." + policy.text("name"), other);
            }
        }
    }

    /**
     * The id must not be in the local ledger yet.
     *
     * @throws CommandException 70 "Duplicate blockchain object id"
     */
    public static void checkNewId(LedgerSnapshot ledger, Policy policy) {
        if (policy.id() != null && ledger.containsId(policy.id())) {
            throw new CommandException(ErrorCode.DUPLICATE_OBJECT_ID, policy.id());
        }
    }

    private static boolean same(Policy a, Policy b, String attribute) {
        String va = a.text(attribute);
        return va != null && Objects.equals(va, b.text(attribute));
    }

    private static CommandException nonUnique(String what, Policy existing) {
        return new CommandException(ErrorCode.NON_UNIQUE_POLICY,
            what + " is already declared by policy " + existing.id());
    }
}
