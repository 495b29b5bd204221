package io.edgepublisher.intake.commands;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.command.WhereList;
import io.edgepublisher.command.WherePair;
import io.edgepublisher.intake.mapping.ColumnSpec;
import io.edgepublisher.intake.mapping.MappingErrors;
import io.edgepublisher.intake.mapping.TopicSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One {@code topic = (name = … and qos = … and dbms = … and table = … and column.… )} group of {@code run msg client}
 * (INTAKE.md §3.3) → {@link TopicSpec}. Expression values keep their double-quoted literals (the bring parser removes
 * the quotes), so {@code bring [a] "x y" [b]} keeps its space. Validation of the mapping itself is
 * {@code TopicMapping.compile}'s job.
 */
public final class TopicSpecParser {
    private static final Set<String> UNSUPPORTED = Set.of("persist", "policy", "dynamic");

    private TopicSpecParser() {
    }

    public static TopicSpec parse(WhereList topic) {
        String name = null;
        String dbms = null;
        String table = null;
        int qos = 0;
        List<ColumnSpec> columns = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (WherePair p : topic.pairs()) {
            String key = p.key().toLowerCase(Locale.ROOT);
            if (!key.startsWith("column.")) {
                if (seen.contains(key)) {
                    throw structure("Key '" + key + "' is given twice in 'topic'");
                }
                seen.add(key);
            }
            if (UNSUPPORTED.contains(key)) {
                throw new CommandException(ErrorCode.NOT_SUPPORTED,
                        "'" + key + "' (AnyLog mapping policies) is not supported by Edge Publisher");
            }
            switch (key) {
                case "name":
                    name = topicName(single(p));
                    break;
                case "qos":
                    try {
                        qos = Integer.parseInt(single(p).value().trim());
                    } catch (NumberFormatException e) {
                        throw structure("Key 'qos' in 'topic' needs 0, 1 or 2, got '" + p.value() + "'");
                    }
                    if (qos < 0 || qos > 2) {
                        throw structure("Key 'qos' in 'topic' needs 0, 1 or 2, got '" + p.value() + "'");
                    }
                    break;
                case "dbms":
                    dbms = expression(single(p));
                    break;
                case "table":
                    table = expression(single(p));
                    break;
                default:
                    if (!key.startsWith("column.")) {
                        throw structure("Unknown key '" + p.key() + "' in 'topic'");
                    }
                    columns.add(column(p));
            }
        }
        return new TopicSpec(name, qos, dbms, table, columns);
    }

    /** {@code column.<name>.<type> = <value>} or {@code column.<name> = (type = … and value = … [and optional = …])}. */
    private static ColumnSpec column(WherePair p) {
        String[] parts = p.key().split("\\.", -1);
        if (p.isList()) {
            if (parts.length != 2 || parts[1].isEmpty()) {
                throw MappingErrors.topicError("Wrong column name in MQTT mapping: " + p.key());
            }
            String type = null;
            String value = null;
            boolean optional = false;
            for (WherePair q : p.sub().pairs()) {
                switch (q.key().toLowerCase(Locale.ROOT)) {
                    case "type":
                        type = expression(q);
                        break;
                    case "value":
                        value = expression(q);
                        break;
                    case "optional":
                        if (!q.value().equalsIgnoreCase("true") && !q.value().equalsIgnoreCase("false")) {
                            throw structure("Key 'optional' in '" + p.key() + "' needs true or false, got '"
                                    + q.value() + "'");
                        }
                        optional = q.value().equalsIgnoreCase("true");
                        break;
                    default:
                        throw structure("Unknown key '" + q.key() + "' in '" + p.key() + "'");
                }
            }
            return ColumnSpec.longForm(parts[1], type, value, optional);
        }
        if (parts.length != 3 || parts[1].isEmpty() || parts[2].isEmpty()) {
            throw MappingErrors.topicError(MappingErrors.WRONG_COLUMN_TYPE);
        }
        return ColumnSpec.shortForm(parts[1], parts[2], expression(p));
    }

    /**
     * The topic filter. The tokenizer makes {@code +} a word of its own (COMMANDS.md §1.1), so an unquoted
     * {@code a/+/b} arrives as {@code a/ + /b}; the spaces it introduced are removed. A quoted name is kept as is.
     */
    private static String topicName(WherePair p) {
        if (p.source().equals("\"" + p.value() + "\"")) {
            return p.value();
        }
        return p.value().replaceAll("\\s*\\+\\s*", "+");
    }

    /** The value with its double-quoted literals kept, unless the whole value was one quoted word. */
    private static String expression(WherePair p) {
        String src = p.source();
        if (src.equals("\"" + p.value() + "\"")) {
            return p.value();
        }
        return src;
    }

    private static WherePair single(WherePair p) {
        if (p.isList()) {
            throw structure("Key '" + p.key() + "' in 'topic' needs a single value, not a list");
        }
        return p;
    }

    private static CommandException structure(String detail) {
        return new CommandException(ErrorCode.COMMAND_STRUCTURE, detail);
    }
}
