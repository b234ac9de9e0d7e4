-- The run's own database file, in its temporary folder (its tables can leave
-- memory for the disk), with row groups small enough that a batch of about
-- 80,000 lines is several of them: DuckDB shares a table scan among its
-- threads by row group, so one batch in one default row group (122,880 rows)
-- ran on one thread whatever --jobs said.
ATTACH $path AS run (ROW_GROUP_SIZE 16384)
