package io.edgepublisher.store;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The logical databases this node has connected ({@code connect dbms}), by lower-case name. */
public final class Databases {
    private final Map<String, Database> open = new ConcurrentHashMap<>();

    public Database get(String name) {
        return open.get(name);
    }

    public void put(Database db) {
        open.put(db.name(), db);
    }

    /** Connects {@code db} under another logical name (tests: a fresh PostgreSQL database as {@code almgm}). */
    public void put(String name, Database db) {
        open.put(name, db);
    }

    public void closeAll() {
        open.values().forEach(Database::close);
        open.clear();
    }
}
