package io.edgepublisher.intake.client;

import io.edgepublisher.intake.mapping.TopicMapping;

/** One {@code topic = (…)} of a client: its filter, its compiled mapping and its own message counters. */
public record ClientTopic(TopicFilter filter, TopicMapping mapping, ClientStats stats) {
    public static ClientTopic of(TopicMapping mapping) {
        return new ClientTopic(TopicFilter.of(mapping.topic()), mapping, new ClientStats());
    }

    public int qos() {
        return mapping.qos();
    }
}
