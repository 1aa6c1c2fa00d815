-- 0005: register upkeep (issue 12): finding persons by name or birth date, a person's history
-- of corrections, leaving and retiring networks. Never edit once released.
--
-- `infoflyt_fold` is the Rust function `text::fold`, registered on the connection by
-- store/migrate.rs before migrations run: SQLite cannot fold Norwegian letters by itself.

-- The folded name (text::fold), for the duplicate check on `person add` and `person correct`.
ALTER TABLE persons ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
UPDATE persons SET name_key = infoflyt_fold(name);
CREATE INDEX persons_name_key ON persons(name_key);
CREATE INDEX persons_born ON persons(born);

-- One row per word of each folded name: `person find` looks words up by prefix through the
-- primary key, so its cost grows with the hits, not with the register.
CREATE TABLE person_search (
    token       TEXT    NOT NULL,
    person_id   INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    PRIMARY KEY (token, person_id)
) WITHOUT ROWID;
CREATE INDEX person_search_person ON person_search(person_id);
INSERT OR IGNORE INTO person_search (token, person_id)
WITH RECURSIVE split(id, rest, token) AS (
    SELECT id, name_key || ' ', '' FROM persons
    UNION ALL
    SELECT id, substr(rest, instr(rest, ' ') + 1), substr(rest, 1, instr(rest, ' ') - 1)
    FROM split WHERE rest <> ''
)
SELECT token, id FROM split WHERE token <> '';

-- The old values of a person's corrected or changed details, with who, when and why.
CREATE TABLE person_history (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    field       TEXT    NOT NULL,
    old_value   TEXT,
    new_value   TEXT,
    reason      TEXT,
    changed_at  TEXT    NOT NULL,
    changed_by  INTEGER NOT NULL REFERENCES users(id)
);
CREATE INDEX person_history_person ON person_history(person_id);

-- A member who left a network stays on record with the time they left.
ALTER TABLE network_members ADD COLUMN left_at TEXT;
-- A retired network is kept for the record; it is no longer active and warns of nothing.
ALTER TABLE networks ADD COLUMN retired_at TEXT;
ALTER TABLE networks ADD COLUMN retired_by INTEGER REFERENCES users(id);
ALTER TABLE networks ADD COLUMN retired_reason TEXT;
