package io.edgepublisher.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connected logical database. Statements run on a single connection, one at a time; a broken connection is
 * reopened on the next use, so a database restart costs one failed statement, not the node.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    /** A unit of work on the connection. */
    @FunctionalInterface
    public interface Work<T> {
        T apply(Connection c) throws SQLException;
    }

    private final DbmsSettings settings;
    private Connection connection;

    private Database(DbmsSettings settings, Connection connection) {
        this.settings = settings;
        this.connection = connection;
    }

    /** Opens the database; a PostgreSQL database that does not exist yet is created. */
    public static Database open(DbmsSettings s) throws SQLException {
        return new Database(s, connect(s));
    }

    private static Connection connect(DbmsSettings s) throws SQLException {
        if (s.dialect() == Dialect.SQLITE) {
            Connection c = DriverManager.getConnection(s.jdbcUrl());
            try (Statement st = c.createStatement()) {
                if (!s.memory()) {
                    // WAL keeps readers and the writer apart; NORMAL sync survives a process crash (kill -9).
                    st.execute("pragma journal_mode=WAL");
                    st.execute("pragma synchronous=NORMAL");
                }
                st.execute("pragma busy_timeout=5000");
            }
            return c;
        }
        Properties p = new Properties();
        if (s.user() != null) {
            p.setProperty("user", s.user());
        }
        if (s.password() != null) {
            p.setProperty("password", s.password());
        }
        p.setProperty("connectTimeout", "5");
        p.setProperty("socketTimeout", "30");
        p.setProperty("ApplicationName", "edge-publisher");
        try {
            return DriverManager.getConnection(s.jdbcUrl(), p);
        } catch (SQLException e) {
            if (!"3D000".equals(e.getSQLState())) {
                throw e;
            }
            createPostgresDatabase(s, p);
            return DriverManager.getConnection(s.jdbcUrl(), p);
        }
    }

    private static void createPostgresDatabase(DbmsSettings s, Properties p) throws SQLException {
        String admin = "jdbc:postgresql://" + s.host() + ":" + s.port() + "/postgres";
        try (Connection c = DriverManager.getConnection(admin, p); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE \"" + s.name().replace("\"", "") + "\"");
            LOG.info("Created PostgreSQL database {}", s.describe());
        } catch (SQLException e) {
            if (!"42P04".equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    public DbmsSettings settings() {
        return settings;
    }

    public Dialect dialect() {
        return settings.dialect();
    }

    public String name() {
        return settings.name();
    }

    /** Runs work on the connection; retries once on a fresh connection when the old one is broken. */
    public synchronized <T> T run(Work<T> work) throws SQLException {
        ensureOpen();
        try {
            return work.apply(connection);
        } catch (SQLException e) {
            if (isValid()) {
                throw e;
            }
            LOG.warn("Connection to {} was lost ({}); reconnecting", settings.describe(), e.getMessage());
            closeQuietly();
            ensureOpen();
            return work.apply(connection);
        }
    }

    public boolean tableExists(String table) throws SQLException {
        return run(c -> {
            try (ResultSet rs = c.getMetaData().getTables(null, null, table, new String[] {"TABLE"})) {
                return rs.next();
            }
        });
    }

    /** Whether the database answers now (for health checks). */
    public synchronized boolean ping() {
        try {
            ensureOpen();
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private void ensureOpen() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = connect(settings);
        }
    }

    private boolean isValid() {
        try {
            return connection != null && connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private void closeQuietly() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            // already broken
        }
        connection = null;
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }
}
