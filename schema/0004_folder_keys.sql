-- 0004: folder keys (DESIGN.md §3): two key chains per folder, their signed records, the
-- wraps to each reader, grants and rotations that wait for a reader, and each reader's pins.
-- Never edit once released.

-- Each folder has two chains of keys ("tiers"): F encrypts FORTROLIG contents and is wrapped
-- to every reader; S encrypts STRENGT FORTROLIG contents and is wrapped only to readers
-- cleared for it, so clearance is a key boundary, not only a check. Every version of every
-- chain has a record, signed by the officer who made it, that names: a commitment to the key;
-- the folder's need-to-know list as of that version (restricted or not, and to whom); the
-- hash of the previous version's record; and, from version 2 on, a proof that the maker held
-- the previous key. Version 1 is bound to the folder's creation by a signed use-log entry
-- (log_seq). A key is used only once its record checks out (authz/folder/records.rs): nobody
-- holding only the store key can plant a key, change a list, or pass an older list off as
-- the current one.
CREATE TABLE folder_key_versions (
    folder_id   INTEGER NOT NULL REFERENCES folders(id) ON DELETE CASCADE,
    tier        TEXT    NOT NULL CHECK (tier IN ('F', 'S')),
    version     INTEGER NOT NULL CHECK (version > 0),
    restricted  INTEGER NOT NULL CHECK (restricted IN (0, 1)),
    readers     BLOB    NOT NULL,   -- the restricted list: user ids, 8 bytes big-endian each
    commitment  BLOB    NOT NULL CHECK (length(commitment) = 32),
    prev_proof  BLOB,               -- NULL for version 1
    prev_hash   BLOB    NOT NULL CHECK (length(prev_hash) = 32),
    log_seq     INTEGER,            -- version 1: the use-log entry that announced it
    maker       INTEGER NOT NULL REFERENCES users(id),
    created_at  TEXT    NOT NULL,
    hash        BLOB    NOT NULL CHECK (length(hash) = 32),
    signature   BLOB    NOT NULL CHECK (length(signature) = 64),
    PRIMARY KEY (folder_id, tier, version)
);

-- One X25519 agreement per batch of wraps to one recipient (a grant of ten thousand folders
-- costs one agreement, not ten thousand): the ephemeral public key of the batch.
CREATE TABLE key_batches (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    ephemeral   BLOB    NOT NULL CHECK (length(ephemeral) = 32)
);
CREATE INDEX key_batches_user ON key_batches(user_id);

-- A folder key version sealed to one reader under their batch's key.
CREATE TABLE folder_key_wraps (
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    folder_id   INTEGER NOT NULL REFERENCES folders(id) ON DELETE CASCADE,
    tier        TEXT    NOT NULL CHECK (tier IN ('F', 'S')),
    version     INTEGER NOT NULL,
    batch_id    INTEGER NOT NULL REFERENCES key_batches(id) ON DELETE CASCADE,
    sealed      BLOB    NOT NULL,
    PRIMARY KEY (user_id, folder_id, tier, version)
);
CREATE INDEX folder_key_wraps_folder ON folder_key_wraps(folder_id, tier, version);
CREATE INDEX folder_key_wraps_batch ON folder_key_wraps(batch_id);

-- Keys a newcomer is owed: a request, carried out by the next session of a reader of the
-- folder only if the newcomer is entitled by the folder's signed list.
CREATE TABLE folder_grants_pending (
    folder_id   INTEGER NOT NULL REFERENCES folders(id) ON DELETE CASCADE,
    tier        TEXT    NOT NULL CHECK (tier IN ('F', 'S')),
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (folder_id, tier, user_id)
);
CREATE INDEX folder_grants_pending_user ON folder_grants_pending(user_id);

-- Key chains that must get a new version (a reader left, or the list was narrowed by someone
-- who does not hold this tier): the next session of a reader holding it makes the version.
CREATE TABLE folder_rotations_pending (
    folder_id   INTEGER NOT NULL REFERENCES folders(id) ON DELETE CASCADE,
    tier        TEXT    NOT NULL CHECK (tier IN ('F', 'S')),
    queued_at   TEXT    NOT NULL,
    PRIMARY KEY (folder_id, tier)
);

-- What each reader has checked: the newest version of a chain they verified and its record's
-- hash, MACed under a key only that reader holds (derived from their private key). A record
-- rolled back below a pin, or changed under it, is caught at that reader's next use, and a
-- pinned chain needs no signature checks again.
CREATE TABLE key_pins (
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    folder_id   INTEGER NOT NULL REFERENCES folders(id) ON DELETE CASCADE,
    tier        TEXT    NOT NULL CHECK (tier IN ('F', 'S')),
    version     INTEGER NOT NULL,
    record_hash BLOB    NOT NULL CHECK (length(record_hash) = 32),
    mac         BLOB    NOT NULL CHECK (length(mac) = 32),
    PRIMARY KEY (user_id, folder_id, tier)
);
