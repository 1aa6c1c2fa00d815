-- 0010: what someone holding the store key could change unseen (issue 7): whom a unit
-- trusts, which access requests exist, and disclosures outside the register. Never edit once
-- released.

-- A trusted card or external recipient is used only as the use log's signed trust changes
-- say (transfer/trust.rs): each change, with the card it names, is the detail of a
-- `unit-trust` or `unit-trust-external` entry. These indexes find those entries among
-- millions without a scan. Spelled as plain equalities, which the planner can match to the
-- literal queries of authz/changes.rs.
CREATE INDEX use_log_trust ON use_log(seq) WHERE act = 'unit-trust';
CREATE INDEX use_log_trust_external ON use_log(seq) WHERE act = 'unit-trust-external';

-- The keys each unit had been trusted under were rows anyone holding the store key could
-- add to; they now follow from the chain of signed cards in the log.
DROP TABLE trusted_unit_keys;

-- `verify` finds every access request the log registers, to name one whose row is gone
-- (casework/access.rs).
CREATE INDEX use_log_access ON use_log(seq) WHERE act = 'access-request';

-- A numbered copy (`doc export`, `doc print`) given to police is a disclosure and enters the
-- register with its legal basis, as a package does (R25): kind `copy`. The kinds are spelled
-- as comparisons (an IN list builds a temporary b-tree at every insert, see 0009). SQLite
-- cannot change a CHECK in place, so the table is made again with the same rows and ids.
CREATE TABLE disclosures_new (
    id              INTEGER PRIMARY KEY,
    kind            TEXT    NOT NULL CHECK (kind = 'package' OR kind = 'oral'
                                            OR kind = 'withheld' OR kind = 'copy'),
    person_id       INTEGER NOT NULL,
    recipient       TEXT    NOT NULL,
    basis           TEXT    NOT NULL,
    documents       TEXT    NOT NULL,   -- JSON array of "JNO@V"
    what            TEXT,               -- oral: what was said; withheld: why; copy: its number
    at              TEXT    NOT NULL,
    package_id      TEXT,
    recorded_at     TEXT    NOT NULL,
    recorded_by     TEXT    NOT NULL,
    signer          BLOB    NOT NULL,
    signature       BLOB    NOT NULL
);
INSERT INTO disclosures_new SELECT id, kind, person_id, recipient, basis, documents, what, at,
    package_id, recorded_at, recorded_by, signer, signature FROM disclosures;
DROP TABLE disclosures;
ALTER TABLE disclosures_new RENAME TO disclosures;
CREATE INDEX disclosures_person ON disclosures(person_id);
