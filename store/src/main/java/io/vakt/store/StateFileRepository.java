package io.vakt.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * ServerSideFunction state (spec §8.4) in the {@code ssf_state} table: whole "files" by virtual path
 * ({@code /Arrigo/state/Landskrona.json}). Paths are kept and compared exactly, letter case included; what a
 * path means is the caller's business. The method shapes match {@code io.vakt.scripting.state.StateFiles},
 * so the server adapts one to the other without this module depending on scripting.
 *
 * <p>Every method blocks briefly on SQLite: never call one on an event loop.
 */
public final class StateFileRepository {
    /** The longest path, in characters. */
    public static final int MAX_FILE_LENGTH = 1024;
    /** The largest content, in UTF-8 bytes (16 MiB). */
    public static final int MAX_CONTENT_BYTES = 16 * 1024 * 1024;

    private final Database db;
    private final Clock clock;

    StateFileRepository(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The content of {@code file}, or empty if there is no such file. */
    public Optional<String> read(String file) {
        String name = requireFile(file);
        return db.read("read state file " + quoted(name), c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT content FROM ssf_state WHERE file = ?")) {
                s.setString(1, name);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    /**
     * Creates or replaces {@code file}. When this returns the content is synced to disk: state is what a
     * function relies on after a restart, so it must survive a power cut like the audit log.
     *
     * @throws IllegalArgumentException if the path is empty or longer than {@value #MAX_FILE_LENGTH}
     *                                  characters, or the content is larger than 16 MiB
     */
    public void write(String file, String content) {
        String name = requireFile(file);
        requireContent(content);
        long now = clock.millis();
        db.writeDurably("write state file " + quoted(name), c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO ssf_state (file, content, updated_at) VALUES (?, ?, ?)
                    ON CONFLICT (file) DO UPDATE SET content = excluded.content, updated_at = excluded.updated_at""")) {
                s.setString(1, name);
                s.setString(2, content);
                s.setLong(3, now);
                s.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Deletes {@code file}, durably (a deleted state must not come back after a power cut).
     *
     * @return whether there was such a file
     */
    public boolean delete(String file) {
        String name = requireFile(file);
        return db.writeDurably("delete state file " + quoted(name), c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM ssf_state WHERE file = ?")) {
                s.setString(1, name);
                return s.executeUpdate() > 0;
            }
        });
    }

    /** Every path, sorted by code point (SQLite's binary order): what an operator lists. */
    public List<String> files() {
        return db.read("list state files", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT file FROM ssf_state ORDER BY file");
                 ResultSet rs = s.executeQuery()) {
                List<String> files = new ArrayList<>();
                while (rs.next()) files.add(rs.getString(1));
                return files;
            }
        });
    }

    private static String requireFile(String file) {
        if (file == null) throw new IllegalArgumentException("state file path must not be null");
        if (file.isEmpty()) throw new IllegalArgumentException("state file path must not be empty");
        if (file.length() > MAX_FILE_LENGTH) {
            throw new IllegalArgumentException("state file path is " + file.length() + " characters long; at most "
                    + MAX_FILE_LENGTH + " are allowed");
        }
        return file;
    }

    private static void requireContent(String content) {
        if (content == null) throw new IllegalArgumentException("state file content must not be null");
        // every char takes at most three bytes, so most content needs no counting at all
        if ((long) content.length() * 3 <= MAX_CONTENT_BYTES) return;
        long bytes = utf8Length(content);
        if (bytes > MAX_CONTENT_BYTES) {
            throw new IllegalArgumentException("state file content is " + bytes + " bytes in UTF-8; at most "
                    + MAX_CONTENT_BYTES + " (16 MiB) are allowed");
        }
    }

    /** The UTF-8 length, counted without encoding: a 16 MiB string would otherwise be copied just to be measured. */
    static long utf8Length(String s) {
        long bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < 0x80) {
                bytes += 1;
            } else if (ch < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(ch) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4; // one supplementary code point in two chars
                i++;
            } else {
                bytes += 3; // a lone surrogate is encoded as '?', one byte; counting three only errs safe
            }
        }
        return bytes;
    }

    private static String quoted(String file) {
        return "'" + (file.length() > 80 ? file.substring(0, 80) + "…" : file) + "'";
    }
}
