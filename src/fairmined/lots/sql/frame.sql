-- The results as a table, amounts as exact text.
SELECT
    line,
    lot_id,
    status,
    checks,
    messages,
    fm_cents_text(due) AS premium_due,
    fm_cents_text(paid) AS premium_paid,
    reason
FROM final
ORDER BY line
