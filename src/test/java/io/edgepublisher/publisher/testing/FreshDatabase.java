package io.edgepublisher.publisher.testing;

import io.edgepublisher.store.Database;
import io.edgepublisher.store.DbmsSettings;
import io.edgepublisher.store.Dialect;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * An {@code almgm} for one test: a SQLite file under the test's folder, or a fresh database on the local PostgreSQL
 * that {@link #close} drops again (it must be up: tests fail, not skip, without it).
 */
public final class FreshDatabase implements AutoCloseable {
    public final Database db;

    public FreshDatabase(Dialect dialect, Path dir) throws SQLException {
        if (dialect == Dialect.SQLITE) {
            db = Database.open(new DbmsSettings("almgm", Dialect.SQLITE, null, 0, null, null, false, dir));
            return;
        }
        String name = "ep_pub_" + Long.toHexString(System.nanoTime());
        admin("CREATE DATABASE " + name);
        db = Database.open(new DbmsSettings(name, Dialect.PSQL, "127.0.0.1", 5432, "postgres", null, false, null));
    }

    public static void admin(String... sql) throws SQLException {
        try (Database admin = Database.open(new DbmsSettings("postgres", Dialect.PSQL, "127.0.0.1", 5432, "postgres",
            null, false, null))) {
            admin.run(c -> {
                try (Statement st = c.createStatement()) {
                    for (String s : sql) {
                        st.execute(s);
                    }
                }
                return null;
            });
        }
    }

    @Override
    public void close() throws SQLException {
        db.close();
        if (db.dialect() == Dialect.PSQL) {
            admin("DROP DATABASE IF EXISTS " + db.name() + " WITH (FORCE)");
        }
    }
}
