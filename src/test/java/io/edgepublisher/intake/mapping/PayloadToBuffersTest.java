package io.edgepublisher.intake.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgepublisher.streamer.AppendResult;
import io.edgepublisher.streamer.FlushedFile;
import io.edgepublisher.streamer.StreamerDirs;
import io.edgepublisher.streamer.StreamingBuffers;
import io.edgepublisher.streamer.ThresholdTable;
import io.edgepublisher.streamer.journal.Journal;
import io.edgepublisher.streamer.journal.JournalMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A payload's rows reach the buffers of their keys; acknowledgement waits for all of them. */
class PayloadToBuffersTest {
    @Test
    void appendToBuffers(@TempDir Path tmp) throws Exception {
        StreamerDirs dirs = new StreamerDirs(Files.createDirectories(tmp.resolve("p")),
                Files.createDirectories(tmp.resolve("w")), Files.createDirectories(tmp.resolve("e")));
        TopicMapping m = TopicMappingTest.mapping("bring [d]", "t", ColumnSpec.shortForm("v", "int", "bring [v]"));
        PayloadResult r = PayloadMapper.map(m, "[{\"d\": \"a\", \"v\": 1}, {\"d\": \"b\", \"v\": 2}, {\"d\": \"a\", \"v\": 3}]"
                .getBytes(StandardCharsets.UTF_8), PayloadMapper.DEFAULT_LIMIT);
        try (StreamingBuffers sb = new StreamingBuffers(dirs, Journal.open(tmp.resolve("j"), JournalMode.group(1)),
                new ThresholdTable(), TopicMappingTest.CLOCK)) {
            List<AppendResult> acks = r.appendTo(sb).get(5, TimeUnit.SECONDS);
            assertEquals(2, acks.size());
            List<FlushedFile> files = sb.flushAll();
            assertEquals(List.of("{\"v\":1}\n{\"v\":3}", "{\"v\":2}"), files.stream()
                    .sorted((x, y) -> x.name().compareTo(y.name()))
                    .map(f -> read(f.path())).toList());
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
