-- Files a citizen uploaded for an application's documents. The bytes live in the data folder
-- (uploads/<id>); the row is written only after the file is complete and synced.
CREATE TABLE uploads (
    id         TEXT PRIMARY KEY,
    file_name  TEXT NOT NULL,
    size       INTEGER NOT NULL,
    media_type TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;
