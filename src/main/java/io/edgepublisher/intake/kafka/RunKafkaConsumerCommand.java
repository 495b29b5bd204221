package io.edgepublisher.intake.kafka;

import io.edgepublisher.command.BaseCommand;
import io.edgepublisher.command.CommandCall;
import io.edgepublisher.command.Method;
import io.edgepublisher.command.Output;
import java.util.List;

/**
 * {@code run kafka consumer where ip = <host> and port = <port> [and reset = latest|earliest] [and group_id = <g>]
 * [and threads = <n>] … and topic = (name = … and dbms = … and table = … and column.… ) [and topic = (…)]}: validates
 * the options and starts route {@code kafka-consumer-<n>}. The broker need not be up: the consumer connects when it
 * can.
 */
public final class RunKafkaConsumerCommand extends BaseCommand {
    public RunKafkaConsumerCommand() {
        super(List.of("run kafka consumer"),
            "run kafka consumer where ip = <host> and port = <port> [and brokers = <host:port,…>]"
            + " [and reset = latest|earliest] [and group_id = <group>] [and threads = <n>] [and max_poll = <n>]"
            + " [and log_error = <bool>] [and security_protocol = PLAINTEXT|SSL|SASL_PLAINTEXT|SASL_SSL]"
            + " [and sasl_mechanism = PLAIN|SCRAM-SHA-256|SCRAM-SHA-512] [and user = <u> and password = <p>]"
            + " [and truststore = <file> and truststore_password = <p>] [and keystore = <file> and keystore_password = <p>]"
            + " and topic = (name = <topic> and dbms = … and table = … and column.… ) …",
            Method.POST, false);
    }

    @Override
    public Output execute(CommandCall call) {
        KafkaConsumerOptions o = KafkaConsumerOptions.parse(call.where(KafkaConsumerOptions.SPEC),
            call.node().clock());
        KafkaModule.consumers(call.node()).start(o);
        return Output.none();
    }
}
