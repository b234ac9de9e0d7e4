-- The texts Python rendered for the rows a format's SQL expression leaves,
-- by line; made anew for every file written (LotRun.write).
CREATE OR REPLACE TABLE texts (line BIGINT, text VARCHAR)
