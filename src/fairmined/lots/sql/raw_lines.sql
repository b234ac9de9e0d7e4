-- The lines of csv_raw numbered as the file's: the header is line 1, so a
-- row's place from 0 plus 2 (raw_dense.sql holds the row id to be that
-- place); blank lines (NULL) dropped. Computed in the scan, on every thread.
CREATE OR REPLACE VIEW csv_lines AS
SELECT rowid + 2 AS line, raw FROM csv_raw WHERE raw IS NOT NULL
