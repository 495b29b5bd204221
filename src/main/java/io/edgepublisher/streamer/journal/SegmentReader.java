package io.edgepublisher.streamer.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads one segment: header, then records until the end or the first incomplete or CRC-failing record. */
final class SegmentReader {
    private SegmentReader() {
    }

    static RecoveredSegment read(Path path) throws IOException {
        byte[] data = Files.readAllBytes(path);
        RecordCodec.Decoded d = RecordCodec.decode(data, data.length);
        List<int[]> payloads = d.payloads();
        long discarded = data.length - d.validLength();
        if (payloads.isEmpty()) {
            return new RecoveredSegment(path, null, new byte[0], 0, 0, discarded, List.of(), List.of());
        }
        SegmentHeader header = SegmentHeader.parse(data, payloads.get(0)[0], payloads.get(0)[1]);
        if (header == null) {
            return new RecoveredSegment(path, null, new byte[0], 0, 0, data.length, List.of(), List.of());
        }
        List<RecoveredSegment.Entry> entries = new ArrayList<>(payloads.size() - 1);
        for (int i = 1; i < payloads.size(); i++) {
            int off = payloads.get(i)[0];
            int len = payloads.get(i)[1];
            int skip = DeliveryMarks.textOffset(data, off, len);
            byte[] mark = skip > 0 ? Arrays.copyOfRange(data, off + 3, off + skip) : null;
            entries.add(new RecoveredSegment.Entry(mark, Arrays.copyOfRange(data, off + skip, off + len)));
        }
        return RecoveredSegment.of(path, header, discarded, entries);
    }
}
