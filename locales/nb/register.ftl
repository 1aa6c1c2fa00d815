## The register, documents, need to know, retention, casework and printing: src/register,
## src/documents, src/authz, src/retention, src/casework, src/print, src/text.rs, src/vocab.rs.
