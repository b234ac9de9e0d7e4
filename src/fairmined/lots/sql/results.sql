-- Results in input order, from line $after on: all of them, or only those
-- the SQL rendering does not write ($all false); from the table final, or
-- verdicts for the per-lot checks alone (the engine names it in braces).
SELECT line, lot_id, status, checks, messages, args, due::VARCHAR, paid::VARCHAR, reason,
    reason_code, reason_args
FROM {table}
WHERE line > $after AND ($all OR NOT (status = 'pass' AND fm_plain_id(lot_id)))
ORDER BY line
LIMIT $limit
