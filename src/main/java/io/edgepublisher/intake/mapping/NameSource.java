package io.edgepublisher.intake.mapping;

import io.edgepublisher.json.PyFloat;
import java.math.BigInteger;
import java.util.Map;

/** The dbms or table of a topic: a normalised literal, or a {@code bring} expression normalised per row. */
final class NameSource {
    private final String constant;
    private final BringExpression expr;
    private final String failure;

    private NameSource(String constant, BringExpression expr, String failure) {
        this.constant = constant;
        this.expr = expr;
        this.failure = failure;
    }

    /**
     * @param missingDetail registration detail when the text is absent
     * @param failureDetail message detail when a {@code bring} yields nothing usable
     */
    static NameSource compile(String text, String missingDetail, String failureDetail) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw MappingErrors.error(missingDetail);
        }
        BringExpression e;
        try {
            e = BringExpression.parseIfBring(t);
        } catch (IllegalArgumentException ex) {
            throw MappingErrors.error(ex.getMessage());
        }
        if (e != null) {
            return new NameSource(null, e, failureDetail);
        }
        String name = NameNormalizer.normalize(Values.unquote(t));
        if (name.isEmpty()) {
            throw MappingErrors.error(missingDetail);
        }
        return new NameSource(name, null, failureDetail);
    }

    String constant() {
        return constant;
    }

    boolean hasList() {
        return expr != null && expr.hasList();
    }

    int listLength(Map<String, Object> msg) {
        return expr == null ? 0 : expr.listLength(msg);
    }

    /** The raw (not yet normalised) name for a row. */
    String raw(Map<String, Object> msg, int row) throws MappingFailure {
        Object v = expr.evaluate(msg, row);
        String s;
        if (v instanceof String) {
            s = (String) v;
        } else if (v instanceof Long || v instanceof BigInteger) {
            s = v.toString();
        } else if (v instanceof Double) {
            s = PyFloat.repr((Double) v);
        } else if (v instanceof Boolean) {
            s = (Boolean) v ? "true" : "false";
        } else {
            throw new MappingFailure(failure);
        }
        return s;
    }

    String failureDetail() {
        return failure;
    }

    @Override
    public String toString() {
        return constant != null ? constant : expr.toString();
    }
}
