-- DuckDB's threads for the next queries (the run's --jobs, or one to write a file).
SET threads = $n
