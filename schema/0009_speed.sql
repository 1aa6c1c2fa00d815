-- 0009: speed (issue 11). Never edit once released.

-- The retention clock was fed by a trigger on every journal insert. A trigger runs as a
-- sub-program with its own frame, allocated and freed for each row; with SQLCipher's memory
-- security every such allocation is locked in memory and scrubbed on release. The journal
-- has a single writer (documents/journal.rs `record`), which now keeps the clock itself,
-- with the same rule: the first `created` or `received` row of a journal number sets its
-- date.
DROP TRIGGER retention_clock_track;

-- The journal's CHECK on `status` was an IN list of four values, which SQLite evaluates
-- through a temporary b-tree built anew for every row inserted: a pager, a page cache and
-- their pages, each allocation locked and scrubbed. Together with the trigger it was half
-- the time of importing a package of many documents. The same rule, spelled as
-- comparisons, costs nothing. SQLite cannot change a CHECK in place, so the table is
-- rebuilt with the same rows and ids (nothing references it; its one index is made again).
CREATE TABLE journal_new (
    id              INTEGER PRIMARY KEY,
    journal_number  TEXT    NOT NULL,
    version         INTEGER NOT NULL,
    date            TEXT    NOT NULL,
    grading         TEXT    NOT NULL,
    counterpart     TEXT    NOT NULL,   -- source (received, created) or recipient (sent)
    status          TEXT    NOT NULL CHECK (status = 'received' OR status = 'created'
                                            OR status = 'sent' OR status = 'destroyed'),
    exemption       TEXT    NOT NULL,
    by_user         TEXT    NOT NULL,
    -- The acting user's Ed25519 signature over every field above (documents/journal.rs), so
    -- a row changed with the store key is caught by `verify`.
    signer          BLOB    NOT NULL,
    signature       BLOB    NOT NULL
);
INSERT INTO journal_new (id, journal_number, version, date, grading, counterpart, status,
                         exemption, by_user, signer, signature)
    SELECT id, journal_number, version, date, grading, counterpart, status,
           exemption, by_user, signer, signature
    FROM journal ORDER BY id;
DROP TABLE journal;
ALTER TABLE journal_new RENAME TO journal;
CREATE INDEX journal_number ON journal(journal_number);
