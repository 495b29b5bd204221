package io.edgepublisher.store;

import java.nio.file.Path;

/** How to reach one logical database (the options of {@code connect dbms}, COMMANDS.md §4.6). */
public record DbmsSettings(String name, Dialect dialect, String host, int port, String user, String password,
                           boolean memory, Path sqliteDir) {

    public String jdbcUrl() {
        if (dialect == Dialect.SQLITE) {
            return memory ? "jdbc:sqlite:file:" + name + "?mode=memory&cache=shared"
                : "jdbc:sqlite:" + sqliteDir.resolve(name + ".dbms");
        }
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    /** Where it is, without credentials, for messages. */
    public String describe() {
        if (dialect == Dialect.SQLITE) {
            return memory ? "SQLite in memory" : "SQLite " + sqliteDir.resolve(name + ".dbms");
        }
        return "PostgreSQL " + host + ":" + port + "/" + name;
    }
}
