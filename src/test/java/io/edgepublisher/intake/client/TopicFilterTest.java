package io.edgepublisher.intake.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** MQTT topic filter matching with {@code +}, {@code #} and shared subscriptions. */
class TopicFilterTest {
    @Test
    void wildcards() {
        assertTrue(TopicFilter.of("a/+/c").matches("a/b/c"));
        assertFalse(TopicFilter.of("a/+/c").matches("a/b/d"));
        assertFalse(TopicFilter.of("a/+").matches("a/b/c"));
        assertTrue(TopicFilter.of("a/#").matches("a"));
        assertTrue(TopicFilter.of("a/#").matches("a/b/c"));
        assertTrue(TopicFilter.of("#").matches("x/y"));
        assertFalse(TopicFilter.of("#").matches("$SYS/x"), "a leading wildcard does not match $ topics");
        assertTrue(TopicFilter.of("exact").matches("exact"));
        assertFalse(TopicFilter.of("exact").matches("exact/more"));
    }

    @Test
    void sharedSubscriptionsMatchOnTheirFilter() {
        TopicFilter f = TopicFilter.of("$share/group/s/+");
        assertEquals("s/+", f.filter());
        assertEquals("$share/group/s/+", f.text());
        assertTrue(f.matches("s/1"));
    }
}
