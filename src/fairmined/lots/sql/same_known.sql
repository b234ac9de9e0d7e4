-- This run's lots already in the ledger with the same content (a file run
-- again): the first such record, whose place in sale-date order they keep.
CREATE TEMP TABLE same_known AS
SELECT v.line, min(k.delivery) AS delivery, arg_min(k.line, k.delivery) AS known_line
FROM verdicts AS v
JOIN known_lots AS k
    ON k.lot_key = fm_lot_key(v.lot_id)
    AND k.content = v.content
GROUP BY v.line
