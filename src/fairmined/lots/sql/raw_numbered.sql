-- The lines of csv_raw numbered in the order a scan meets them, on one
-- thread: what raw_lines.sql does when the row ids are not the places.
CREATE OR REPLACE TABLE csv_lines AS
SELECT line, raw
FROM (SELECT row_number() OVER () + 1 AS line, raw FROM csv_raw)
WHERE raw IS NOT NULL
