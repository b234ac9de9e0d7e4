-- Results in input order, from line $after on, from the view final, or
-- verdicts for the per-lot checks alone (named in braces below): those that
-- the condition in braces keeps (all of them, or those the caller's SQL
-- expression over the table's columns and due_text, paid_text leaves to Python).
SELECT line, lot_id, status, checks, messages, args, due::VARCHAR, paid::VARCHAR, reason,
    reason_code, reason_args
FROM (SELECT *, fm_cents_text(due) AS due_text, fm_cents_text(paid) AS paid_text FROM {table})
WHERE line > $after AND {keep}
ORDER BY line
-- OFFSET 0: without it DuckDB 2.0 dropped the LIMIT of this query over the
-- view final (with a second condition, from 10,000 rows on), and a page held
-- every remaining result.
LIMIT $limit OFFSET 0
