-- This run's lots into the ledger, but those it already holds with the same content.
INSERT INTO ledger.lots
SELECT
    fm_lot_key(f.lot_id),
    f.lot_id,
    v.content,
    $delivery,
    f.line,
    f.status,
    f.checks,
    v.cert,
    v.metal,
    v.day,
    v.fine7,
    f.due,
    f.paid
FROM final AS f
JOIN verdicts AS v USING (line)
WHERE f.lot_id IS NOT NULL AND f.line NOT IN (SELECT line FROM same_known)
