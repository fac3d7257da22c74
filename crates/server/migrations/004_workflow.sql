-- The outcome of the workflow: the result document (JSON) or the grounds of a refusal.
ALTER TABLE applications ADD COLUMN result_json TEXT;
ALTER TABLE applications ADD COLUMN refusal_grounds TEXT;
