package io.edgepublisher.config;

import io.edgepublisher.command.Options;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code EP_DATA_DISTRIBUTION} (CONFIG.md §2.9): {@code <dbms>.<table>=<ip:port>[,…][;…]} turned into a script of
 * {@code set data distribution} lines that the boot script's step 11 processes.
 */
public final class DataDistributionEnv {
    private DataDistributionEnv() {
    }

    public static List<String> commands(String value) {
        List<String> out = new ArrayList<>();
        for (String entry : value.split(";")) {
            String e = entry.trim();
            if (e.isEmpty()) {
                continue;
            }
            int eq = e.indexOf('=');
            if (eq <= 0) {
                throw invalid(e);
            }
            String key = e.substring(0, eq).trim();
            int dot = key.indexOf('.');
            if (dot <= 0 || dot == key.length() - 1 || key.indexOf('.', dot + 1) >= 0) {
                throw invalid(e);
            }
            String dbms = key.substring(0, dot);
            String table = key.substring(dot + 1);
            if (dbms.equals("*") && !table.equals("*")) {
                throw invalid(e);
            }
            StringBuilder cmd = new StringBuilder("set data distribution where dbms = " + dbms + " and table = " + table);
            String[] dests = e.substring(eq + 1).split(",");
            for (String d : dests) {
                String dest = d.trim();
                if (!Options.isIpPort(dest)) {
                    throw invalid(e);
                }
                cmd.append(" and dest = ").append(dest);
            }
            out.add(cmd.toString());
        }
        return out;
    }

    public static void writeScript(Dictionary d, NodeDirectories dirs) throws IOException {
        String value = d.get("data_distribution");
        if (value == null) {
            return;
        }
        List<String> lines = commands(value);
        Path script = dirs.dir("tmp_dir").resolve("data_distribution.al");
        Files.writeString(script, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        d.put("data_distribution_script", script.toString());
    }

    private static ConfigException invalid(String entry) {
        return new ConfigException("Invalid EP_DATA_DISTRIBUTION entry '" + entry
            + "': use <dbms>.<table>=<ip:port>[,<ip:port>] separated by ';'");
    }
}
