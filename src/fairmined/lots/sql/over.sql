-- The mass balance: each lot's running total of fine metal in its production
-- period, in sale-date order (then delivery, then line: lots of earlier
-- deliveries in the ledger first, a lot run again keeping its first place);
-- this run's lots whose total exceeds what the period declared, with that
-- total in 10^-7 g.
WITH mine AS (
    SELECT
        v.line,
        v.period,
        v.day,
        v.fine7,
        coalesce(s.delivery, 2147483647) AS delivery,
        coalesce(s.known_line, v.line) AS known_line
    FROM verdicts AS v
    LEFT JOIN same_known AS s USING (line)
    WHERE v.status <> 'invalid' AND v.period IS NOT NULL
), earlier AS (
    SELECT NULL::BIGINT AS line, p.period, k.day, k.fine7, k.delivery, k.line AS known_line
    FROM known_lots AS k
    JOIN production AS p
        ON p.cert = k.cert AND p.metal = k.metal AND k.day BETWEEN p.p_start AND p.p_end
    WHERE k.status <> 'invalid' AND k.fine7 IS NOT NULL
        AND NOT EXISTS (
            SELECT 1 FROM same_known AS s WHERE s.delivery = k.delivery AND s.known_line = k.line
        )
), totals AS (
    SELECT
        e.line,
        e.period,
        sum(e.fine7) OVER (
            PARTITION BY e.period ORDER BY e.day, e.delivery, e.known_line
            ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
        ) AS total,
        p.declared7
    FROM (SELECT * FROM mine UNION ALL SELECT * FROM earlier) AS e
    JOIN production AS p USING (period)
)
SELECT line, period, total
FROM totals
WHERE line IS NOT NULL AND total > declared7
ORDER BY line
