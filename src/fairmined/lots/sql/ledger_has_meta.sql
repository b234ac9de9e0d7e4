-- Whether the attached file already holds a ledger (or any table at all).
SELECT
    count(*) FILTER (WHERE table_name = 'meta'),
    count(*)
FROM duckdb_tables()
WHERE database_name = 'ledger'
