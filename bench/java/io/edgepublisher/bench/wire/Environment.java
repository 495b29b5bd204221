package io.edgepublisher.bench.wire;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;

/** The machine a benchmark ran on, for the record in BENCHMARKS.md. */
final class Environment {
    private Environment() {
    }

    static String describe() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
        } catch (IOException e) {
            // not Linux: keep "unknown"
        }
        String load = "";
        try {
            load = ", load average " + Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            // not Linux
        }
        return ZonedDateTime.now() + ": " + Runtime.getRuntime().availableProcessors() + " cores, " + cpu + ", Java "
            + System.getProperty("java.vm.version") + " (" + System.getProperty("java.vm.name") + ")" + load;
    }
}
