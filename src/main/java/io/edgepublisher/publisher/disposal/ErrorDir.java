package io.edgepublisher.publisher.disposal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The publisher's error dir (PUBLISHER.md §8): names {@code <name without last ext>.err_<code>.<epoch>.<last ext>}
 * with an epoch that is unique within the node, and the reverse mapping used by {@code publisher requeue}.
 */
public final class ErrorDir {
    private static final Pattern MARKED = Pattern.compile("^(.+)\\.err_(\\d+)\\.(\\d+)(\\.[^.]+)?$");

    private final Path dir;
    private final Clock clock;
    private final AtomicLong lastEpoch;

    /**
     * @param lastEpoch the last epoch used, shared by every run of the node (an epoch must never repeat within the
     *                  node, or a later move would replace an earlier error file)
     */
    public ErrorDir(Path dir, Clock clock, AtomicLong lastEpoch) {
        this.dir = dir;
        this.clock = clock;
        this.lastEpoch = lastEpoch;
    }

    /** An error dir with its own epoch counter (tests). */
    public ErrorDir(Path dir, Clock clock) {
        this(dir, clock, new AtomicLong());
    }

    public Path dir() {
        return dir;
    }

    /** UTC seconds now, or the last one used plus 1 when now is not greater (§8). */
    public long nextEpoch() {
        long now = clock.millis() / 1000;
        return lastEpoch.updateAndGet(last -> now > last ? now : last + 1);
    }

    /** The error-dir name of {@code currentName} for {@code code}. */
    public static String errorName(String currentName, int code, long epoch) {
        int dot = currentName.lastIndexOf('.');
        if (dot <= 0) {
            return currentName + ".err_" + code + "." + epoch;
        }
        return currentName.substring(0, dot) + ".err_" + code + "." + epoch + currentName.substring(dot);
    }

    /** Moves {@code file} into the error dir under the marked form of {@code currentName}; returns the new path. */
    public Path move(Path file, String currentName, int code) throws IOException {
        Path target = dir.resolve(errorName(currentName, code, nextEpoch()));
        FileMoves.move(file, target);
        return target;
    }

    /** An error-dir name split into the original name and its code, or null when it carries no marker. */
    public record Marked(String original, int code, long epoch) {
    }

    public static Marked parse(String errorName) {
        Matcher m = MARKED.matcher(errorName);
        if (!m.matches()) {
            return null;
        }
        String ext = m.group(4) == null ? "" : m.group(4);
        try {
            return new Marked(m.group(1) + ext, Integer.parseInt(m.group(2)), Long.parseLong(m.group(3)));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
