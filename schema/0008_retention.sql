-- 0008: retention (R28–R30, DESIGN.md §7): releases that can be corrected before they take
-- effect, KSF's holds, the dates the ten-year rule counts from, and what makes deletion cheap
-- and final. Never edit once released.

-- Every registration, correction and withdrawal of a person's release, with the value it
-- replaced. The signed use-log entry of each (act `person-release`) is the record the sweep
-- acts on; these rows are its history, for people to read. They go with the person.
CREATE TABLE release_changes (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    release_at  TEXT,               -- NULL: withdrawn
    previous    TEXT,               -- the value it replaced
    changed_at  TEXT    NOT NULL,
    changed_by  TEXT    NOT NULL,
    log_seq     INTEGER NOT NULL
);
CREATE INDEX release_changes_person ON release_changes(person_id);
-- The sweep finds releases whose time has come, and KSF's entries ten years unchanged, by
-- index: its cost at each unlock grows with what is due, not with the register.
CREATE INDEX persons_release ON persons(release_at) WHERE release_at IS NOT NULL;
CREATE INDEX persons_updated ON persons(updated_at);

-- The register's own: ids of persons destroyed. A person id is never given again, so the
-- use log's entries about a destroyed person never come to name someone else.
CREATE TABLE persons_retired (
    id          INTEGER PRIMARY KEY,
    retired_at  TEXT    NOT NULL
);
CREATE TRIGGER persons_id_never_reused AFTER INSERT ON persons
    WHEN EXISTS (SELECT 1 FROM persons_retired WHERE id = NEW.id)
BEGIN
    SELECT RAISE(ABORT, 'the id of a destroyed person is never given again');
END;

-- When each journal number entered this store's journal (its first `created` or `received`
-- row): the ten-year rule at KSF counts from it. Kept by a trigger, so every path that
-- journals a document feeds it; the journal itself stays the record (`verify` checks the
-- sweep against it). A row goes when its document is destroyed.
CREATE TABLE retention_clock (
    journal_number  TEXT PRIMARY KEY,
    entered_at      TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX retention_clock_entered ON retention_clock(entered_at);
CREATE TRIGGER retention_clock_track AFTER INSERT ON journal
    WHEN NEW.status IN ('created', 'received')
BEGIN
    INSERT OR IGNORE INTO retention_clock (journal_number, entered_at)
    VALUES (NEW.journal_number, NEW.date);
END;
INSERT OR IGNORE INTO retention_clock (journal_number, entered_at)
    SELECT journal_number, min(date) FROM journal
    WHERE status IN ('created', 'received')
      AND journal_number IN (SELECT journal_number FROM documents)
    GROUP BY journal_number;

-- KSF's decisions to keep information past ten years (R29): on a person's whole folder or on
-- one document, until a date, with a reason; signed by the officer with decision authority
-- who placed it, and, once lifted, by the one who lifted it. Announced in the use log, which
-- the sweep follows: a hold deleted from this table still holds, and `verify` reports it.
CREATE TABLE retention_holds (
    id              INTEGER PRIMARY KEY,
    person_id       INTEGER NOT NULL,
    journal_number  TEXT,               -- NULL: the whole folder
    until           TEXT    NOT NULL,   -- YYYY-MM-DD, held through that day (UTC)
    reason          TEXT    NOT NULL,
    placed_by       TEXT    NOT NULL,
    placed_at       TEXT    NOT NULL,
    signature       BLOB    NOT NULL CHECK (length(signature) = 64),
    lifted_by       TEXT,
    lifted_at       TEXT,
    lift_signature  BLOB
);
CREATE INDEX retention_holds_person ON retention_holds(person_id);

-- A destruction is not finished until the write-ahead log has been emptied (checkpointed
-- and truncated): set in the destroying transaction, cleared once the log is empty, so a
-- sweep killed in between empties it the next time.
CREATE TABLE retention_state (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    checkpoint_due  INTEGER NOT NULL CHECK (checkpoint_due IN (0, 1))
);
INSERT INTO retention_state (id, checkpoint_due) VALUES (1, 0);

-- Destroying a folder deletes its readers' pins: by folder, not by a scan of every pin.
CREATE INDEX key_pins_folder ON key_pins(folder_id);
