-- The supply models of the certificates' standards, with the duties a lot can show.
CREATE TABLE supply AS SELECT
    unnest($std)::INTEGER AS std,
    unnest($model)::VARCHAR AS model,
    unnest($name)::VARCHAR AS name,
    unnest($scoped)::BOOLEAN AS scoped,
    unnest($traced)::BOOLEAN AS traced
