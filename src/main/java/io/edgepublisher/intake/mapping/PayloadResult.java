package io.edgepublisher.intake.mapping;

import io.edgepublisher.streamer.AppendResult;
import io.edgepublisher.streamer.BufferKey;
import io.edgepublisher.streamer.StreamingBuffers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The outcome of one payload (an MQTT PUBLISH or a REST POST body), which may hold several messages (a JSON list).
 * {@link #batches()} merges the rows of the successful messages per buffer key, ready to append.
 */
public final class PayloadResult {
    private final List<MessageResult> messages;
    private List<RowBatch> merged;

    PayloadResult(List<MessageResult> messages) {
        this.messages = messages;
    }

    /** One entry per message, in payload order. */
    public List<MessageResult> messages() {
        return messages;
    }

    public int failures() {
        int n = 0;
        for (MessageResult m : messages) {
            n += m.ok() ? 0 : 1;
        }
        return n;
    }

    /** The first failed message, or null. */
    public MessageResult firstFailure() {
        for (MessageResult m : messages) {
            if (!m.ok()) {
                return m;
            }
        }
        return null;
    }

    public int rows() {
        int n = 0;
        for (MessageResult m : messages) {
            n += m.rows();
        }
        return n;
    }

    /** Rows of the successful messages per buffer key (first-appearance order), joined with {@code \n}. */
    public List<RowBatch> batches() {
        if (merged == null) {
            merged = merge();
        }
        return merged;
    }

    /**
     * Appends {@link #batches()} to the buffers; the future completes when all of them are durable (then the
     * message may be acknowledged) and fails with the first journal error.
     */
    public CompletableFuture<List<AppendResult>> appendTo(StreamingBuffers buffers) {
        return appendTo(buffers, null);
    }

    /** As {@link #appendTo(StreamingBuffers)}, every record carrying the delivery mark {@code mark} (or none). */
    public CompletableFuture<List<AppendResult>> appendTo(StreamingBuffers buffers, byte[] mark) {
        List<RowBatch> bs = batches();
        if (bs.size() == 1) {
            RowBatch b = bs.get(0);
            return buffers.appendAsync(b.key(), b.text(), b.rows(), mark).thenApply(List::of);
        }
        List<CompletableFuture<AppendResult>> fs = new ArrayList<>(bs.size());
        for (RowBatch b : bs) {
            fs.add(buffers.appendAsync(b.key(), b.text(), b.rows(), mark));
        }
        return CompletableFuture.allOf(fs.toArray(new CompletableFuture[0]))
                .thenApply(v -> fs.stream().map(CompletableFuture::join).toList());
    }

    private List<RowBatch> merge() {
        if (messages.size() == 1) {
            return messages.get(0).batches();
        }
        Map<BufferKey, StringBuilder> text = new LinkedHashMap<>();
        Map<BufferKey, Integer> rows = new LinkedHashMap<>();
        for (MessageResult m : messages) {
            for (RowBatch b : m.batches()) {
                StringBuilder sb = text.get(b.key());
                if (sb == null) {
                    text.put(b.key(), new StringBuilder(b.text()));
                    rows.put(b.key(), b.rows());
                } else {
                    sb.append('\n').append(b.text());
                    rows.merge(b.key(), b.rows(), Integer::sum);
                }
            }
        }
        List<RowBatch> out = new ArrayList<>(text.size());
        text.forEach((k, sb) -> out.add(new RowBatch(k, sb.toString(), rows.get(k))));
        return out;
    }
}
