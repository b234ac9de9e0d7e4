-- Without a ledger: no lot of this run is known already.
CREATE TEMP TABLE same_known (line BIGINT, delivery INTEGER, known_line BIGINT)
