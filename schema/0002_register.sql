-- 0002: the register (R1–R4), folders and graded documents (R5, R8–R10), the journal (R14)
-- and the use log (R15). DESIGN.md §3–§5. Never edit once released.

-- Persons covered by INFOFLYT and the people around them (R2, R3).
CREATE TABLE persons (
    id              INTEGER PRIMARY KEY,
    name            TEXT    NOT NULL,
    kind            TEXT    NOT NULL CHECK (kind IN ('inmate', 'remand', 'associate')),
    born            TEXT,
    unit            TEXT,
    risks           TEXT    NOT NULL DEFAULT '',  -- comma-separated, see register/person.rs
    affiliations    TEXT    NOT NULL DEFAULT '',
    offence         TEXT,
    sentence        TEXT,
    conduct         TEXT,
    release_at      TEXT,
    kompis_marked   INTEGER NOT NULL DEFAULT 0 CHECK (kompis_marked IN (0, 1)),
    created_at      TEXT    NOT NULL,
    created_by      INTEGER NOT NULL REFERENCES users(id),
    updated_at      TEXT    NOT NULL
);
CREATE INDEX persons_unit ON persons(unit);

-- Ties between persons: visitors, telephone contacts, correspondents (R3).
CREATE TABLE person_links (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    other_id    INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL,
    created_at  TEXT    NOT NULL,
    created_by  INTEGER NOT NULL REFERENCES users(id),
    UNIQUE (person_id, other_id, kind),
    CHECK (person_id <> other_id)
);
CREATE INDEX person_links_other ON person_links(other_id);

-- Networks with a kind and a purpose beyond friendship (R4), and their members.
CREATE TABLE networks (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL UNIQUE,
    kind        TEXT    NOT NULL,
    purpose     TEXT    NOT NULL CHECK (length(trim(purpose)) > 0),
    created_at  TEXT    NOT NULL,
    created_by  INTEGER NOT NULL REFERENCES users(id)
);
CREATE TABLE network_members (
    network_id  INTEGER NOT NULL REFERENCES networks(id) ON DELETE CASCADE,
    person_id   INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    PRIMARY KEY (network_id, person_id)
);
CREATE INDEX network_members_person ON network_members(person_id);

-- Persons removed from the register while marked in KOMPIS: still to be unmarked there.
CREATE TABLE kompis_unmark (
    id          INTEGER PRIMARY KEY,
    label       TEXT NOT NULL,
    queued_at   TEXT NOT NULL
);
CREATE TABLE kompis_acks (
    id          INTEGER PRIMARY KEY,
    acked_at    TEXT    NOT NULL,
    acked_by    INTEGER NOT NULL REFERENCES users(id),
    marked      INTEGER NOT NULL,
    unmarked    INTEGER NOT NULL
);

-- One INFOFLYT folder per person (R10). Its keys and their signed records live in 0004; the
-- folder row holds only what binds them to this folder: a random uid, fixed at creation.
CREATE TABLE folders (
    id              INTEGER PRIMARY KEY,
    person_id       INTEGER NOT NULL UNIQUE REFERENCES persons(id) ON DELETE CASCADE,
    uid             BLOB    NOT NULL UNIQUE CHECK (length(uid) = 16),
    created_at      TEXT    NOT NULL
);

-- The unit's journal numbers (R14): year/sequence, never reused, never changed.
CREATE TABLE journal_numbers (
    year            INTEGER NOT NULL,
    seq             INTEGER NOT NULL,
    journal_number  TEXT    NOT NULL UNIQUE,
    PRIMARY KEY (year, seq)
);
-- Journal entries: what happened to each numbered document. Outlives the documents.
CREATE TABLE journal (
    id              INTEGER PRIMARY KEY,
    journal_number  TEXT    NOT NULL,
    version         INTEGER NOT NULL,
    date            TEXT    NOT NULL,
    grading         TEXT    NOT NULL,
    counterpart     TEXT    NOT NULL,   -- source (received, created) or recipient (sent)
    status          TEXT    NOT NULL CHECK (status IN ('received', 'created', 'sent', 'destroyed')),
    exemption       TEXT    NOT NULL,
    by_user         TEXT    NOT NULL,
    -- The acting user's Ed25519 signature over every field above (documents/journal.rs), so
    -- a row changed with the store key is caught by `verify`.
    signer          BLOB    NOT NULL,
    signature       BLOB    NOT NULL
);
CREATE INDEX journal_number ON journal(journal_number);

-- Graded documents (R9). A version is never changed; a correction is a new version.
CREATE TABLE documents (
    id                  INTEGER PRIMARY KEY,
    uid                 BLOB    NOT NULL UNIQUE CHECK (length(uid) = 16),
    journal_number      TEXT    NOT NULL,
    version             INTEGER NOT NULL CHECK (version > 0),
    folder_id           INTEGER NOT NULL REFERENCES folders(id) ON DELETE CASCADE,
    grading             TEXT    NOT NULL CHECK (grading IN ('FORTROLIG', 'STRENGT_FORTROLIG')),
    title               TEXT    NOT NULL,
    source              TEXT    NOT NULL,
    unverified          INTEGER NOT NULL CHECK (unverified IN (0, 1)),
    health_confidential INTEGER NOT NULL CHECK (health_confidential IN (0, 1)),
    derived_from        TEXT,           -- "JNO v" of the source document (R8)
    content_kind        TEXT    NOT NULL CHECK (content_kind IN ('text', 'file')),
    file_name           TEXT,
    size                INTEGER NOT NULL,
    -- Which of the folder's keys encrypts it: tier F (FORTROLIG) or S (STRENGT FORTROLIG,
    -- wrapped only to readers cleared for it), and its version (authz/folder/).
    key_tier            TEXT    NOT NULL CHECK (key_tier IN ('F', 'S')),
    key_version         INTEGER NOT NULL,
    content_salt        BLOB    NOT NULL CHECK (length(content_salt) = 32),
    chunk_count         INTEGER NOT NULL,
    info_date           TEXT    NOT NULL,   -- how old the information is (R34)
    created_at          TEXT    NOT NULL,
    created_by          INTEGER NOT NULL REFERENCES users(id),
    UNIQUE (journal_number, version)
);
CREATE INDEX documents_folder ON documents(folder_id);
CREATE TABLE doc_chunks (
    doc_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx     INTEGER NOT NULL,
    data    BLOB    NOT NULL,
    PRIMARY KEY (doc_id, idx)
);

-- The use log (R15, DESIGN.md §4): hash-chained, each entry signed by the acting user.
-- Holds ids and outcomes, never titles or contents.
CREATE TABLE use_log (
    seq             INTEGER PRIMARY KEY,
    time            TEXT    NOT NULL,
    user_name       TEXT    NOT NULL,
    unit            TEXT    NOT NULL,
    act             TEXT    NOT NULL,
    person_id       INTEGER,
    journal_number  TEXT,
    doc_version     INTEGER,
    purpose         TEXT,
    outcome         TEXT    NOT NULL,
    detail          TEXT,
    prev_hash       BLOB    NOT NULL,
    hash            BLOB    NOT NULL,
    signer          BLOB    NOT NULL,
    signature       BLOB    NOT NULL
);
CREATE INDEX use_log_user ON use_log(user_name);
CREATE INDEX use_log_doc ON use_log(journal_number);
CREATE INDEX use_log_person ON use_log(person_id, act) WHERE person_id IS NOT NULL;
-- Accounts taken off the list, found in the log (authz: a removed account makes no keys and
-- gets none, whatever its row says).
CREATE INDEX use_log_removals ON use_log(seq) WHERE act = 'list-remove';
