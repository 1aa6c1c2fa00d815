-- 0003: the authorisation list's history (R16–R21): every change signed by the admin who made
-- it, and queued for KSF as an `authlist` package (R19). Never edit once released.

CREATE TABLE auth_changes (
    id          INTEGER PRIMARY KEY,
    time        TEXT    NOT NULL,
    admin       TEXT    NOT NULL,
    change      TEXT    NOT NULL,   -- JSON: what changed
    list        TEXT    NOT NULL,   -- JSON: the whole list after the change
    agreement   TEXT,               -- KSF–police agreement allowing more than the maximum (R20)
    signer      BLOB    NOT NULL,
    signature   BLOB    NOT NULL,
    sent_at     TEXT                -- set when the authlist package to KSF is made
);
CREATE INDEX auth_changes_unsent ON auth_changes(sent_at) WHERE sent_at IS NULL;

-- Agreements between KSF and police that raise the number per level (R20).
CREATE TABLE list_agreements (
    id          INTEGER PRIMARY KEY,
    reference   TEXT    NOT NULL,
    recorded_at TEXT    NOT NULL,
    recorded_by TEXT    NOT NULL,
    officers    INTEGER NOT NULL    -- officers on the list when it was invoked
);
