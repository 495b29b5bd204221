package io.edgepublisher.intake.route;

/** A message source driven by its route: started and stopped with the route's consumer. */
public interface IntakeSource {
    /** Starts delivering messages to {@code consumer}. Must not block on the network. */
    void start(IntakeConsumer consumer);

    /** Stops receiving; called when the route stops or is removed. */
    void stop();
}
