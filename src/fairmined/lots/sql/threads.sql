-- The threads DuckDB runs a query on (--jobs).
SELECT current_setting('threads')
