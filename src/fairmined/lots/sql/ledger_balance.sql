-- Per certificate, metal and declared period: fine metal bought (lots that
-- were not invalid) against declared, in 10^-7 g; lots that no declared
-- period covers come last, per certificate and metal, without a period.
WITH priced AS (
    SELECT cert, metal, day, fine7 FROM lots WHERE status <> 'invalid' AND fine7 IS NOT NULL
), declared AS (
    SELECT
        p.cert, p.metal, p.p_start, p.p_end, p.declared7,
        coalesce(sum(l.fine7), 0) AS bought7, count(l.fine7) AS lots
    FROM production AS p
    LEFT JOIN priced AS l
        ON l.cert = p.cert AND l.metal = p.metal AND l.day BETWEEN p.p_start AND p.p_end
    GROUP BY ALL
), undeclared AS (
    SELECT
        l.cert, l.metal, NULL::DATE AS p_start, NULL::DATE AS p_end, NULL::HUGEINT AS declared7,
        sum(l.fine7) AS bought7, count(*) AS lots
    FROM priced AS l
    WHERE NOT EXISTS (
        SELECT 1 FROM production AS p
        WHERE p.cert = l.cert AND p.metal = l.metal AND l.day BETWEEN p.p_start AND p.p_end
    )
    GROUP BY ALL
)
SELECT cert, metal, p_start, p_end, declared7, bought7, lots
FROM (SELECT * FROM declared UNION ALL SELECT * FROM undeclared)
ORDER BY cert, metal, p_start NULLS LAST
