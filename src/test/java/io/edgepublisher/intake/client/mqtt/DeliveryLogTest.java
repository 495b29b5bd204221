package io.edgepublisher.intake.client.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.streamer.journal.Journal;
import io.edgepublisher.streamer.journal.JournalMode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The duplicate rules of {@link DeliveryLog} and its durable copy, written through the streamer's mark sink. */
class DeliveryLogTest {
    @TempDir
    Path dir;

    @Test
    void journaledMessagesAreDuplicatesUntilReleasedThenOnlyWhenDup() throws Exception {
        Journal j = Journal.open(dir.resolve("journal"), JournalMode.ALWAYS);
        DeliveryLogs logs = new DeliveryLogs(j, dir.resolve("journal/msg-clients"));
        DeliveryLog log = logs.open("node.1");
        assertFalse(log.isDuplicate(7, 42L, true));
        log.journaled(7, 42L);
        assertTrue(log.isDuplicate(7, 42L, false), "journaled, not acknowledged: any copy is a duplicate");
        assertFalse(log.isDuplicate(7, 43L, true), "another payload under the same packet id is new");
        log.released(7, 42L);
        assertFalse(log.isDuplicate(7, 42L, false), "after the PUBACK the packet id may carry a new message");
        assertTrue(log.isDuplicate(7, 42L, true), "a DUP copy of the acknowledged message is skipped");
        log.journaled(9, 5L);
        log.forget(9, 5L);
        assertFalse(log.isDuplicate(9, 5L, true), "rows that could not be journaled must be taken again");
    }

    @Test
    void marksPersistedAtTheFlushSurviveARestart() throws Exception {
        Journal j = Journal.open(dir.resolve("journal"), JournalMode.ALWAYS);
        DeliveryLogs logs = new DeliveryLogs(j, dir.resolve("journal/msg-clients"));
        DeliveryLog log = logs.open("node.2");
        byte[] mark = log.mark(300, -5L);
        logs.persist(List.of(mark)); // what the flush (or recovery) does before the segment is deleted
        log.close();

        DeliveryLogs afterCrash = new DeliveryLogs(Journal.open(dir.resolve("journal"), JournalMode.ALWAYS),
                dir.resolve("journal/msg-clients"));
        DeliveryLog again = afterCrash.open("node.2");
        assertTrue(again.isDuplicate(300, -5L, true));
        assertEquals(List.of(300), again.ids());
    }

    @Test
    void aRecordOfABatchCarriesTheMarksOfAllItsMessages() throws Exception {
        Journal j = Journal.open(dir.resolve("journal"), JournalMode.ALWAYS);
        DeliveryLogs logs = new DeliveryLogs(j, dir.resolve("journal/msg-clients"));
        DeliveryLog a = logs.open("node.3");
        DeliveryLog b = logs.open("node.4");
        java.io.ByteArrayOutputStream marks = new java.io.ByteArrayOutputStream();
        marks.writeBytes(a.mark(1, 11L));
        marks.writeBytes(b.mark(2, 22L));
        marks.writeBytes(a.mark(3, 33L));
        logs.persist(List.of(marks.toByteArray())); // the marks of one record: messages appended together
        a.close();
        b.close();

        DeliveryLogs afterCrash = new DeliveryLogs(Journal.open(dir.resolve("journal"), JournalMode.ALWAYS),
                dir.resolve("journal/msg-clients"));
        DeliveryLog a2 = afterCrash.open("node.3");
        DeliveryLog b2 = afterCrash.open("node.4");
        assertEquals(java.util.Set.of(1, 3), java.util.Set.copyOf(a2.ids()));
        assertEquals(List.of(2), b2.ids());
        assertTrue(a2.isDuplicate(3, 33L, true));
        assertTrue(b2.isDuplicate(2, 22L, true));
    }
}
