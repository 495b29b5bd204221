package io.edgepublisher.intake.kafka;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.command.OptionSpec;
import io.edgepublisher.command.Options;
import io.edgepublisher.command.WherePair;
import io.edgepublisher.intake.commands.TopicSpecParser;
import io.edgepublisher.intake.mapping.MappingErrors;
import io.edgepublisher.intake.mapping.TopicMapping;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The options of {@code run kafka consumer}: EdgeLake's {@code ip}, {@code port}, {@code reset} and {@code topic = (…)}
 * groups, plus {@code brokers} (a list for real clusters), {@code group_id}, {@code threads} (consumers of this node in
 * the group), {@code max_poll} and the security settings.
 */
public record KafkaConsumerOptions(String brokers, String reset, String groupId, int threads, int maxPoll,
        boolean log, boolean logError, List<TopicMapping> topics, KafkaSecurity security) {

    static final OptionSpec SPEC = OptionSpec.of("run kafka consumer")
            .key("ip", OptionSpec.Type.TEXT).key("port", OptionSpec.Type.INT)
            .key("brokers", OptionSpec.Type.TEXT).key("reset", OptionSpec.Type.TEXT)
            .key("group_id", OptionSpec.Type.TEXT).key("threads", OptionSpec.Type.INT)
            .key("max_poll", OptionSpec.Type.INT)
            .key("log", OptionSpec.Type.BOOL).key("log_error", OptionSpec.Type.BOOL)
            .key("security_protocol", OptionSpec.Type.TEXT).key("sasl_mechanism", OptionSpec.Type.TEXT)
            .key("user", OptionSpec.Type.TEXT).key("password", OptionSpec.Type.TEXT)
            .key("truststore", OptionSpec.Type.TEXT).key("truststore_password", OptionSpec.Type.TEXT)
            .key("keystore", OptionSpec.Type.TEXT).key("keystore_password", OptionSpec.Type.TEXT)
            .repeatable("topic", OptionSpec.Type.LIST);

    private static final Set<String> RESETS = Set.of("latest", "earliest");

    /** The group every node joins unless told otherwise: nodes with the same default split the topics. */
    public static final String DEFAULT_GROUP = "edge-publisher";

    /**
     * Validates the where list.
     *
     * @throws CommandException 2 for a bad or missing broker, an unknown {@code reset}, a bad {@code threads};
     *                          124 "Missing mapping instructions for message in topic" without a topic, or the
     *                          mapping error of a topic, as {@code run msg client} reports them
     */
    public static KafkaConsumerOptions parse(Options o, Clock clock) {
        String brokers;
        if (o.has("brokers")) {
            brokers = o.required("brokers").replace(" ", "");
        } else {
            String ip = o.has("ip") ? o.required("ip").trim() : null;
            if (ip == null || ip.isEmpty()) {
                throw new CommandException(ErrorCode.COMMAND_STRUCTURE,
                    "Missing 'ip' in 'run kafka consumer': give the broker as ip = <host> and port = <port>"
                    + " (or brokers = <host:port,…>)");
            }
            brokers = ip + ":" + o.integer("port", 9092);
        }
        String reset = o.text("reset", "latest").trim().toLowerCase(Locale.ROOT);
        if (!RESETS.contains(reset)) {
            throw new CommandException(ErrorCode.COMMAND_STRUCTURE,
                "Wrong value for 'reset' in 'run kafka consumer': '" + o.text("reset", "")
                + "' (use latest or earliest)");
        }
        int threads = o.integer("threads", 1);
        if (threads < 1 || threads > 64) {
            throw new CommandException(ErrorCode.COMMAND_STRUCTURE,
                "Wrong value for 'threads' in 'run kafka consumer': " + threads + " (use 1 to 64)");
        }
        int maxPoll = o.integer("max_poll", 500);
        if (maxPoll < 1) {
            throw new CommandException(ErrorCode.COMMAND_STRUCTURE,
                "Wrong value for 'max_poll' in 'run kafka consumer': " + maxPoll + " (use 1 or more)");
        }
        List<WherePair> pairs = o.all("topic");
        if (pairs.isEmpty()) {
            throw MappingErrors.topicError(MappingErrors.MISSING_TOPIC);
        }
        List<TopicMapping> topics = new ArrayList<>();
        for (WherePair p : pairs) {
            TopicMapping m = TopicMapping.compile(TopicSpecParser.parse(p.sub()), clock);
            for (TopicMapping t : topics) {
                if (t.topic().equals(m.topic())) {
                    throw MappingErrors.topicError("Topic '" + m.topic() + "' is given twice");
                }
            }
            topics.add(m);
        }
        return new KafkaConsumerOptions(brokers, reset, o.text("group_id", DEFAULT_GROUP).trim(), threads, maxPoll,
            o.bool("log", false), o.bool("log_error", false), topics, KafkaSecurity.parse(o));
    }

    /** The topic names, comma separated, as camel-kafka takes them. */
    public String topicList() {
        StringBuilder sb = new StringBuilder();
        for (TopicMapping t : topics) {
            sb.append(sb.length() == 0 ? "" : ",").append(t.topic());
        }
        return sb.toString();
    }
}
