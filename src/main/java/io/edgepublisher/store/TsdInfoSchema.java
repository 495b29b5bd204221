package io.edgepublisher.store;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * The {@code almgm.tsd_info} DDL (PUBLISHER.md §6.1). EdgeLake operators use the same table, so column names,
 * types, constraints and index names must not change.
 */
public final class TsdInfoSchema {
    public static final String TABLE = "tsd_info";

    static final String PSQL_TABLE = "CREATE TABLE tsd_info (\n"
        + "    file_id      SERIAL PRIMARY KEY NOT NULL,\n"
        + "    dbms_name    VARCHAR NOT NULL,\n"
        + "    table_name   VARCHAR NOT NULL,\n"
        + "    source       VARCHAR NOT NULL,\n"
        + "    file_hash    VARCHAR NOT NULL,\n"
        + "    instructions VARCHAR NOT NULL,\n"
        + "    file_time    TIMESTAMP NOT NULL,\n"
        + "    rows         INT,\n"
        + "    status1      VARCHAR,\n"
        + "    status2      VARCHAR\n"
        + ")";

    static final String SQLITE_TABLE = "create table tsd_info (\n"
        + "    file_id      integer primary key autoincrement not null,\n"
        + "    dbms_name    varchar not null,\n"
        + "    table_name   varchar not null,\n"
        + "    source       varchar not null,\n"
        + "    file_hash    varchar not null,\n"
        + "    instructions varchar not null,\n"
        + "    file_time    timestamp not null,\n"
        + "    rows         int,\n"
        + "    status1      varchar,\n"
        + "    status2      varchar\n"
        + ")";

    private TsdInfoSchema() {
    }

    /** Creates the table and its two indexes unless the table exists; returns true when it created them. */
    public static boolean create(Database db) throws SQLException {
        if (db.tableExists(TABLE)) {
            return false;
        }
        boolean psql = db.dialect() == Dialect.PSQL;
        return db.run(c -> {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute(psql ? PSQL_TABLE : SQLITE_TABLE);
                st.execute(psql ? "CREATE UNIQUE INDEX hash_index ON tsd_info(file_hash)"
                    : "create unique index hash_index on tsd_info(file_hash)");
                st.execute(psql ? "CREATE INDEX time_index ON tsd_info(file_time)"
                    : "create index time_index on tsd_info(file_time)");
                c.commit();
                return true;
            } catch (SQLException e) {
                c.rollback();
                if (tableExistsNow(c)) {
                    return false; // created concurrently by another node sharing the database
                }
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        });
    }

    private static boolean tableExistsNow(java.sql.Connection c) throws SQLException {
        try (var rs = c.getMetaData().getTables(null, null, TABLE, new String[] {"TABLE"})) {
            return rs.next();
        }
    }
}
