package io.edgepublisher.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged node started as a separate JVM ({@code java -jar target/edge-publisher.jar}), for *IT tests. */
public final class JarProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final Path err;

    private JarProcess(Process process, Path log, Path err) {
        this.process = process;
        this.log = log;
        this.err = err;
    }

    public static Path jar() {
        String p = System.getProperty("ep.jar", "target/edge-publisher.jar");
        return Path.of(p).toAbsolutePath();
    }

    /** Starts the jar with its standard output and standard error in one file, {@code node.log}. */
    public static JarProcess start(Path workDir, Map<String, String> env, List<String> args) throws IOException {
        return start(workDir, env, args, false, List.of(), List.of());
    }

    /** As {@link #start(Path, Map, List)}, with options for the JVM (e.g. {@code -Xmx256m}). */
    public static JarProcess start(Path workDir, Map<String, String> env, List<String> jvmOptions, List<String> args)
            throws IOException {
        return start(workDir, env, args, false, List.of(), jvmOptions);
    }

    /**
     * Starts the jar with standard output in {@code node.log} and standard error in {@code node.err}, for tests of
     * what the node writes on which stream.
     */
    public static JarProcess startSplit(Path workDir, Map<String, String> env, List<String> args) throws IOException {
        return start(workDir, env, args, true, List.of(), List.of());
    }

    /**
     * As {@link #startSplit}, with SIGINT handled as by default even when this JVM ignores it (a background job of
     * a shell does): the jar then gets Ctrl-C's signal as it would in a terminal. Needs GNU env 8.31 or later.
     */
    public static JarProcess startSplitWithDefaultSigint(Path workDir, Map<String, String> env, List<String> args)
        throws IOException {
        return start(workDir, env, args, true, List.of("env", "--default-signal=INT"), List.of());
    }

    private static JarProcess start(Path workDir, Map<String, String> env, List<String> args, boolean split,
                                    List<String> launcher, List<String> jvmOptions) throws IOException {
        List<String> cmd = new ArrayList<>(launcher);
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-jar");
        cmd.add(jar().toString());
        cmd.addAll(args);
        Path log = workDir.resolve("node.log");
        Path err = split ? workDir.resolve("node.err") : null;
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile())
            .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        if (split) {
            pb.redirectError(err.toFile());
        } else {
            pb.redirectErrorStream(true);
        }
        pb.environment().putAll(env);
        return new JarProcess(pb.start(), log, err);
    }

    public Process process() {
        return process;
    }

    /** The peak resident set size of the process so far ({@code VmHWM}), in bytes; -1 when unknown. */
    public long peakRssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or the process is gone
        }
        return -1;
    }

    /** Everything the node wrote (for {@link #startSplit}: standard output, then standard error). */
    public String log() throws IOException {
        String out = Files.exists(log) ? Files.readString(log) : "";
        return err == null ? out : out + stderr();
    }

    /** What the node wrote on standard error ({@link #startSplit} only). */
    public String stderr() throws IOException {
        if (err == null) {
            throw new IllegalStateException("standard error is merged into node.log: start with startSplit");
        }
        return Files.exists(err) ? Files.readString(err) : "";
    }

    /** Sends SIGTERM (what {@code docker stop} and {@code kill} send) and waits for the exit; the exit status. */
    public int terminate(long seconds) throws InterruptedException {
        process.destroy();
        return waitFor(seconds);
    }

    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public int waitFor(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            return Integer.MIN_VALUE;
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
