package io.edgepublisher.intake.mapping;

import java.util.List;

/**
 * The parameters of one {@code topic = (…)} of {@code run msg client} as parsed by the command layer (INTAKE.md
 * §3.3), before validation. Null or blank texts mean "not given". {@link TopicMapping#compile} validates it.
 *
 * @param name topic filter
 * @param qos subscription QoS, 0–2
 * @param dbms literal or {@code bring} expression
 * @param table literal or {@code bring} expression
 * @param columns the column definitions in declaration order
 */
public record TopicSpec(String name, int qos, String dbms, String table, List<ColumnSpec> columns) {
    public TopicSpec {
        columns = columns == null ? List.of() : List.copyOf(columns);
    }
}
