package io.agentfoundry.testinfra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL: an embedded server (zonky's binaries, started in a few seconds), or an external server reached
 * through an admin JDBC URL. Hands each service its own database, owned by the {@code agentfoundry} role.
 *
 * <p>The embedded server keeps its data in a directory of its own and commits durably ({@code synchronous_commit=on};
 * zonky turns it off by default), so it can be stopped and started again, on the same port, with everything it had.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String SERVICE_USER = "agentfoundry";
    public static final String SERVICE_PASSWORD = "agentfoundry";
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private EmbeddedPostgres embedded;
    private final Path dataDir;
    private final boolean deleteDataOnClose;
    private final String host;
    private final int port;
    private final String adminUrl;
    private final String adminUser;
    private final String adminPassword;

    private PostgresServer(EmbeddedPostgres embedded, Path dataDir, boolean deleteDataOnClose, String host, int port,
                           String adminUrl, String adminUser, String adminPassword) {
        this.embedded = embedded;
        this.dataDir = dataDir;
        this.deleteDataOnClose = deleteDataOnClose;
        this.host = host;
        this.port = port;
        this.adminUrl = adminUrl;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
    }

    /**
     * @param port    0 for a free port
     * @param dataDir null for a throw-away cluster (deleted on close), or a directory whose data survives restarts
     */
    public static PostgresServer startEmbedded(int port, Path dataDir) throws IOException {
        boolean throwAway = dataDir == null;
        Path dir = throwAway ? Files.createTempDirectory("agentfoundry-postgres") : dataDir;
        int actualPort = port == 0 ? FreePorts.find() : port;
        PostgresServer server = new PostgresServer(startProcess(actualPort, dir), dir, throwAway, "127.0.0.1",
                actualPort, "jdbc:postgresql://127.0.0.1:" + actualPort + "/postgres", "postgres", "postgres");
        server.ensureServiceRole();
        return server;
    }

    private static EmbeddedPostgres startProcess(int port, Path dataDir) throws IOException {
        return EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on")
                .start();
    }

    /** Stops the embedded server; {@link #resume} starts it again on the same port with the same data. */
    public synchronized void stop() throws IOException {
        requireEmbedded();
        if (embedded != null) {
            embedded.close();
            embedded = null;
        }
    }

    public synchronized void resume() throws IOException {
        requireEmbedded();
        if (embedded == null) {
            embedded = startProcess(port, dataDir);
        }
    }

    /** Stops the embedded server and starts it again; every open connection breaks. */
    public synchronized void restart() throws IOException {
        stop();
        resume();
    }

    private void requireEmbedded() {
        if (dataDir == null) {
            throw new IllegalStateException("An external PostgreSQL at " + host + ":" + port + " is not restarted here");
        }
    }

    /** An existing server; the admin account must be allowed to create roles and databases. */
    public static PostgresServer external(String host, int port, String adminUser, String adminPassword) {
        PostgresServer server = new PostgresServer(null, null, false, host, port,
                "jdbc:postgresql://" + host + ":" + port + "/postgres", adminUser, adminPassword);
        server.ensureServiceRole();
        return server;
    }

    /** Creates the database if it does not exist; returns its JDBC URL. */
    public String database(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a database name: " + name);
        }
        try (Connection connection = admin();
             PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, name);
            try (ResultSet rows = exists.executeQuery()) {
                if (!rows.next()) {
                    try (Statement create = connection.createStatement()) {
                        create.execute("create database " + name + " owner " + SERVICE_USER);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + name, e);
        }
        return jdbcUrl(name);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    private void ensureServiceRole() {
        try (Connection connection = admin(); Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("select 1 from pg_roles where rolname = '" + SERVICE_USER + "'")) {
                if (rows.next()) {
                    return;
                }
            }
            statement.execute("create role " + SERVICE_USER + " login password '" + SERVICE_PASSWORD + "'");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the " + SERVICE_USER + " role", e);
        }
    }

    private Connection admin() throws SQLException {
        return DriverManager.getConnection(adminUrl, adminUser, adminPassword);
    }

    @Override
    public synchronized void close() throws IOException {
        if (embedded != null) {
            embedded.close();
            embedded = null;
        }
        if (deleteDataOnClose) {
            try (var paths = Files.walk(dataDir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
