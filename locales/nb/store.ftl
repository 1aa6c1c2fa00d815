## The store, identities, the use log and errors: src/store, src/identity, src/audit,
## src/error.rs, src/integrity.rs, src/crypto, src/process.rs, src/sitting.rs, src/time.rs.
