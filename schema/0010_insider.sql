-- 0010: whom a unit trusts, and which access requests exist, are read from the use log.
-- Never edit once released.

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
