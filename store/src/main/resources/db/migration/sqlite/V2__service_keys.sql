-- One key per service (spec §7.1: ArrigoLocal hands each service a key, passed as "-k <key>", that the
-- service uses as its WAMP credential). Only the SHA-256 of a key is kept, so a copy of the file cannot be
-- used to connect; the key itself is shown once, when it is created or rotated.
-- service is the lower-case name the service registers under (accounts.<account>.services.<service>.…),
-- so it follows the WAMP URI component rule.
CREATE TABLE service_keys (
    service        TEXT    NOT NULL PRIMARY KEY CHECK (length(service) BETWEEN 1 AND 64
                                                       AND service NOT GLOB '*[^a-z0-9_-]*'),
    access_level   TEXT    NOT NULL DEFAULT 'Service'
                           CHECK (access_level IN ('None', 'Guest', 'Operator', 'Service', 'Admin')),
    created_at     INTEGER NOT NULL,
    key_changed_at INTEGER NOT NULL,
    key_hash       TEXT    NOT NULL UNIQUE,
    enabled        INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1))
) WITHOUT ROWID;
