package io.edgepublisher.streamer.journal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
            return new RecoveredSegment(path, null, new byte[0], 0, 0, discarded, List.of());
        }
        SegmentHeader header = SegmentHeader.parse(data, payloads.get(0)[0], payloads.get(0)[1]);
        if (header == null) {
            return new RecoveredSegment(path, null, new byte[0], 0, 0, data.length, List.of());
        }
        ByteArrayOutputStream text = new ByteArrayOutputStream(d.validLength());
        int rows = 0;
        List<byte[]> marks = new java.util.ArrayList<>();
        for (int i = 1; i < payloads.size(); i++) {
            int off = payloads.get(i)[0];
            int len = payloads.get(i)[1];
            int skip = DeliveryMarks.textOffset(data, off, len);
            if (skip > 0) {
                marks.add(java.util.Arrays.copyOfRange(data, off + 3, off + skip));
                off += skip;
                len -= skip;
            }
            if (i > 1) {
                text.write('\n');
            }
            text.write(data, off, len);
            rows++;
            for (int k = off; k < off + len; k++) {
                if (data[k] == '\n') {
                    rows++;
                }
            }
        }
        return new RecoveredSegment(path, header, text.toByteArray(), payloads.size() - 1, rows, discarded, marks);
    }
}
