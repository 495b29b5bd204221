package io.edgepublisher.streamer;

/**
 * The outcome of an acknowledged append: {@code hash} is {@code 0}, or the hash of the file this append's threshold
 * flush wrote (REST PUT streaming replies with it, REST.md §6.3).
 */
public record AppendResult(String hash, FlushedFile flushed) {
    public static final AppendResult NOT_FLUSHED = new AppendResult("0", null);

    static AppendResult of(FlushedFile f) {
        return f == null ? NOT_FLUSHED : new AppendResult(f.hash(), f);
    }
}
