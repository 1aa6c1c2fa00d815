-- 0007: transfer packages between units (DESIGN.md §6, R7, R8, R11–R13, R19, R25, R26,
-- R31–R33): the unit's own cards and key successions, the units and external recipients it
-- trusts, packages sent and received, documents received, log checkpoints kept, prior
-- consultations and the disclosure register. Never edit once released.

-- identity: each rollover of the unit keys (a holder left). Signed by the old key, which
-- every user's sealed trust anchor names, and by the new one: at unlock a user whose anchor
-- is an older key follows these links to the current key and reseals their anchor
-- (identity/succession.rs).
CREATE TABLE unit_successions (
    serial              INTEGER PRIMARY KEY CHECK (serial > 0),
    old_sign_public     BLOB    NOT NULL UNIQUE CHECK (length(old_sign_public) = 32),
    new_sign_public     BLOB    NOT NULL UNIQUE CHECK (length(new_sign_public) = 32),
    new_agree_public    BLOB    NOT NULL CHECK (length(new_agree_public) = 32),
    made_at             TEXT    NOT NULL,
    made_by             TEXT    NOT NULL,
    old_signature       BLOB    NOT NULL CHECK (length(old_signature) = 64),
    new_signature       BLOB    NOT NULL CHECK (length(new_signature) = 64)
);

-- identity: retired X25519 keys of the unit, each wrapped to its successor's public key, so
-- a package sealed to the old key before a peer learnt the new card still opens here.
CREATE TABLE unit_keys_retired (
    agree_public        BLOB    PRIMARY KEY CHECK (length(agree_public) = 32),
    successor_public    BLOB    NOT NULL CHECK (length(successor_public) = 32),
    retired_at          TEXT    NOT NULL,
    wrapped             BLOB    NOT NULL
);

-- The cards this unit has issued, newest last. A card after a rollover carries the old key's
-- signature, so peers that trust the old card accept it from the next package.
CREATE TABLE unit_cards (
    serial          INTEGER PRIMARY KEY CHECK (serial > 0),
    card            TEXT    NOT NULL,
    sign_public     BLOB    NOT NULL CHECK (length(sign_public) = 32),
    issued_at       TEXT    NOT NULL,
    issued_by       TEXT    NOT NULL
);

-- Other units this store trusts: their current card, confirmed by fingerprint over the phone
-- (`unit trust`) or taken over from a rollover card that the trusted key signed.
CREATE TABLE trusted_units (
    unit            TEXT    PRIMARY KEY,
    level           TEXT    NOT NULL CHECK (level IN ('ksf', 'region', 'local')),
    region          TEXT,
    serial          INTEGER NOT NULL,
    fingerprint     TEXT    NOT NULL,
    card            TEXT    NOT NULL,
    trusted_at      TEXT    NOT NULL,
    trusted_by      TEXT    NOT NULL,
    how             TEXT    NOT NULL CHECK (how IN ('fingerprint', 'rollover'))
);
-- Every signing key a trusted unit has had: checkpoints signed by an older key stay checkable.
CREATE TABLE trusted_unit_keys (
    unit            TEXT    NOT NULL,
    sign_public     BLOB    NOT NULL CHECK (length(sign_public) = 32),
    serial          INTEGER NOT NULL,
    PRIMARY KEY (unit, sign_public)
);

-- Recipients outside the service (Kripos, PST) by name, with their age public key.
CREATE TABLE external_recipients (
    name            TEXT    PRIMARY KEY,
    recipient       TEXT    NOT NULL,
    added_at        TEXT    NOT NULL,
    added_by        TEXT    NOT NULL
);

-- A person's identifier across units: random, made when the person first travels in a
-- package (or arrives in one), so the receiving unit files documents into the right folder.
CREATE TABLE person_uids (
    person_id       INTEGER PRIMARY KEY REFERENCES persons(id) ON DELETE CASCADE,
    uid             BLOB    NOT NULL UNIQUE CHECK (length(uid) = 16)
);

-- Packages this unit made. `number` names the file; `seq` counts per receiver, so the
-- receiver sees a gap or a replay. `owed_as` says which copy-up duty a copy-up package met.
CREATE TABLE packages_out (
    id              TEXT    PRIMARY KEY,
    number          INTEGER NOT NULL UNIQUE,
    kind            TEXT    NOT NULL,
    receiver        TEXT    NOT NULL,
    seq             INTEGER NOT NULL,
    owed_as         TEXT    CHECK (owed_as IN ('region', 'ksf')),
    person_id       INTEGER,
    file            TEXT    NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('sealing', 'sealed')),
    tagmanifest     BLOB,
    size            INTEGER,
    documents       INTEGER NOT NULL,
    created_at      TEXT    NOT NULL,
    created_by      TEXT    NOT NULL,
    receipt_at      TEXT,
    receipt_id      TEXT,
    UNIQUE (receiver, seq)
);
-- The document versions each package carried (what copy-up still owes is what no sealed
-- package to that unit carried).
CREATE TABLE package_items_out (
    package_id      TEXT    NOT NULL REFERENCES packages_out(id) ON DELETE CASCADE,
    journal_number  TEXT    NOT NULL,
    version         INTEGER NOT NULL,
    person_id       INTEGER NOT NULL,
    PRIMARY KEY (package_id, journal_number, version)
);
CREATE INDEX package_items_out_doc ON package_items_out(journal_number, version);

-- Packages imported here, by sender and that sender's sequence number: a second import of
-- the same package (a replay) finds its row and is refused.
CREATE TABLE packages_in (
    sender          TEXT    NOT NULL,
    seq             INTEGER NOT NULL,
    id              TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    tagmanifest     BLOB    NOT NULL,
    documents       INTEGER NOT NULL,
    officer         TEXT    NOT NULL,
    imported_at     TEXT    NOT NULL,
    imported_by     TEXT    NOT NULL,
    receipt_id      TEXT,
    PRIMARY KEY (sender, seq),
    UNIQUE (sender, id)
);

-- Each document version received, with the sender's journal number beside this unit's.
CREATE TABLE documents_in (
    journal_number          TEXT    NOT NULL,
    version                 INTEGER NOT NULL,
    sender                  TEXT    NOT NULL,
    sender_journal_number   TEXT    NOT NULL,
    sender_version          INTEGER NOT NULL,
    package_id              TEXT    NOT NULL,
    PRIMARY KEY (journal_number, version),
    UNIQUE (sender, sender_journal_number, sender_version)
);

-- The signed list changes other units sent (R19), as they sent them.
CREATE TABLE auth_changes_in (
    sender          TEXT    NOT NULL,
    package_id      TEXT    NOT NULL,
    time            TEXT    NOT NULL,
    admin           TEXT    NOT NULL,
    change          TEXT    NOT NULL,
    list            TEXT    NOT NULL,
    agreement       TEXT,
    signer          BLOB    NOT NULL,
    signature       BLOB    NOT NULL,
    received_at     TEXT    NOT NULL
);

-- Log checkpoints received from other units (DESIGN.md §4): that unit's log head, signed by
-- its unit key. Kept so that unit can later prove its log was not cut back or rewritten.
CREATE TABLE checkpoints_in (
    unit            TEXT    NOT NULL,
    store_id        BLOB    NOT NULL,
    seq             INTEGER NOT NULL,
    head            BLOB    NOT NULL CHECK (length(head) = 32),
    time            TEXT    NOT NULL,
    unit_key        BLOB    NOT NULL CHECK (length(unit_key) = 32),
    signature       BLOB    NOT NULL CHECK (length(signature) = 64),
    package_id      TEXT    NOT NULL,
    received_at     TEXT    NOT NULL,
    PRIMARY KEY (unit, seq)
);

-- Prior oral consultations before a transfer (R12): who spoke with whom, when. Signed by the
-- officer who recorded it.
CREATE TABLE consultations (
    id              INTEGER PRIMARY KEY,
    person_id       INTEGER NOT NULL,
    unit            TEXT    NOT NULL,
    with_name       TEXT    NOT NULL,
    at              TEXT    NOT NULL,
    note            TEXT,
    recorded_at     TEXT    NOT NULL,
    recorded_by     TEXT    NOT NULL,
    signer          BLOB    NOT NULL,
    signature       BLOB    NOT NULL
);
CREATE INDEX consultations_person ON consultations(person_id, unit);

-- The disclosure register (R25, R31, R32): every disclosure outside the service, written or
-- oral, and every decision not to disclose, with sender, recipient, basis, documents, time.
CREATE TABLE disclosures (
    id              INTEGER PRIMARY KEY,
    kind            TEXT    NOT NULL CHECK (kind IN ('package', 'oral', 'withheld')),
    person_id       INTEGER NOT NULL,
    recipient       TEXT    NOT NULL,
    basis           TEXT    NOT NULL,
    documents       TEXT    NOT NULL,   -- JSON array of "JNO@V"
    what            TEXT,               -- an oral disclosure: what was said; withheld: why
    at              TEXT    NOT NULL,
    package_id      TEXT,
    recorded_at     TEXT    NOT NULL,
    recorded_by     TEXT    NOT NULL,
    signer          BLOB    NOT NULL,
    signature       BLOB    NOT NULL
);
CREATE INDEX disclosures_person ON disclosures(person_id);
