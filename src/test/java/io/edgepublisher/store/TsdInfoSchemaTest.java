package io.edgepublisher.store;

import io.edgepublisher.node.Beans;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.command.CommandResult;
import io.edgepublisher.command.Session;
import io.edgepublisher.command.Source;
import io.edgepublisher.command.TestNodes;
import io.edgepublisher.node.Node;
import io.edgepublisher.testing.FreshPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code connect dbms} and {@code create table tsd_info} on SQLite and on the PostgreSQL server at 127.0.0.1:5432
 * (the CI machine runs it; this test fails rather than skips when it is down).
 */
class TsdInfoSchemaTest {
    static final String PG_USER = System.getenv().getOrDefault("DB_USER", "postgres");

    @TempDir
    Path dir;

    private Node node() {
        Node n = TestNodes.plain(Map.of());
        StoreModule.install(n);
        n.dictionary().put("dbms_dir", dir.toString());
        return n;
    }

    private static CommandResult run(Node n, String line) {
        return n.interpreter().execute(line, new Session(Source.SCRIPT, null));
    }

    @Test
    void sqliteSchemaIsExactAndIdempotent() throws Exception {
        Node n = node();
        assertEquals(5, run(n, "create table tsd_info where dbms = almgm").code(), "almgm not connected yet");
        assertTrue(run(n, "connect dbms almgm where type = sqlite and user = !undefined_user").isOk());
        assertTrue(run(n, "create table tsd_info where dbms = almgm").isOk());
        assertTrue(run(n, "create table tsd_info where dbms = almgm").isOk(), "second create is a no-op");
        assertEquals("true", run(n, "info table almgm tsd_info exists").output());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("almgm.dbms"));
             Statement st = c.createStatement()) {
            List<String> cols = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("pragma table_info(tsd_info)")) {
                while (rs.next()) {
                    cols.add(rs.getString("name") + " " + rs.getString("type").toLowerCase(java.util.Locale.ROOT) + " " + rs.getInt("notnull") + " " + rs.getInt("pk"));
                }
            }
            assertEquals(List.of("file_id integer 1 1", "dbms_name varchar 1 0", "table_name varchar 1 0",
                "source varchar 1 0", "file_hash varchar 1 0", "instructions varchar 1 0", "file_time timestamp 1 0",
                "rows int 0 0", "status1 varchar 0 0", "status2 varchar 0 0"), cols);
            List<String> idx = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("select name, sql from sqlite_master where type = 'index' and tbl_name = 'tsd_info' order by name")) {
                while (rs.next()) {
                    idx.add(rs.getString(1) + ": " + rs.getString(2).toLowerCase(java.util.Locale.ROOT));
                }
            }
            assertEquals(List.of("hash_index: create unique index hash_index on tsd_info(file_hash)",
                "time_index: create index time_index on tsd_info(file_time)"), idx);
            try (ResultSet rs = st.executeQuery("select sql from sqlite_master where name = 'sqlite_sequence'")) {
                assertTrue(rs.next(), "autoincrement creates sqlite_sequence");
            }
        }
    }

    @Test
    void commandErrors() {
        Node n = node();
        assertEquals(2, run(n, "connect dbms almgm type = sqlite").code());
        assertEquals(104, run(n, "connect dbms almgm where type = oracle").code());
        assertEquals(237, run(n, "connect dbms almgm where type = mongo").code());
        assertEquals(2, run(n, "connect dbms almgm where type = sqlite and colour = red").code());
        CommandResult down = run(n, "connect dbms almgm where type = psql and ip = 127.0.0.1 and port = 1");
        assertEquals(49, down.code());
        assertTrue(down.detail().contains("PostgreSQL 127.0.0.1:1/almgm"), down.detail());
        assertTrue(run(n, "connect dbms almgm where type = sqlite").isOk());
        assertEquals(49, run(n, "connect dbms almgm where type = psql").code(), "same name, other type");
        assertEquals(237, run(n, "create table ledger where dbms = blockchain").code());
        assertEquals(2, run(n, "create table tsd_info where dbms = almgm and x = 1").code());
        assertTrue(run(n, "connect dbms system_query where type = sqlite and memory = true").isOk());
        assertTrue(run(n, "connect dbms system_query where type = sqlite and memory = true").isOk(), "reconnect is a no-op");
    }

    @Test
    void postgresSchemaIsExactAndIdempotent() throws Exception {
        String db = "ep_test_" + ProcessHandle.current().pid();
        DbmsSettings s = new DbmsSettings(db, Dialect.PSQL, "127.0.0.1", 5432, PG_USER, null, false, dir);
        try (Database d = Database.open(s)) {
            assertTrue(TsdInfoSchema.create(d));
            assertTrue(!TsdInfoSchema.create(d), "second create is a no-op");
            List<String> cols = d.run(c -> {
                List<String> out = new ArrayList<>();
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "select column_name, data_type, is_nullable, column_default from information_schema.columns"
                        + " where table_name = 'tsd_info' order by ordinal_position")) {
                    while (rs.next()) {
                        out.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3)
                            + (rs.getString(4) != null && rs.getString(4).startsWith("nextval") ? " serial" : ""));
                    }
                }
                return out;
            });
            assertEquals(List.of("file_id integer NO serial", "dbms_name character varying NO",
                "table_name character varying NO", "source character varying NO", "file_hash character varying NO",
                "instructions character varying NO", "file_time timestamp without time zone NO", "rows integer YES",
                "status1 character varying YES", "status2 character varying YES"), cols);
            List<String> idx = d.run(c -> {
                List<String> out = new ArrayList<>();
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "select indexname, indexdef from pg_indexes where tablename = 'tsd_info' order by indexname")) {
                    while (rs.next()) {
                        out.add(rs.getString(1) + ": " + rs.getString(2));
                    }
                }
                return out;
            });
            assertEquals(List.of("hash_index: CREATE UNIQUE INDEX hash_index ON public.tsd_info USING btree (file_hash)",
                "time_index: CREATE INDEX time_index ON public.tsd_info USING btree (file_time)",
                "tsd_info_pkey: CREATE UNIQUE INDEX tsd_info_pkey ON public.tsd_info USING btree (file_id)"), idx);
        } finally {
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", PG_USER, null);
                 Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + db);
            }
        }
    }

    /** In a fresh database served as almgm: the server's own almgm may hold a tsd_info from anyone. */
    @Test
    void postgresThroughTheCommands() throws Exception {
        try (FreshPostgres db = FreshPostgres.create("ep_tsd")) {
            Node n = node();
            CommandResult r = run(n, "connect dbms almgm where type = psql and ip = 127.0.0.1 and port = "
                + db.relayAs("almgm") + " and user = " + PG_USER + " and password = !db_passwd");
            assertTrue(r.isOk(), r.describe());
            assertEquals("false", run(n, "info table almgm tsd_info exists").output());
            assertTrue(run(n, "create table tsd_info where dbms = almgm").isOk());
            assertTrue(run(n, "create table tsd_info where dbms = almgm").isOk());
            assertEquals("true", run(n, "info table almgm tsd_info exists").output());
            assertTrue(db.tableExists("tsd_info"));
            Beans.get(n, Databases.class).closeAll();
        }
    }
}
