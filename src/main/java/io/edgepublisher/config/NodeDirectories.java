package io.edgepublisher.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The node's folders under {@code <home>/AnyLog-Network} (CONFIG.md §5.2): created at start with mode 0750, put in
 * the dictionary under AnyLog's key names, and checked for the conditions the node must refuse to start with.
 */
public final class NodeDirectories {
    private final Path home;
    private final Path root;
    private final Map<String, Path> dirs = new LinkedHashMap<>();

    private NodeDirectories(Path home) {
        this.home = home.toAbsolutePath().normalize();
        this.root = this.home.resolve("AnyLog-Network");
        Path data = root.resolve("data");
        dirs.put("id_dir", root.resolve("anylog"));
        dirs.put("blockchain_dir", root.resolve("blockchain"));
        dirs.put("local_scripts", root.resolve("scripts"));
        for (String d : new String[] {"prep", "watch", "bkup", "dbms", "archive", "distr", "pem", "test", "blobs",
            "bwatch", "tmp", "journal", "state"}) {
            dirs.put(d + "_dir", data.resolve(d));
        }
        dirs.put("err_dir", data.resolve("error"));
    }

    /** The home folder from the settings: EP_HOME, ANYLOG_PATH, EDGELAKE_HOME, EDGELAKE_PATH, else the cwd. */
    public static NodeDirectories resolve(Settings settings) {
        for (String name : new String[] {"EP_HOME", "ANYLOG_PATH", "EDGELAKE_HOME", "EDGELAKE_PATH"}) {
            String v = settings.get(name);
            if (v != null) {
                return new NodeDirectories(Path.of(v));
            }
        }
        return new NodeDirectories(Path.of(System.getProperty("user.dir")));
    }

    public static NodeDirectories at(Path home) {
        return new NodeDirectories(home);
    }

    /** Creates every folder, checks the start conditions and writes the dictionary keys. */
    public void prepare(Dictionary dictionary) {
        if (root.toString().chars().anyMatch(Character::isWhitespace)) {
            throw new ConfigException("Node home '" + root + "' contains white space: the ledger path travels in a"
                + " space-separated peer message; set EP_HOME to a path without spaces");
        }
        for (Path p : dirs.values()) {
            try {
                if (!Files.isDirectory(p)) {
                    Files.createDirectories(p);
                    try {
                        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-x---"));
                    } catch (UnsupportedOperationException e) {
                        // not a POSIX file system
                    }
                }
            } catch (IOException e) {
                throw new ConfigException("Cannot create node directory " + p + ": " + e.getMessage()
                    + " (is EP_HOME writable?)");
            }
        }
        if (!Files.isWritable(root)) {
            throw new ConfigException("Node root " + root + " is not writable");
        }
        Object devPrep = deviceOf(dir("prep_dir"));
        if (devPrep != null && (!devPrep.equals(deviceOf(dir("watch_dir"))) || !devPrep.equals(deviceOf(dir("err_dir"))))) {
            throw new ConfigException("prep, watch and error directories must be on one file system (atomic renames)");
        }
        dictionary.put("anylog_path", home.toString());
        dictionary.put("edgelake_path", home.toString());
        for (Map.Entry<String, Path> e : dirs.entrySet()) {
            dictionary.put(e.getKey(), e.getValue().toString());
        }
        Path bc = dir("blockchain_dir");
        dictionary.put("blockchain_file", bc.resolve("blockchain.json").toString());
        dictionary.put("blockchain_new", bc.resolve("blockchain.new").toString());
        dictionary.put("blockchain_sql", bc.resolve("blockchain.sql").toString());
        dictionary.put("io_buff_size", "2048");
    }

    private static Object deviceOf(Path p) {
        try {
            return Files.getAttribute(p, "unix:dev", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
    }

    public Path home() {
        return home;
    }

    public Path root() {
        return root;
    }

    public Path dir(String key) {
        Path p = dirs.get(key);
        if (p == null) {
            throw new IllegalArgumentException("No node directory named " + key);
        }
        return p;
    }

    public Path blockchainFile() {
        return dir("blockchain_dir").resolve("blockchain.json");
    }

    public Path blockchainNew() {
        return dir("blockchain_dir").resolve("blockchain.new");
    }
}
