package io.edgepublisher.support;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * File names as replies may show them: a client learns which file failed and why, never where the node lives on the
 * server. Paths inside the node home are shown relative to it; reasons of I/O errors are given without the path the
 * JDK puts in front of them.
 */
public final class PathText {
    private PathText() {
    }

    /** {@code path} relative to {@code home} when it lies inside it (e.g. {@code AnyLog-Network/data/prep/x.json}). */
    public static String relative(Path home, Path path) {
        if (home == null || path == null) {
            return String.valueOf(path);
        }
        Path h = home.toAbsolutePath().normalize();
        Path p = path.toAbsolutePath().normalize();
        return p.startsWith(h) && !p.equals(h) ? h.relativize(p).toString() : path.toString();
    }

    /**
     * What went wrong, without the file's path: {@code No space left on device}, {@code File name too long},
     * {@code Permission denied}…
     */
    public static String reason(IOException e) {
        if (e instanceof FileSystemException fse) {
            if (fse.getReason() != null) {
                return fse.getReason();
            }
            if (e instanceof NoSuchFileException) {
                return "No such file or directory";
            }
            if (e instanceof FileAlreadyExistsException) {
                return "File exists";
            }
            if (e instanceof AccessDeniedException) {
                return "Permission denied";
            }
            return e.getClass().getSimpleName();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** {@link #reason(IOException)} for any failure: the message of other exceptions, or their class name. */
    public static String reason(Throwable e) {
        if (e instanceof IOException io) {
            return reason(io);
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /**
     * Replaces every occurrence of the absolute node home in {@code text}: {@code <home>/x} becomes {@code x}, the
     * home itself {@code .}. The last line of defence for reply texts built from messages the node does not control.
     */
    public static String scrub(String text, Path home) {
        if (text == null || home == null) {
            return text;
        }
        String h = home.toAbsolutePath().normalize().toString();
        if (h.equals("/") || h.isEmpty() || !text.contains(h)) {
            return text;
        }
        return text.replace(h + "/", "").replace(h, ".");
    }
}
