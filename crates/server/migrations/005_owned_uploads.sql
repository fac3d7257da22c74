-- Uploads have owners and are bound to what was signed: the content's SHA-256 (the signed
-- application names it), the SHA-256 of the secret that lets the uploader withdraw the file, the
-- client address that counts against its quota, and the one application that attaches it.
ALTER TABLE uploads ADD COLUMN sha256 TEXT NOT NULL DEFAULT '';
ALTER TABLE uploads ADD COLUMN delete_token_sha256 TEXT NOT NULL DEFAULT '';
ALTER TABLE uploads ADD COLUMN client TEXT NOT NULL DEFAULT '';
ALTER TABLE uploads ADD COLUMN application_id INTEGER REFERENCES applications (id);
CREATE INDEX uploads_unattached ON uploads (application_id, created_at);
CREATE INDEX uploads_by_client ON uploads (client) WHERE application_id IS NULL;

-- Idempotency keys are the applicant's own: one namespace per IIN, so a key someone else knows
-- cannot collide with a citizen's submission. The old, global column stays for older rows.
ALTER TABLE applications ADD COLUMN applicant_key TEXT;
UPDATE applications SET applicant_key = idempotency_key;
CREATE UNIQUE INDEX applications_by_applicant_key ON applications (applicant_iin, applicant_key);

-- Uploads that earlier applications attach are theirs (the sweep keeps them).
UPDATE uploads SET application_id = (
    SELECT a.id FROM applications a, json_each(a.application_json, '$.documents') d
    WHERE json_extract(d.value, '$.upload_id') = uploads.id
    LIMIT 1
);
