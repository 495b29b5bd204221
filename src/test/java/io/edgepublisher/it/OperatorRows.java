package io.edgepublisher.it;

import io.edgepublisher.wire.testing.OperatorSink;
import io.edgepublisher.wire.testing.ReceivedFile;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The rows the operator double stored, counted by their {@code seq}, for the scale-out ITs. */
final class OperatorRows {
    private static final Pattern SEQ = Pattern.compile("\"seq\": ?(\\d+)");

    private OperatorRows() {
    }

    /**
     * {@code seq} → how many stored rows hold it, over the files the sink stored (a file name received twice is counted
     * once: that is the resend tsd_info rejects on a real operator).
     */
    static Map<Integer, Integer> seqs(OperatorSink sink) throws Exception {
        Map<Integer, Integer> out = new HashMap<>();
        Set<String> names = new HashSet<>();
        for (ReceivedFile f : sink.files()) {
            if (!names.add(f.name()) || f.path() == null || !Files.exists(f.path())) {
                continue;
            }
            for (String line : Files.readString(f.path()).split("\n")) {
                Matcher m = SEQ.matcher(line);
                if (m.find()) {
                    out.merge(Integer.parseInt(m.group(1)), 1, Integer::sum);
                }
            }
        }
        return out;
    }

    /** How the rows {@code 0 … expected-1} arrived: the ones missing, and the extra copies of the others. */
    record Tally(List<Integer> missing, int duplicated) {
        static Tally of(Map<Integer, Integer> seqs, int expected) {
            List<Integer> missing = new ArrayList<>();
            int duplicated = 0;
            for (int s = 0; s < expected; s++) {
                Integer n = seqs.get(s);
                if (n == null) {
                    missing.add(s);
                } else if (n > 1) {
                    duplicated += n - 1;
                }
            }
            return new Tally(missing, duplicated);
        }

        /** The first 30 missing, for a failure message. */
        String missingSample() {
            return missing.subList(0, Math.min(30, missing.size())) + " of " + missing.size();
        }
    }

    /** How many files the sink received from the node whose TCP port is {@code tcpPort}. */
    static int filesFrom(OperatorSink sink, String tcpPort) {
        int n = 0;
        for (ReceivedFile f : sink.files()) {
            if (f.source() != null && Integer.toString(f.source().port()).equals(tcpPort)) {
                n++;
            }
        }
        return n;
    }

    /** The publisher lines of a boot script delivering database {@code dbms} to the sink. */
    static String publisherScript(String dbms, int tcpPort, OperatorSink sink) {
        return "run tcp server where internal_ip = 127.0.0.1 and internal_port = " + tcpPort + "\n"
            + "connect dbms almgm where type = sqlite\n"
            + "create table tsd_info where dbms = almgm\n"
            + "set data distribution where dbms = " + dbms + " and table = * and dest = " + sink.address() + "\n"
            + "run publisher where ack_wait = 1 second and retry_max = 2 seconds and delete_json = true\n";
    }
}
