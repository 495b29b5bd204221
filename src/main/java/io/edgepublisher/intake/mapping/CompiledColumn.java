package io.edgepublisher.intake.mapping;

import io.edgepublisher.json.CompactJson;
import java.util.Map;

/** A validated column: where its value comes from, its type, and the pre-rendered {@code "name":} prefix. */
final class CompiledColumn {
    final String name;
    final String prefix; // "name": in row form
    final boolean now;
    final boolean optional;
    private final ColumnType type; // null when read from the message
    private final BringExpression typeExpr;
    private final BringExpression valueExpr; // null for literals and now
    private final String literal; // raw literal text
    private final String literalRendered; // literal converted with a fixed type

    private CompiledColumn(String name, boolean now, boolean optional, ColumnType type, BringExpression typeExpr,
            BringExpression valueExpr, String literal) {
        this.name = name;
        StringBuilder sb = new StringBuilder(name.length() + 3);
        CompactJson.quote(sb, name);
        this.prefix = sb.append(':').toString();
        this.now = now;
        this.optional = optional;
        this.type = type;
        this.typeExpr = typeExpr;
        this.valueExpr = valueExpr;
        this.literal = literal;
        if (literal != null && type != null) {
            StringBuilder v = new StringBuilder();
            if (!type.write(v, literal)) {
                throw MappingErrors.error("Wrong value for column '" + name + "' (" + type.label() + "): " + literal);
            }
            this.literalRendered = v.toString();
        } else {
            this.literalRendered = null;
        }
    }

    /** Validates one column spec (INTAKE.md §3.5, §3.9). */
    static CompiledColumn compile(ColumnSpec spec) {
        String name = spec.name() == null ? "" : spec.name().strip();
        if (name.isEmpty()) {
            throw MappingErrors.error("Wrong column name in MQTT mapping");
        }
        String typeText = spec.type() == null ? "" : Values.unquote(spec.type().strip());
        ColumnType type = null;
        BringExpression typeExpr = null;
        if (spec.shortForm()) {
            type = ColumnType.ofShortForm(typeText);
        } else {
            typeExpr = parse(typeText);
            type = typeExpr == null ? ColumnType.ofLongForm(typeText) : null;
        }
        if (type == null && typeExpr == null) {
            throw MappingErrors.error(MappingErrors.WRONG_COLUMN_TYPE);
        }
        String valueText = spec.value() == null ? "" : spec.value().strip();
        if (valueText.isEmpty()) {
            throw MappingErrors.error("Missing value for column '" + name + "' in MQTT mapping");
        }
        if (Values.isNow(Values.unquote(valueText))) {
            return new CompiledColumn(name, true, spec.optional(), type, typeExpr, null, null);
        }
        BringExpression valueExpr = parse(valueText);
        String literal = valueExpr == null ? Values.unquote(valueText) : null;
        return new CompiledColumn(name, false, spec.optional(), type, typeExpr, valueExpr, literal);
    }

    private static BringExpression parse(String text) {
        try {
            return BringExpression.parseIfBring(text);
        } catch (IllegalArgumentException e) {
            throw MappingErrors.error(e.getMessage());
        }
    }

    boolean hasList() {
        return (valueExpr != null && valueExpr.hasList()) || (typeExpr != null && typeExpr.hasList());
    }

    int listLength(Map<String, Object> msg) {
        int n = valueExpr != null ? valueExpr.listLength(msg) : 0;
        return typeExpr != null ? Math.max(n, typeExpr.listLength(msg)) : n;
    }

    /**
     * Appends {@code "name":value} (preceded by {@code ,} unless first) for row {@code row}.
     *
     * @return false when the column is optional and its value missing (nothing appended)
     */
    boolean write(StringBuilder sb, Map<String, Object> msg, int row, boolean first) throws MappingFailure {
        if (literalRendered != null) {
            open(sb, first).append(literalRendered);
            return true;
        }
        Object v = valueExpr != null ? valueExpr.evaluate(msg, row) : literal;
        if (v == BringExpression.MISSING) {
            if (optional) {
                return false;
            }
            throw new MappingFailure(MappingErrors.missingColumn(name));
        }
        ColumnType t = type != null ? type : typeOf(msg, row);
        if (t == null) {
            return false;
        }
        int mark = sb.length();
        open(sb, first);
        if (v == BringExpression.NOT_SCALAR || !t.write(sb, v)) {
            sb.setLength(mark);
            throw new MappingFailure(wrongValue(t, v));
        }
        return true;
    }

    private ColumnType typeOf(Map<String, Object> msg, int row) throws MappingFailure {
        Object tv = typeExpr.evaluate(msg, row);
        if (tv == BringExpression.MISSING) {
            if (optional) {
                return null;
            }
            throw new MappingFailure(MappingErrors.missingColumn(name));
        }
        ColumnType t = tv instanceof String ? ColumnType.ofMessage((String) tv) : null;
        if (t == null) {
            throw new MappingFailure(MappingErrors.WRONG_COLUMN_TYPE);
        }
        return t;
    }

    private StringBuilder open(StringBuilder sb, boolean first) {
        if (!first) {
            sb.append(',');
        }
        return sb.append(prefix);
    }

    private String wrongValue(ColumnType t, Object v) {
        String shown = v == BringExpression.NOT_SCALAR ? "(object or list)" : String.valueOf(v);
        if (shown.length() > 60) {
            shown = shown.substring(0, 57) + "...";
        }
        return "Wrong value for column '" + name + "' (" + t.label() + "): " + shown;
    }
}
