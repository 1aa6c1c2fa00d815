-- 0001: the store's identity, accounts and unit keys (issue 2, DESIGN.md §3).
-- Never edit once released: add a new numbered file instead.

-- One row per store: who this store is. Written once by `init`.
CREATE TABLE store_meta (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    store_id        BLOB    NOT NULL,          -- 16 random bytes; also in the keyslots file
    level           TEXT    NOT NULL CHECK (level IN ('ksf', 'region', 'local')),
    unit            TEXT    NOT NULL,
    region          TEXT,
    created_at      TEXT    NOT NULL,          -- RFC 3339, UTC
    kdf_m_kib       INTEGER NOT NULL,          -- Argon2id parameters for new keyslots
    kdf_t           INTEGER NOT NULL,
    kdf_p           INTEGER NOT NULL,
    demo            INTEGER NOT NULL DEFAULT 0 -- 1 for a quickstart store
);

-- Personal accounts: the unit's authorisation list (R16–R18).
CREATE TABLE users (
    id                  INTEGER PRIMARY KEY,
    name                TEXT    NOT NULL UNIQUE,
    role                TEXT    NOT NULL CHECK (role IN ('admin', 'officer', 'clerical')),
    clearance           TEXT    NOT NULL CHECK (clearance IN ('fortrolig', 'strengt-fortrolig')),
    contact_order       INTEGER NOT NULL CHECK (contact_order > 0),
    decision_authority  INTEGER NOT NULL DEFAULT 0 CHECK (decision_authority IN (0, 1)),
    status              TEXT    NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
    sign_public         BLOB    NOT NULL CHECK (length(sign_public) = 32),
    agree_public        BLOB    NOT NULL CHECK (length(agree_public) = 32),
    -- The unit key's Ed25519 signature over (store, name, role, clearance, both public keys):
    -- keys are only ever wrapped to a certified account (identity/unit.rs).
    cert                BLOB    NOT NULL CHECK (length(cert) = 64),
    created_at          TEXT    NOT NULL,
    created_by          INTEGER REFERENCES users(id),
    disabled_at         TEXT,
    disabled_by         INTEGER REFERENCES users(id)
);

-- A user's private keys (Ed25519 seed ‖ X25519 secret) and the unit's public signing key as
-- this user first learnt it (the trust anchor for certificates), sealed under a key derived
-- from the passphrase. Keyed by the keyslot's KDF salt so a passphrase change is crash-safe:
-- the new row is written before the keyslot, the old one removed after
-- (identity/accounts.rs).
CREATE TABLE user_secrets (
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kdf_salt    BLOB    NOT NULL,
    sealed      BLOB    NOT NULL,
    PRIMARY KEY (user_id, kdf_salt)
);

-- The unit's own keys: X25519 to receive packages, Ed25519 to sign packages, receipts and
-- checkpoints. Public halves here; private halves wrapped to each officer and admin.
CREATE TABLE unit_keys (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    sign_public     BLOB NOT NULL CHECK (length(sign_public) = 32),
    agree_public    BLOB NOT NULL CHECK (length(agree_public) = 32),
    created_at      TEXT NOT NULL
);

CREATE TABLE unit_key_wraps (
    user_id     INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    wrapped     BLOB NOT NULL
);

-- What each user has seen of the use log (DESIGN.md §4): the head (sequence number and hash)
-- at the end of their last session, signed with their own key. A log cut back or rewritten
-- below a head that any user has seen is caught at that user's next unlock, and by `verify`
-- and `log verify` for every user (audit/witness.rs). Made with the account.
CREATE TABLE log_witnesses (
    user_id     INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    counter     INTEGER NOT NULL,
    seq         INTEGER NOT NULL,
    hash        BLOB    NOT NULL CHECK (length(hash) = 32),
    time        TEXT    NOT NULL,
    signature   BLOB    NOT NULL CHECK (length(signature) = 64)
);

-- Settings an admin may change for the whole store (`store set`), e.g. the largest document
-- accepted. Each change is signed into the use log.
CREATE TABLE store_settings (
    name        TEXT    PRIMARY KEY,
    value       TEXT    NOT NULL,
    set_by      TEXT    NOT NULL,
    set_at      TEXT    NOT NULL
);
