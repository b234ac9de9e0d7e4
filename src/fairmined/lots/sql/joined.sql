-- Every row's result but its rendered text: its verdict with the findings
-- across rows (more_findings.sql) after its own; an invalid row has none. In no set
-- order (the SQL checks insert verdicts on several threads, the Python
-- reference's after them): what needs line order sorts by line. A view when
-- few lots have findings across rows; else a table (the engine puts VIEW or
-- TABLE in place of the braced name below), so that no scan of it joins a
-- large table of findings while it sorts (out of memory at 1,000,000
-- duplicate lots).
CREATE {kind} joined AS
SELECT
    v.line,
    v.lot_id,
    CASE
        WHEN v.status = 'invalid' THEN 'invalid'
        WHEN len(v.checks) > 0 OR g.line IS NOT NULL THEN 'fail'
        ELSE 'pass'
    END AS status,
    CASE WHEN v.status = 'invalid' THEN [] ELSE v.checks || coalesce(g.more_checks, []) END
        AS checks,
    CASE WHEN v.status = 'invalid' THEN [] ELSE v.messages || coalesce(g.more_messages, []) END
        AS messages,
    CASE WHEN v.status = 'invalid' THEN [] ELSE v.args || coalesce(g.more_args, []) END
        AS args,
    v.due,
    v.paid,
    v.reason,
    v.reason_code,
    v.reason_args
FROM verdicts AS v
LEFT JOIN more_findings AS g USING (line)
