package io.edgepublisher.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The captured frame vectors under {@code conformance/frames/**}: each {@code X.bin} with its {@code X.json}. */
final class ConformanceVectors {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TEXT_FILE = Pattern.compile("\\((text/[^)]+)\\)");

    static Path root() {
        try {
            return Paths.get(ConformanceVectors.class.getResource("/conformance").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every vector, sorted by path. */
    static List<Vector> all() {
        Path frames = root().resolve("frames");
        try (Stream<Path> files = Files.walk(frames)) {
            List<Vector> out = new ArrayList<>();
            for (Path bin : files.filter(p -> p.toString().endsWith(".bin")).sorted().toList()) {
                String base = bin.getFileName().toString().replaceFirst("\\.bin$", "");
                Path json = bin.resolveSibling(base + ".json");
                out.add(new Vector(frames.relativize(bin).toString().replaceFirst("\\.bin$", ""), bin,
                        JSON.readTree(json.toFile()), Files.readAllBytes(bin)));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Vector> under(String folder) {
        return all().stream().filter(v -> v.name().startsWith(folder + "/")).toList();
    }

    static Vector named(String name) {
        return all().stream().filter(v -> v.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no vector " + name));
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One capture.
     *
     * @param name    path under frames/ without .bin, e.g. {@code replies/get_status.reply}
     * @param bin     the .bin file
     * @param sidecar the parsed .json
     * @param bytes   the .bin content, 2048 bytes per frame
     */
    record Vector(String name, Path bin, JsonNode sidecar, byte[] bytes) {

        int frameCount() {
            return bytes.length / FrameLayout.FRAME_SIZE;
        }

        JsonNode frame(int i) {
            return sidecar.get("frames").get(i);
        }

        /** The file the joined payloads must equal, or null when the sidecar names none. */
        Path payloadFile() {
            Path dir = bin.getParent();
            if (sidecar.has("source_file")) {
                return dir.resolve(sidecar.get("source_file").asText());
            }
            if (sidecar.has("payload_equals_file")) {
                return root().resolve(sidecar.get("payload_equals_file").asText());
            }
            for (JsonNode check : sidecar.path("checks")) {
                Matcher m = TEXT_FILE.matcher(check.path("check").asText());
                if (m.find()) {
                    return root().resolve(m.group(1));
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
