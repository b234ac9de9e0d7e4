-- Periods the ledger does not hold yet (new, or just dropped for a new figure).
INSERT INTO ledger.production
SELECT p.cert, p.metal, p.p_start, p.p_end, p.declared7, p.declared_text, $delivery
FROM production AS p
WHERE NOT EXISTS (
    SELECT 1 FROM ledger.production AS l
    WHERE p.cert = l.cert AND p.metal = l.metal AND p.p_start = l.p_start AND p.p_end = l.p_end
)
