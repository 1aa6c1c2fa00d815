-- 0004: signed folder key versions, and rotations that wait for a reader (DESIGN.md §3).
-- Never edit once released.

-- Every folder key version is vouched for: a commitment to the key, a proof that its maker
-- held the previous version (from version 2 on), and the maker's signature. A key wrapped to
-- a user is used only if it matches its version's record, so nobody holding only the store
-- key can plant a key version of their own and read what is written under it.
CREATE TABLE folder_key_versions (
    folder_id   INTEGER NOT NULL REFERENCES folders(id) ON DELETE CASCADE,
    version     INTEGER NOT NULL,
    commitment  BLOB    NOT NULL,
    prev_proof  BLOB,
    signer      INTEGER NOT NULL REFERENCES users(id),
    signature   BLOB    NOT NULL,
    created_at  TEXT    NOT NULL,
    PRIMARY KEY (folder_id, version)
);

-- Folders whose key must change because a reader left; the next session of a remaining
-- reader makes the new key (the admin who removed the user holds no folder key).
CREATE TABLE folder_rotations_pending (
    folder_id   INTEGER PRIMARY KEY REFERENCES folders(id) ON DELETE CASCADE,
    queued_at   TEXT    NOT NULL
);
