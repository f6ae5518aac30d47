package io.agentfoundry.platform.service;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import org.hibernate.exception.JDBCConnectionException;

import java.net.ConnectException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;

/**
 * Tells a failure of the infrastructure (the database cannot be reached) from a failure of the work or the record
 * itself. The first is nobody's fault and passes: whoever met it waits and tries again, without a limit and without
 * dead-lettering anything. The second is counted, and ends in a dead letter or a failed step.
 */
@ApplicationScoped
public class InfrastructureFaults {

    private final AgroalDataSource dataSource;

    InfrastructureFaults(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * True when the failure says the database cannot be reached, or when it says nothing of the kind but the database
     * indeed cannot be reached now (a failed commit, a closed connection in a driver's own exception type).
     */
    public boolean isInfrastructureFault(Throwable failure) {
        return saysDatabaseUnreachable(failure) || !databaseReachable();
    }

    /**
     * What the failure says, without asking the database. A refused connection counts only under a database failure:
     * one of an HTTP call (a bundle server, an agent) is that call's own failure.
     */
    public static boolean saysDatabaseUnreachable(Throwable failure) {
        boolean underDatabaseFailure = false;
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof JDBCConnectionException) {
                return true;
            }
            if (cause instanceof ConnectException && underDatabaseFailure) {
                return true;
            }
            underDatabaseFailure |= cause instanceof SQLException || cause instanceof PersistenceException;
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                // 08: connection exception; 57P01-03: the server shuts down or is starting; 53300: too many connections
                if (state.startsWith("08") || state.startsWith("57P") || state.equals("53300")) {
                    return true;
                }
            }
            String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
            // Agroal, when no connection can be had: the pool is empty because the server does not answer
            if (message.contains("acquisition timeout")) {
                return true;
            }
        }
        return false;
    }

    /** Asks the pool for a connection and the server whether it is alive. */
    public boolean databaseReachable() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }
}
