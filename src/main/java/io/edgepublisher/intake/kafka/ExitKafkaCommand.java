package io.edgepublisher.intake.kafka;

import io.edgepublisher.command.BaseCommand;
import io.edgepublisher.command.CommandCall;
import io.edgepublisher.command.Method;
import io.edgepublisher.command.Output;
import java.util.List;

/**
 * {@code exit kafka [<n>|all]}: stops the consumer(s). The poll in progress is finished and its durable records are
 * committed; the group hands the partitions to its other members.
 */
public final class ExitKafkaCommand extends BaseCommand {
    public ExitKafkaCommand() {
        super(List.of("exit kafka", "exit kafka consumer"), "exit kafka [<id> | all]", Method.POST, false);
    }

    @Override
    public Output execute(CommandCall call) {
        KafkaConsumers consumers = KafkaModule.consumers(call.node());
        if (call.argCount() == 0 || (call.argCount() == 1 && call.word(0).equalsIgnoreCase("all"))) {
            consumers.exitAll();
            return Output.none();
        }
        if (call.argCount() != 1) {
            throw call.structure("Use: " + call.name() + " [<id> | all]");
        }
        int id;
        try {
            id = Integer.parseInt(call.word(0).trim());
        } catch (NumberFormatException e) {
            throw call.structure("'" + call.word(0) + "' is not a Kafka consumer id");
        }
        consumers.exit(id);
        return Output.none();
    }
}
