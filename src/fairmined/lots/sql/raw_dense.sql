-- Whether the row ids of csv_raw run from 0 without a gap, so that a row's id
-- is its place in the table (a new table keeps the order its rows came in).
SELECT coalesce(max(rowid) + 1 = count(*), true) FROM csv_raw
