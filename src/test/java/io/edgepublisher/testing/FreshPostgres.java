package io.edgepublisher.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A PostgreSQL database of its own for one test, on the local server (127.0.0.1:5432, trust authentication, user
 * postgres), dropped on close, so that nothing another test or node left behind can make an assertion pass.
 *
 * <p>The node always names its PostgreSQL database after the logical one ({@code almgm}). {@link #relayAs} serves
 * this database under such a name on a loopback port: a node pointed at it with {@code DB_IP}/{@code DB_PORT} works
 * in this database only.
 */
public final class FreshPostgres implements AutoCloseable {
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String HOST = "127.0.0.1";
    private static final int PORT = 5432;

    private final String name;
    private final List<PgNameRelay> relays = new ArrayList<>();

    private FreshPostgres(String name) {
        this.name = name;
    }

    /** Creates a database named {@code <prefix>_<random hex>}. */
    public static FreshPostgres create(String prefix) throws SQLException {
        String name = prefix + "_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", credentials());
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        return new FreshPostgres(name);
    }

    public String name() {
        return name;
    }

    /** A new connection to this database. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(SERVER + name, credentials());
    }

    /** Whether this database has a table of that name (in any schema). */
    public boolean tableExists(String table) throws SQLException {
        try (Connection c = connect(); ResultSet rs = c.getMetaData().getTables(null, null, table, new String[] {"TABLE"})) {
            return rs.next();
        }
    }

    /**
     * Starts a loopback relay to the server that serves this database to clients asking for {@code asName}; other
     * names pass through unchanged.
     *
     * @return the relay's port
     */
    public int relayAs(String asName) throws java.io.IOException {
        PgNameRelay relay = PgNameRelay.start(HOST, PORT, asName, name);
        relays.add(relay);
        return relay.port();
    }

    /** Stops the relays and drops the database, closing what is still connected to it. */
    @Override
    public void close() throws SQLException {
        relays.forEach(PgNameRelay::close);
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", credentials());
             Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    private static Properties credentials() {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        return p;
    }
}
