-- The ledger's schema version; no row in a new ledger.
SELECT value FROM ledger.meta WHERE key = 'schema_version'
