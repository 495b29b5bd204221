package io.edgepublisher.intake.kafka;

import io.edgepublisher.command.BaseCommand;
import io.edgepublisher.command.CommandCall;
import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.command.Method;
import io.edgepublisher.command.OptionSpec;
import io.edgepublisher.command.Options;
import io.edgepublisher.command.Output;
import java.util.List;

/** {@code get kafka consumer [where id = <n>] [and format = json]}: brokers, partitions, lag and counters. */
public final class GetKafkaConsumerCommand extends BaseCommand {
    static final String NONE = "No Kafka consumer is running";
    private static final OptionSpec SPEC = OptionSpec.of("get kafka consumer").key("id", OptionSpec.Type.INT)
        .key("format", OptionSpec.Type.TEXT);

    public GetKafkaConsumerCommand() {
        super(List.of("get kafka consumer", "get kafka consumers", "get kafka"),
            "get kafka consumer [where id = <n>] [and format = table|json]", Method.GET, true);
    }

    @Override
    public Output execute(CommandCall call) {
        Options o = call.where(SPEC);
        String format = o.text("format", "table");
        if (!format.equalsIgnoreCase("table") && !format.equalsIgnoreCase("json")) {
            throw call.structure("Key 'format' in 'get kafka consumer' needs table or json, got '" + format + "'");
        }
        KafkaConsumers all = KafkaModule.consumers(call.node());
        List<KafkaConsumerHandle> list;
        if (o.has("id")) {
            KafkaConsumerHandle c = all.get(o.integer("id", 0));
            if (c == null) {
                throw new CommandException(ErrorCode.COMMAND_STRUCTURE, "No Kafka consumer with id " + o.text("id", ""));
            }
            list = List.of(c);
        } else {
            list = all.all();
        }
        if (list.isEmpty()) {
            return Output.text(NONE);
        }
        return Output.text(format.equalsIgnoreCase("json") ? KafkaReport.json(list) : KafkaReport.table(list));
    }
}
