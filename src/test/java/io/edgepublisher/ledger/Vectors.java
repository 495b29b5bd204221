package io.edgepublisher.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads conformance vectors from the test class path. */
public final class Vectors {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Vectors() {
    }

    public static byte[] bytes(String path) {
        try (InputStream in = Vectors.class.getResourceAsStream("/conformance/" + path)) {
            if (in == null) {
                throw new IllegalStateException("missing vector " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String path) {
        return new String(bytes(path), StandardCharsets.UTF_8);
    }

    public static JsonNode json(String path) {
        try {
            return MAPPER.readTree(bytes(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
