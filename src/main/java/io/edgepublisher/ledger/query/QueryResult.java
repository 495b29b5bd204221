package io.edgepublisher.ledger.query;

import io.edgepublisher.ledger.Policy;
import java.util.List;

/**
 * The result of {@code blockchain get}: either a list of policies (no {@code bring}, or {@code bring.first} /
 * {@code bring.recent} without terms) or the {@code bring} text.
 */
public final class QueryResult {
    private final List<Policy> policies;
    private final String text;

    private QueryResult(List<Policy> policies, String text) {
        this.policies = policies;
        this.text = text;
    }

    static QueryResult ofPolicies(List<Policy> policies) {
        return new QueryResult(List.copyOf(policies), null);
    }

    static QueryResult ofText(String text) {
        return new QueryResult(null, text);
    }

    /** True when the result is a list of policies rather than bring text. */
    public boolean isPolicyList() {
        return policies != null;
    }

    /** The matching policies in ledger order; empty for a bring text result. */
    public List<Policy> policies() {
        return policies == null ? List.of() : policies;
    }

    /**
     * The command output for REST and local callers: a policy list as JSON ({@code json.dumps}, {@code []} when
     * empty), otherwise the bring text.
     */
    public String text() {
        if (policies == null) {
            return text;
        }
        StringBuilder sb = new StringBuilder(2 + policies.size() * 256).append('[');
        for (int i = 0; i < policies.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(policies.get(i).toJson());
        }
        return sb.append(']').toString();
    }

    /**
     * The output as an EdgeLake node prints it to a TCP peer ({@code print} reply): a policy list as Python
     * {@code str()} of the list (frames/replies/blockchain_get_all), otherwise the bring text.
     */
    public String peerText() {
        if (policies == null) {
            return text;
        }
        StringBuilder sb = new StringBuilder(2 + policies.size() * 256).append('[');
        for (int i = 0; i < policies.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(policies.get(i).toPythonRepr());
        }
        return sb.append(']').toString();
    }

    @Override
    public String toString() {
        return text();
    }
}
