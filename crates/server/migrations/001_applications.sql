-- Applications as submitted: the signed request is kept verbatim (canonical JSON) so a
-- signature can be re-verified later and an idempotent retry can be compared with the original.
CREATE TABLE applications (
    id               INTEGER PRIMARY KEY,
    reference        TEXT NOT NULL UNIQUE,
    idempotency_key  TEXT UNIQUE,
    service          TEXT NOT NULL,
    applicant_iin    TEXT NOT NULL,
    status           TEXT NOT NULL,
    submitted_at     TEXT NOT NULL,
    application_json TEXT NOT NULL,
    signature_json   TEXT NOT NULL,
    signer_json      TEXT NOT NULL
) STRICT;

CREATE INDEX applications_by_applicant ON applications (applicant_iin, submitted_at);

CREATE TABLE status_events (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications (id),
    status         TEXT NOT NULL,
    at             TEXT NOT NULL,
    actor          TEXT NOT NULL
) STRICT;

CREATE INDEX status_events_by_application ON status_events (application_id, id);
