-- The rows SQL judged join the verdicts.
INSERT INTO verdicts
SELECT
    line,
    lot_id,
    CASE WHEN len(checks) > 0 THEN 'fail' ELSE 'pass' END,
    checks,
    messages,
    args,
    due,
    paid,
    NULL,
    NULL,
    NULL,
    period,
    day,
    fine7,
    cert,
    metal,
    content
FROM checked
WHERE NOT py
