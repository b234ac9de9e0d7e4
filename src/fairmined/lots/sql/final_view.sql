-- Every row's result: its verdict with the findings across rows (final.sql)
-- after its own (an invalid row has none), and the text Python rendered for
-- it, if any (texts.sql). A view, in no set order (the SQL checks insert
-- verdicts on several threads, the Python reference's after them): what
-- needs line order sorts by line.
CREATE VIEW final AS
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
    v.reason_args,
    t.text
FROM verdicts AS v
LEFT JOIN more_findings AS g USING (line)
LEFT JOIN texts AS t USING (line)
