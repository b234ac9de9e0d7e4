INSERT OR REPLACE INTO ledger.meta VALUES ('schema_version', $version)
