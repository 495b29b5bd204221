package io.edgepublisher.wire.server;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The name rules of PROTOCOL.md §8.3 rule 1 for files a peer may write here, and the large-message name
 * {@code cmd.<ip>.<k>.lmsg} of §7.6.
 */
final class BareFileName {
    static final int MAX_BYTES = 255;
    private static final Pattern LARGE_MESSAGE = Pattern.compile("cmd\\.[^\\s]+\\.[0-9]{1,9}\\.lmsg");

    private BareFileName() {
    }

    /** Why {@code name} is not a bare file name, or null when it is one. */
    static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "the file name is empty";
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return "the file name is longer than " + MAX_BYTES + " bytes";
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            return "the file name contains a path separator";
        }
        if (name.contains("..")) {
            return "the file name contains '..'";
        }
        if (name.startsWith(".") || name.startsWith("!")) {
            return "the file name starts with '" + name.charAt(0) + "'";
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                return "the file name contains a control character";
            }
        }
        return null;
    }

    /** Why {@code name} is not a large-message name {@code cmd.<ip>.<k>.lmsg}, or null when it is one. */
    static String largeMessageProblem(String name) {
        String p = problem(name);
        if (p != null) {
            return p;
        }
        return LARGE_MESSAGE.matcher(name).matches() ? null : "a large message must be named cmd.<ip>.<k>.lmsg";
    }
}
