package io.edgepublisher.command;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** An ordered {@code where} list; keys compare in lower case. */
public final class WhereList {
    private final List<WherePair> pairs;

    public WhereList(List<WherePair> pairs) {
        this.pairs = Collections.unmodifiableList(new ArrayList<>(pairs));
    }

    public static WhereList empty() {
        return new WhereList(List.of());
    }

    public List<WherePair> pairs() {
        return pairs;
    }

    public WherePair first(String key) {
        for (WherePair p : pairs) {
            if (p.key().equals(key)) {
                return p;
            }
        }
        return null;
    }

    public List<WherePair> all(String key) {
        List<WherePair> out = new ArrayList<>();
        for (WherePair p : pairs) {
            if (p.key().equals(key)) {
                out.add(p);
            }
        }
        return out;
    }

    public String value(String key) {
        WherePair p = first(key.toLowerCase(Locale.ROOT));
        return p == null ? null : p.value();
    }

    public boolean isEmpty() {
        return pairs.isEmpty();
    }
}
