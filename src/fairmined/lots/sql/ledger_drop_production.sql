-- Periods this run declares with another figure replace what the ledger held for them.
DELETE FROM ledger.production AS l
WHERE EXISTS (
    SELECT 1 FROM production AS p
    WHERE p.cert = l.cert AND p.metal = l.metal AND p.p_start = l.p_start AND p.p_end = l.p_end
        AND (p.declared7 IS DISTINCT FROM l.declared7 OR p.declared_text <> l.declared_text)
)
