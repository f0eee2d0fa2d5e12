-- Every time is epoch milliseconds (UTC) in an INTEGER column: numbers sort, compare and index
-- correctly, where Instant.toString() text would not (its width varies with the fraction).

-- username_key is the NFC, lower-cased name: SQLite's NOCASE folds ASCII only, and names may hold
-- any letter. username keeps the spelling the user was created with.
CREATE TABLE users (
    username_key        TEXT    NOT NULL PRIMARY KEY,
    username            TEXT    NOT NULL,
    password_hash       TEXT    NOT NULL,
    access_level        TEXT    NOT NULL CHECK (access_level IN ('None', 'Guest', 'Operator', 'Service', 'Admin')),
    created_at          INTEGER NOT NULL,
    password_changed_at INTEGER NOT NULL,
    disabled            INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1))
) WITHOUT ROWID;

-- Only the SHA-256 of a refresh token is kept, so a copy of the file cannot be replayed.
-- rotated_at is set when the token was exchanged for a newer one of its family; presenting it again
-- is reuse. revoked_at is set by logout, password change, disabling or reuse detection.
CREATE TABLE refresh_tokens (
    token_hash      TEXT    NOT NULL PRIMARY KEY,
    username_key    TEXT    NOT NULL REFERENCES users (username_key) ON DELETE CASCADE,
    access_token_id TEXT    NOT NULL,
    family_id       TEXT    NOT NULL,
    issued_at       INTEGER NOT NULL,
    expires_at      INTEGER NOT NULL,
    rotated_at      INTEGER,
    revoked_at      INTEGER
) WITHOUT ROWID;

CREATE INDEX refresh_tokens_access_token_id ON refresh_tokens (access_token_id);
CREATE INDEX refresh_tokens_family_id ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_username_key ON refresh_tokens (username_key);
CREATE INDEX refresh_tokens_expires_at ON refresh_tokens (expires_at);

CREATE TABLE audit_log (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    time              INTEGER NOT NULL,
    username          TEXT,
    client_address    TEXT,
    node_path         TEXT,
    element_path      TEXT,
    technical_address TEXT,
    old_value         TEXT,
    new_value         TEXT,
    outcome           TEXT    NOT NULL
);

CREATE INDEX audit_log_time ON audit_log (time);
CREATE INDEX audit_log_technical_address ON audit_log (technical_address, time);
