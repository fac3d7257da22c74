-- Sign-in: a challenge is used once; a session token is kept only as its SHA-256, so a copy of
-- the database does not let anyone act as a citizen.
CREATE TABLE sign_in_challenges (
    challenge  TEXT PRIMARY KEY,
    expires_at TEXT NOT NULL
) STRICT;

CREATE TABLE sessions (
    token_sha256 TEXT PRIMARY KEY,
    iin          TEXT NOT NULL,
    expires_at   TEXT NOT NULL
) STRICT;
