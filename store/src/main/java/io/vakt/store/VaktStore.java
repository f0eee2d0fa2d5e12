package io.vakt.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The embedded SQLite store: users, refresh tokens, service keys, the audit log and ServerSideFunction
 * state in {@code <dataDir>/vakt.db}.
 *
 * <p>The file runs in WAL mode with a 5 s busy timeout, so another process (the {@code vakt user} CLI)
 * can read and write it while a server has it open. Within this process one connection, guarded by a
 * lock, serves every repository; transactions are short. Script log queries ({@link #logQueries()}) run on
 * a second, read-only connection of their own. Every method of the store and its repositories
 * therefore blocks briefly and must not be called on an event loop: run it on a worker or virtual thread.
 * All of them are safe to call from many threads.
 */
public final class VaktStore implements AutoCloseable {
    /** The database file's name inside the data folder. */
    public static final String DATABASE_FILE = "vakt.db";
    static final String SQLITE_TMPDIR_PROPERTY = "org.sqlite.tmpdir";

    private final Database db;
    private final UserRepository users;
    private final RefreshTokenRepository refreshTokens;
    private final SqliteAuditLog auditLog;
    private final ServiceKeyRepository serviceKeys;
    private final StateFileRepository stateFiles;
    private final LogQueries logQueries;

    private VaktStore(Database db, StoreOptions options) {
        this.db = db;
        this.users = new UserRepository(db, new PasswordHasher(options.passwordHashing()), options.clock());
        this.refreshTokens = new RefreshTokenRepository(db, options.clock());
        this.auditLog = new SqliteAuditLog(db);
        this.serviceKeys = new ServiceKeyRepository(db, options.clock());
        this.stateFiles = new StateFileRepository(db, options.clock());
        this.logQueries = new LogQueries(db, LogQueries.DEFAULT_TIME_LIMIT);
    }

    /**
     * Opens the store in {@code dataDir}, creating the folder and the database if needed and bringing the
     * schema up to date.
     *
     * @throws StoreException if the folder or database cannot be created, opened or migrated
     */
    public static VaktStore open(Path dataDir, StoreOptions options) {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(options, "options");
        Path file = dataDir.toAbsolutePath().resolve(DATABASE_FILE);
        try {
            Files.createDirectories(dataDir);
            if (options.sqliteTempDir() != null) {
                Files.createDirectories(options.sqliteTempDir());
                // sqlite-jdbc reads this once, when it first loads its native library
                System.setProperty(SQLITE_TMPDIR_PROPERTY, options.sqliteTempDir().toAbsolutePath().toString());
            }
        } catch (IOException | SecurityException e) {
            throw new StoreException("cannot open store at " + file + ": " + e, e);
        }
        return new VaktStore(Database.open(file), options);
    }

    /** The database file. */
    public Path file() { return db.file(); }

    public UserRepository users() { return users; }

    public RefreshTokenRepository refreshTokens() { return refreshTokens; }

    public SqliteAuditLog auditLog() { return auditLog; }

    public ServiceKeyRepository serviceKeys() { return serviceKeys; }

    /** ServerSideFunction state files. */
    public StateFileRepository stateFiles() { return stateFiles; }

    /** Read-only script queries over the log tables ({@code db.userlog.query}). */
    public LogQueries logQueries() { return logQueries; }

    Database database() { return db; }

    /** Closes the connections; later calls on the repositories fail with a {@link StoreException}. */
    @Override
    public void close() {
        try {
            logQueries.close();
        } finally {
            db.close();
        }
    }
}
