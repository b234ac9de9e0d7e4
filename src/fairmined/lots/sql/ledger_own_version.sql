-- A ledger opened on its own: its schema version.
SELECT value FROM meta WHERE key = 'schema_version'
