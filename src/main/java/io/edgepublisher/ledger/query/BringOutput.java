package io.edgepublisher.ledger.query;

import io.edgepublisher.format.TableFormatter;
import io.edgepublisher.ledger.Policy;
import io.edgepublisher.ledger.query.Bring.Mod;
import io.edgepublisher.ledger.query.Bring.Term;
import io.edgepublisher.ledger.routing.NodeAddressRule;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Renders a {@link Bring} over the matching policies (LEDGER.md §5.3). Precedence when modifiers are combined:
 * {@code count}, then {@code ip_port}, then {@code table}, {@code json}, {@code min}/{@code max}, plain text;
 * {@code first}/{@code recent} reduce the policies before all of them.
 */
final class BringOutput {
    private BringOutput() {
    }

    static QueryResult render(Bring b, List<Policy> matches, NodeAddressRule addressRule) {
        boolean json = b.has(Mod.JSON);
        if (matches.isEmpty()) {
            return QueryResult.ofText(b.has(Mod.COUNT) ? Bring.countText(0, json) : "");
        }
        List<Policy> ps = matches;
        if (b.has(Mod.FIRST)) {
            ps = List.of(matches.get(0));
        } else if (b.has(Mod.RECENT)) {
            ps = List.of(recent(matches));
        }
        boolean noTerms = b.terms.isEmpty();
        if (noTerms && b.has(Mod.COUNT)) {
            return QueryResult.ofText(Bring.countText(ps.size(), json));
        }
        if (b.has(Mod.IP_PORT)) {
            return QueryResult.ofText(ipPorts(ps, addressRule, b.has(Mod.UNIQUE)));
        }
        if (noTerms) {
            if (b.has(Mod.TABLE)) {
                List<Map<String, Object>> roots = new ArrayList<>();
                ps.forEach(p -> roots.add(p.root()));
                return QueryResult.ofText(table(roots));
            }
            if (json || b.has(Mod.UNIQUE)) {
                List<String> texts = new ArrayList<>();
                ps.forEach(p -> texts.add(p.toJson()));
                return QueryResult.ofText(Bring.jsonList(b.has(Mod.UNIQUE) ? unique(texts) : texts));
            }
            if (b.has(Mod.MIN) || b.has(Mod.MAX)) {
                return QueryResult.ofText("");
            }
            return QueryResult.ofPolicies(ps); // bring.first / bring.recent alone: the policies themselves
        }
        if (b.has(Mod.COUNT) || b.has(Mod.TABLE) || json) {
            List<Map<String, Object>> objects = objects(b, ps, b.has(Mod.TABLE));
            if (b.has(Mod.COUNT)) {
                return QueryResult.ofText(Bring.countText(objects.size(), json));
            }
            if (b.has(Mod.TABLE)) {
                return QueryResult.ofText(table(objects));
            }
            List<String> texts = new ArrayList<>();
            objects.forEach(o -> texts.add(Bring.dumps(o)));
            return QueryResult.ofText(Bring.jsonList(texts));
        }
        if (b.has(Mod.MIN) || b.has(Mod.MAX)) {
            return QueryResult.ofText(minMax(b, ps, b.has(Mod.MAX)));
        }
        List<String> outputs = new ArrayList<>();
        for (Policy p : ps) {
            String out = concatenate(b, p);
            if (!out.isEmpty()) {
                outputs.add(out);
            }
        }
        if (b.has(Mod.UNIQUE)) {
            outputs = unique(outputs);
        }
        return QueryResult.ofText(String.join(b.separator == null ? "" : b.separator, outputs));
    }

    /** The policy with the latest date; among equal dates the later one in ledger order (EdgeLake's scan). */
    static Policy recent(List<Policy> ps) {
        Policy last = null;
        for (int i = ps.size() - 1; i >= 0; i--) {
            Policy p = ps.get(i);
            if (last == null) {
                last = p;
            } else if (p.date() != null && last.date() != null && p.date().compareTo(last.date()) > 0) {
                last = p;
            }
        }
        return last;
    }

    private static String concatenate(Bring b, Policy p) {
        StringBuilder sb = new StringBuilder();
        for (Term t : b.terms) {
            if (t.isValue()) {
                Object v = Bring.value(t, p);
                if (v != AttrPath.MISSING) {
                    sb.append(ValueText.text(v));
                }
            } else {
                sb.append(t.literal());
            }
        }
        return sb.toString();
    }

    /** One object per policy {last key: value}; missing values are left out, or "" with {@code fillMissing}. */
    private static List<Map<String, Object>> objects(Bring b, List<Policy> ps, boolean fillMissing) {
        List<Map<String, Object>> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Policy p : ps) {
            Map<String, Object> o = new LinkedHashMap<>();
            for (Term t : b.terms) {
                if (!t.isValue()) {
                    continue;
                }
                Object v = Bring.value(t, p);
                if (v != AttrPath.MISSING && v != null) {
                    o.put(t.jsonKey(), v);
                } else if (fillMissing) {
                    o.put(t.jsonKey(), "");
                }
            }
            if (!o.isEmpty() && (!b.has(Mod.UNIQUE) || seen.add(Bring.dumps(o)))) {
                out.add(o);
            }
        }
        return out;
    }

    /** The objects in table format, titled by their keys capitalised as EdgeLake does. */
    private static String table(List<Map<String, Object>> objects) {
        if (objects.isEmpty()) {
            return "";
        }
        List<String> titles = new ArrayList<>();
        objects.get(0).keySet().forEach(k -> titles.add(ValueText.capitalize(k)));
        List<List<Object>> rows = new ArrayList<>();
        objects.forEach(o -> rows.add(new ArrayList<>(o.values())));
        return TableFormatter.of(titles).format(rows);
    }

    private static String minMax(Bring b, List<Policy> ps, boolean max) {
        String best = null;
        for (Policy p : ps) {
            for (Term t : b.terms) {
                if (!t.isValue()) {
                    continue;
                }
                Object v = Bring.value(t, p);
                if (v == AttrPath.MISSING || v == null) {
                    continue;
                }
                String text = ValueText.text(v);
                if (best == null || better(text, best, max)) {
                    best = text;
                }
            }
        }
        return best == null ? "" : best;
    }

    private static boolean better(String candidate, String best, boolean max) {
        BigDecimal c = ValueText.number(candidate);
        BigDecimal x = ValueText.number(best);
        int cmp = c != null && x != null ? c.compareTo(x) : candidate.compareTo(best);
        return max ? cmp > 0 : cmp < 0;
    }

    private static String ipPorts(List<Policy> ps, NodeAddressRule rule, boolean unique) {
        List<String> out = new ArrayList<>();
        for (Policy p : ps) {
            Optional<String> a = rule.address(p.attributes());
            a.ifPresent(out::add);
        }
        return String.join(",", unique ? unique(out) : out);
    }

    private static List<String> unique(List<String> values) {
        return new ArrayList<>(new LinkedHashSet<>(values));
    }
}
