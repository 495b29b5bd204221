package io.edgepublisher.intake.route;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/** {@code ep-intake:<route id>}: consumer-only endpoint of one message source. */
public final class IntakeEndpoint extends DefaultEndpoint {
    private final IntakeSource source;

    IntakeEndpoint(String uri, IntakeComponent component, IntakeSource source) {
        super(uri, component);
        this.source = source;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("ep-intake endpoints only receive");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        IntakeConsumer c = new IntakeConsumer(this, processor, source);
        configureConsumer(c);
        return c;
    }
}
