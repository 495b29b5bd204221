package io.edgepublisher.intake.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.intake.kafka.KafkaLineage.Outcome;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Commit tokens and their lineage in Kafka's commit metadata, and what a group's commit says about one of ours. */
class KafkaLineageTest {
    @Test
    void metadataCarriesTheTokenAndTheBaseNewestFirst() {
        assertEquals("ep1 a1b2c3d4.7", KafkaLineage.metadata("a1b2c3d4.7", List.of()));
        String m = KafkaLineage.metadata("a1b2c3d4.7", List.of("00000001.3", "00000002.9"));
        assertEquals("ep1 a1b2c3d4.7 00000001.3 00000002.9", m);
        assertEquals(List.of("a1b2c3d4.7", "00000001.3", "00000002.9"), KafkaLineage.chain(m));
        // not ours, or nothing committed: no chain
        assertEquals(List.of(), KafkaLineage.chain(null));
        assertEquals(List.of(), KafkaLineage.chain(""));
        assertEquals(List.of(), KafkaLineage.chain("committed by some other tool"));
    }

    @Test
    void theBaseIsCutToTheNewestTokensAndStaysWithinTheBrokersMetadataLimit() {
        List<String> longChain = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            longChain.add(String.format("%08x.%d", i, 1_000_000_000_000L + i));
        }
        String m = KafkaLineage.metadata("ffffffff.99999999999", longChain);
        List<String> base = KafkaLineage.base(m);
        assertEquals(KafkaLineage.MAX_BASE, base.size());
        assertEquals("ffffffff.99999999999", base.get(0));
        assertEquals(String.format("%08x.%d", 0, 1_000_000_000_000L), base.get(1));
        assertTrue(m.length() < 4096, "fits the broker's default offset.metadata.max.bytes: " + m.length());
        assertEquals(8, KafkaLineage.newProcess().length());
    }

    @Test
    void resolveTellsReachedFailedAndUnknown() {
        // the commit itself heads the chain, or a later owner took the partition from it
        assertEquals(Outcome.REACHED, KafkaLineage.resolve("aaaaaaaa.5", "ep1 aaaaaaaa.5 bbbbbbbb.2"));
        assertEquals(Outcome.REACHED, KafkaLineage.resolve("aaaaaaaa.5", "ep1 cccccccc.1 aaaaaaaa.5 bbbbbbbb.2"));
        // a later commit of the same process covers it
        assertEquals(Outcome.REACHED, KafkaLineage.resolve("aaaaaaaa.5", "ep1 cccccccc.1 aaaaaaaa.12"));
        // the next owner started from an earlier commit of the same process: it never reached the broker
        assertEquals(Outcome.FAILED, KafkaLineage.resolve("aaaaaaaa.5", "ep1 cccccccc.1 aaaaaaaa.4 bbbbbbbb.2"));
        assertEquals(Outcome.FAILED, KafkaLineage.resolve("aaaaaaaa.5", "ep1 aaaaaaaa.1"));
        // another process whose id shares a prefix does not count
        assertEquals(Outcome.UNKNOWN, KafkaLineage.resolve("aaaaaaaa.5", "ep1 aaaaaaaa9.4"));
        // chain cut, nothing committed, a foreign consumer: cannot tell
        assertEquals(Outcome.UNKNOWN, KafkaLineage.resolve("aaaaaaaa.5", "ep1 cccccccc.1 bbbbbbbb.2"));
        assertEquals(Outcome.UNKNOWN, KafkaLineage.resolve("aaaaaaaa.5", null));
        assertEquals(Outcome.UNKNOWN, KafkaLineage.resolve("aaaaaaaa.5", ""));
    }
}
