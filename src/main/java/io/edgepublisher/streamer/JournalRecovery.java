package io.edgepublisher.streamer;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.streamer.journal.Journal;
import io.edgepublisher.streamer.journal.RecoveredSegment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Boot-time recovery (INTAKE.md §6.4): each segment's complete records are rebuilt into the buffer text; if the file
 * that text produces is already in its destination the flush had completed and the segment is deleted, otherwise the
 * file is written now. The result is byte-for-byte the file the interrupted flush would have written, except for the
 * records the {@link RecoveryFilter} drops (records a message source will deliver again, docs/SCALING.md): those are
 * left out of the file.
 */
final class JournalRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(JournalRecovery.class);

    private JournalRecovery() {
    }

    static RecoveryReport run(Journal journal, StreamerDirs dirs, Consumer<FlushedFile> notify, MarkSink marks)
            throws IOException {
        return run(journal, dirs, notify, marks, RecoveryFilter.NONE);
    }

    static RecoveryReport run(Journal journal, StreamerDirs dirs, Consumer<FlushedFile> notify, MarkSink marks,
            RecoveryFilter filter) throws IOException {
        return run(journal.readSegments(), dirs, notify, marks, filter, new ArrayList<>());
    }

    /**
     * Recovers {@code segments}; a segment with a record the filter {@linkplain RecoveryFilter#hold holds} is left
     * as it is and added to {@code held}.
     */
    static RecoveryReport run(List<RecoveredSegment> segments, StreamerDirs dirs, Consumer<FlushedFile> notify,
            MarkSink marks, RecoveryFilter filter, List<Path> held) throws IOException {
        List<FlushedFile> flushed = new ArrayList<>();
        List<Path> already = new ArrayList<>();
        List<Path> empty = new ArrayList<>();
        List<Path> failed = new ArrayList<>();
        long discarded = 0;
        // first the segments whose flush had completed: their marks count before any record is dropped
        List<RecoveredSegment> pending = new ArrayList<>();
        for (RecoveredSegment r : segments) {
            discarded += r.discardedBytes();
            if (!r.hasData()) {
                Files.deleteIfExists(r.path());
                empty.add(r.path());
                continue;
            }
            BufferKey key = BufferKey.parse(r.header().key(), r.header().error());
            if (key == null) {
                LOG.error("Journal segment {} names an invalid buffer key '{}'; kept", r.path(), r.header().key());
                failed.add(r.path());
                continue;
            }
            if (Files.exists(destination(dirs, key).resolve(name(key, r.text())))) {
                marks.persist(r.marks()); // before the segment, the only other copy, goes
                Files.deleteIfExists(r.path());
                already.add(r.path());
            } else {
                pending.add(r);
            }
        }
        Map<String, Integer> dropped = new TreeMap<>();
        for (RecoveredSegment whole : pending) {
            BufferKey key = BufferKey.parse(whole.header().key(), whole.header().error());
            if (whole.marks().stream().anyMatch(filter::hold)) {
                held.add(whole.path()); // its source cannot tell yet whether some records were acknowledged
                continue;
            }
            RecoveredSegment r = whole.without(mark -> {
                String of = filter.drop(mark);
                if (of != null) {
                    dropped.merge(of, 1, Integer::sum);
                }
                return of != null;
            });
            if (!r.hasData()) {
                Files.deleteIfExists(r.path());
                empty.add(r.path());
                continue;
            }
            byte[] text = r.text();
            String hash = DataHash.md5(key.dbms(), key.table(), text);
            String name = DataFileName.of(key, hash);
            Path dest = destination(dirs, key);
            if (Files.exists(dest.resolve(name))) { // written at an earlier recovery that did not finish
                marks.persist(r.marks());
                Files.deleteIfExists(r.path());
                already.add(r.path());
                continue;
            }
            try {
                Path p = DataFileWriter.write(dirs, dest, name, text, text.length);
                marks.persist(r.marks());
                Files.deleteIfExists(r.path());
                FlushedFile f = new FlushedFile(key, p, hash, r.rows());
                flushed.add(f);
                notify.accept(f);
                LOG.info("Recovered {} rows of {} from the journal into {}", r.rows(), key, name);
            } catch (CommandException e) {
                failed.add(r.path());
            }
        }
        dropped.forEach((of, n) -> LOG.info("Journal recovery: dropped {} journal records of {}: never acknowledged to their"
            + " source, which delivers them again", n, of));
        return new RecoveryReport(flushed, already, empty, failed, discarded);
    }

    private static Path destination(StreamerDirs dirs, BufferKey key) {
        return key.isError() ? dirs.err() : dirs.watch();
    }

    private static String name(BufferKey key, byte[] text) {
        return DataFileName.of(key, DataHash.md5(key.dbms(), key.table(), text));
    }
}
