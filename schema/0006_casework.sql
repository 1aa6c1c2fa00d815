-- 0006: casework (issue 9): decisions on the information and their review up the chain
-- (R22–R24, R34), the central register's registration decisions (R6) and access requests
-- (R27). Never edit once released.
--
-- A decision's assessment is not in these tables: it is a document in the person's folder,
-- encrypted under the folder key like any other (casework/decision.rs), and `assessment_jno`
-- names it. Everything the decision-maker signed is kept here except that text, so the
-- signature can be checked again by anyone who may read the assessment.

-- Decisions taken at this store ('own') and decisions received from the level below
-- ('received'). Never changed in place: a new decision supersedes an old one, and reviews are
-- rows of their own.
CREATE TABLE decisions (
    id              INTEGER PRIMARY KEY,
    uid             BLOB    NOT NULL UNIQUE CHECK (length(uid) = 16),
    origin          TEXT    NOT NULL CHECK (origin IN ('own', 'received')),
    unit            TEXT    NOT NULL,            -- the deciding unit
    level           TEXT    NOT NULL CHECK (level IN ('ksf', 'region', 'local')),
    person_id       INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    subject_ref     INTEGER NOT NULL,            -- the person's id at the deciding store
    subject_name    TEXT    NOT NULL,
    subject_born    TEXT,
    measure         TEXT    NOT NULL,
    reliability     TEXT    NOT NULL CHECK (reliability IN ('verified', 'unverified', 'mixed')),
    asked_police    INTEGER NOT NULL CHECK (asked_police IN (0, 1)),
    police_info     INTEGER NOT NULL CHECK (police_info IN (0, 1)),
    grading         TEXT    NOT NULL CHECK (grading IN ('FORTROLIG', 'STRENGT_FORTROLIG')),
    decided_at      TEXT    NOT NULL,
    decided_by      TEXT    NOT NULL,
    decider_key     BLOB    NOT NULL CHECK (length(decider_key) = 32),
    supersedes      BLOB    CHECK (supersedes IS NULL OR length(supersedes) = 16),
    signature       BLOB    NOT NULL CHECK (length(signature) = 64),
    unit_key        BLOB    NOT NULL CHECK (length(unit_key) = 32),
    unit_signature  BLOB    NOT NULL CHECK (length(unit_signature) = 64),
    assessment_jno  TEXT    NOT NULL,            -- this store's journal number of the assessment
    recorded_at     TEXT    NOT NULL
);
CREATE INDEX decisions_person ON decisions(person_id);
CREATE INDEX decisions_decided_at ON decisions(decided_at);

-- The documents a decision rests on, as they were on the day of the decision (R34): the age
-- of the information is computed then, never typed.
CREATE TABLE decision_basis (
    decision_id         INTEGER NOT NULL REFERENCES decisions(id) ON DELETE CASCADE,
    pos                 INTEGER NOT NULL,
    journal_number      TEXT    NOT NULL,        -- at the deciding store
    version             INTEGER NOT NULL,
    grading             TEXT    NOT NULL,
    source              TEXT    NOT NULL,
    info_date           TEXT    NOT NULL,
    age_days            INTEGER NOT NULL CHECK (age_days >= 0),
    unverified          INTEGER NOT NULL CHECK (unverified IN (0, 1)),
    health_confidential INTEGER NOT NULL CHECK (health_confidential IN (0, 1)),
    PRIMARY KEY (decision_id, pos)
);

-- Upholds and overturns by the level above (R23): made here ('own') about a decision received
-- from below, or received from above about a decision of this store.
CREATE TABLE decision_reviews (
    id              INTEGER PRIMARY KEY,
    uid             BLOB    NOT NULL UNIQUE CHECK (length(uid) = 16),
    origin          TEXT    NOT NULL CHECK (origin IN ('own', 'received')),
    decision_id     INTEGER NOT NULL REFERENCES decisions(id) ON DELETE CASCADE,
    verdict         TEXT    NOT NULL CHECK (verdict IN ('uphold', 'overturn')),
    reason          TEXT    NOT NULL,
    unit            TEXT    NOT NULL,            -- the reviewing unit
    level           TEXT    NOT NULL CHECK (level IN ('ksf', 'region', 'local')),
    reviewed_at     TEXT    NOT NULL,
    reviewed_by     TEXT    NOT NULL,
    reviewer_key    BLOB    NOT NULL CHECK (length(reviewer_key) = 32),
    signature       BLOB    NOT NULL CHECK (length(signature) = 64),
    unit_key        BLOB    NOT NULL CHECK (length(unit_key) = 32),
    unit_signature  BLOB    NOT NULL CHECK (length(unit_signature) = 64),
    recorded_at     TEXT    NOT NULL
);
CREATE INDEX decision_reviews_decision ON decision_reviews(decision_id);

-- What this store owes other units (R23, R24): decisions to report up the chain
-- (tjenestevei), reviews to send back down. The transfer module carries them in
-- `decision-report` packages and marks them sent.
CREATE TABLE casework_outbox (
    id              INTEGER PRIMARY KEY,
    kind            TEXT    NOT NULL CHECK (kind IN ('decision-report', 'decision-review')),
    decision_id     INTEGER NOT NULL REFERENCES decisions(id) ON DELETE CASCADE,
    review_id       INTEGER REFERENCES decision_reviews(id) ON DELETE CASCADE,
    to_level        TEXT    NOT NULL CHECK (to_level IN ('ksf', 'region', 'local', 'police')),
    to_unit         TEXT    NOT NULL,
    why             TEXT    NOT NULL,
    queued_at       TEXT    NOT NULL,
    sent_at         TEXT,
    package         TEXT,
    CHECK ((kind = 'decision-review') = (review_id IS NOT NULL))
);
CREATE INDEX casework_outbox_unsent ON casework_outbox(sent_at) WHERE sent_at IS NULL;

-- KSF's decisions whether a person or a piece of information is taken into the central
-- register (R6), refusals included. Signed by the officer who decided.
CREATE TABLE registrations (
    id              INTEGER PRIMARY KEY,
    person_id       INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    journal_number  TEXT,                        -- the piece of information, if not the person
    outcome         TEXT    NOT NULL CHECK (outcome IN ('take', 'refuse')),
    reason          TEXT    NOT NULL,
    decided_at      TEXT    NOT NULL,
    decided_by      TEXT    NOT NULL,
    signer          BLOB    NOT NULL CHECK (length(signer) = 32),
    signature       BLOB    NOT NULL CHECK (length(signature) = 64)
);
CREATE INDEX registrations_person ON registrations(person_id);

-- Requests for access (R27): who asked, when, for what, and the decision with its ground.
CREATE TABLE access_requests (
    id              INTEGER PRIMARY KEY,
    person_id       INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    requester       TEXT    NOT NULL CHECK (requester IN
                        ('press', 'public', 'inmate', 'associate', 'lawyer', 'ombud', 'court')),
    requester_name  TEXT,
    received        TEXT    NOT NULL,            -- YYYY-MM-DD
    docs            TEXT    NOT NULL DEFAULT '', -- comma-separated journal numbers
    registered_at   TEXT    NOT NULL,
    registered_by   TEXT    NOT NULL,
    outcome         TEXT    CHECK (outcome IS NULL OR outcome IN ('grant', 'refuse', 'court-process')),
    ground          TEXT,
    decided_at      TEXT,
    decided_by      TEXT,
    CHECK ((outcome IS NULL) = (ground IS NULL) AND (outcome IS NULL) = (decided_at IS NULL))
);
CREATE INDEX access_requests_open ON access_requests(outcome) WHERE outcome IS NULL;
