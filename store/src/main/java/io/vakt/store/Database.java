package io.vakt.store;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import javax.sql.DataSource;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one SQLite connection of a store and the lock that serialises its use. SQLite has a single writer
 * anyway; one connection with short transactions keeps this process from contending with itself, and
 * the busy timeout lets it wait for another process (the {@code vakt user} CLI) instead of failing.
 */
final class Database implements AutoCloseable {
    static final int BUSY_TIMEOUT_MILLIS = 5000;
    static final String MIGRATIONS = "classpath:db/migration/sqlite";
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    // A JVM cannot hold two OS locks on one file (OverlappingFileLockException), so stores opened in
    // the same process queue here before taking the file lock that keeps other processes out.
    private static final Object MIGRATION_MONITOR = new Object();

    /** A unit of work on the connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final Path file;
    private final ReentrantLock lock = new ReentrantLock();
    private Connection connection;

    private Database(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    static Database open(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file);
        try {
            migrate(file, dataSource);
            return new Database(file, dataSource.getConnection());
        } catch (SQLException | FlywayException | IOException e) {
            throw new StoreException("cannot open store at " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs the migrations while holding {@code vakt.db.lock}. Without it, a server and the CLI opening a
     * fresh folder at once both try to create the schema and one fails with SQLITE_BUSY_SNAPSHOT. The
     * lock is on a separate file because SQLite's own POSIX locks on the database file would be dropped
     * when a channel on that file closes.
     */
    private static void migrate(Path file, DataSource dataSource) throws IOException {
        Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
        synchronized (MIGRATION_MONITOR) {
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                channel.lock(); // released when the channel closes
                MigrateResult result = Flyway.configure(Database.class.getClassLoader())
                        .dataSource(dataSource)
                        .locations(MIGRATIONS)
                        .failOnMissingLocations(true)
                        .load()
                        .migrate();
                if (result.migrationsExecuted > 0) {
                    log.info("Store {} migrated to schema version {}", file, result.targetSchemaVersion);
                }
            }
        }
    }

    Path file() { return file; }

    /** Runs {@code work} outside any explicit transaction (each statement commits on its own). */
    <T> T read(String what, Work<T> work) {
        lock.lock();
        try {
            return work.run(connection());
        } catch (SQLException e) {
            throw failure(what, e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code work} in one transaction, committed when it returns normally and rolled back when it
     * throws. {@code BEGIN IMMEDIATE} takes the write lock up front: a deferred transaction that reads
     * first and writes later could fail with SQLITE_BUSY without waiting if another process wrote
     * in between.
     */
    <T> T write(String what, Work<T> work) {
        lock.lock();
        try {
            return inTransaction(connection(), what, work);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Like {@link #write}, but the commit is synced to disk before this returns. The store runs
     * {@code synchronous=NORMAL}, where a WAL commit survives a crash of the process but not of the
     * machine; records that must outlive a power cut pay one fsync here.
     */
    <T> T writeDurably(String what, Work<T> work) {
        lock.lock();
        try {
            Connection c = connection();
            pragma(c, what, "PRAGMA synchronous = FULL");
            try {
                return inTransaction(c, what, work);
            } finally {
                pragma(c, what, "PRAGMA synchronous = NORMAL");
            }
        } finally {
            lock.unlock();
        }
    }

    private <T> T inTransaction(Connection c, String what, Work<T> work) {
        try (Statement s = c.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            boolean committed = false;
            try {
                T result = work.run(c);
                s.execute("COMMIT");
                committed = true;
                return result;
            } finally {
                if (!committed) rollback(s);
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private void pragma(Connection c, String what, String sql) {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private void rollback(Statement s) {
        try {
            s.execute("ROLLBACK");
        } catch (SQLException e) {
            // SQLite may already have rolled back on its own (e.g. after SQLITE_FULL); the original error matters more
            log.debug("Rollback on {} failed", file, e);
        }
    }

    private Connection connection() {
        if (connection == null) throw new StoreException("store at " + file + " is closed");
        return connection;
    }

    private StoreException failure(String what, SQLException e) {
        return new StoreException(what + " failed in store " + file + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (connection == null) return;
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close store at " + file + ": " + e.getMessage(), e);
        } finally {
            connection = null;
            lock.unlock();
        }
    }
}
