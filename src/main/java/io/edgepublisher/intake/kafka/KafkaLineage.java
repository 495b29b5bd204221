package io.edgepublisher.intake.kafka;

import java.util.ArrayList;
import java.util.List;

/**
 * Commit tokens with lineage, carried in Kafka's commit metadata ({@code OffsetAndMetadata.metadata}). Every commit of
 * this node carries {@code ep1 <token> <base tokens…>}: the token names the commit ({@code <process>.<sequence>}, the
 * process part random per start of the node, the sequence counting its commits), the base is the chain the partition's
 * commit held when this node was assigned it (the previous owner's token and its base), newest first and cut to
 * {@link #MAX_BASE} tokens. So the group's commit of a partition tells which commits came before it, across hand-overs.
 *
 * <p>{@link #resolve} decides whether a commit whose answer this node never saw (killed, timed out) reached the broker.
 * Pure logic, no Kafka client.
 */
final class KafkaLineage {
    static final String VERSION = "ep1";
    static final int MAX_BASE = 16;

    /** What the group's commit says about one of this node's commits. */
    enum Outcome {
        /** The commit, or a later one of the same process, is in the chain: it reached the broker. */
        REACHED,
        /** An earlier commit of the same process is in the chain, this one is not: it never reached the broker. */
        FAILED,
        /** Neither (chain cut, nothing committed, or a consumer that is not Edge Publisher committed). */
        UNKNOWN
    }

    private KafkaLineage() {
    }

    /** A fresh process part: 8 hex digits. */
    static String newProcess() {
        return String.format("%08x", new java.security.SecureRandom().nextInt());
    }

    static String token(String process, long sequence) {
        return process + '.' + sequence;
    }

    /** The commit metadata of {@code token} on top of {@code base} (tokens, newest first). */
    static String metadata(String token, List<String> base) {
        StringBuilder sb = new StringBuilder(VERSION).append(' ').append(token);
        int n = 0;
        for (String t : base) {
            if (n++ == MAX_BASE) {
                break;
            }
            sb.append(' ').append(t);
        }
        return sb.toString();
    }

    /** The tokens of a commit's metadata, its own first; empty when it is not ours (or there is no commit). */
    static List<String> chain(String metadata) {
        if (metadata == null || !metadata.startsWith(VERSION + ' ')) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String t : metadata.substring(VERSION.length() + 1).split(" ")) {
            if (!t.isEmpty() && t.indexOf('.') > 0) {
                out.add(t);
            }
        }
        return out;
    }

    /** The base a node takes when it is assigned a partition whose commit carries {@code metadata}. */
    static List<String> base(String metadata) {
        List<String> c = chain(metadata);
        return c.size() > MAX_BASE ? List.copyOf(c.subList(0, MAX_BASE)) : c;
    }

    /** Whether the commit {@code token} of this node reached the broker, given the group's commit metadata now. */
    static Outcome resolve(String token, String metadata) {
        int dot = token.lastIndexOf('.');
        String process = token.substring(0, dot + 1);
        long seq = Long.parseLong(token.substring(dot + 1));
        boolean earlier = false;
        for (String t : chain(metadata)) {
            if (t.equals(token)) {
                return Outcome.REACHED;
            }
            if (t.startsWith(process) && t.length() > process.length() && t.indexOf('.', process.length()) < 0) {
                long s;
                try {
                    s = Long.parseLong(t.substring(process.length()));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (s > seq) {
                    return Outcome.REACHED; // a later commit of the same process covers at least as much
                }
                earlier = true;
            }
        }
        return earlier ? Outcome.FAILED : Outcome.UNKNOWN;
    }
}
