-- 0011: a folder's listing at full size (issue 11). Never edit once released.

-- `doc list --person` and `person show` read a folder's documents: one search of
-- `documents_folder`, then each document's row in the table. A person's documents are
-- added over years, so in a store of a million documents their rows lie scattered over the
-- table, and each cost two pages more through SQLCipher than in a small store (b-tree
-- depth). This index carries every column the listing reads (documents/mod.rs `DocMeta`),
-- in folder order, so a folder's rows sit side by side in one or two leaf pages and the
-- table is not read. It serves every search by folder that `documents_folder` served.
CREATE INDEX documents_folder_list ON documents(
    folder_id, journal_number, version, id, uid, grading, title, source, unverified,
    health_confidential, derived_from, content_kind, file_name, size, key_tier, key_version,
    content_salt, chunk_count, info_date, created_at, created_by);
DROP INDEX documents_folder;
