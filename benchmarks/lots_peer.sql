-- The benchmark's peer for lot verification: what a data-fluent buyer would
-- write by hand in DuckDB instead of using fairmined (docs/performance.md).
-- Written on its own, not from fairmined's SQL: the core checks, exact.
--
-- Set before running: VARIABLE lots, certificates, production (CSV paths)
-- and out (the CSV of verdicts to write: line, lot_id, status, checks,
-- premium_due in cents). benchmarks/lots_peer.py runs it.
--
-- Money and mass stay exact: amounts are whole cents, masses whole
-- milligrams, fineness a fraction num/den; DuckDB turns a DECIMAL division
-- into DOUBLE, so the one division (by a troy ounce) is an integer division
-- rounding half up.

-- The premium schedules, typed in from the standards (per cent of the
-- reference price, or US cents per kg of fine metal).
CREATE TEMP TABLE schedule (
    standard VARCHAR, metal VARCHAR, eff_from DATE, eff_to DATE,
    floor_pct INTEGER, prem_pct INTEGER, prem_kg BIGINT, eco_pct INTEGER, eco_kg BIGINT
);
INSERT INTO schedule VALUES
    ('fairmined-2.0', 'gold', '2014-04-05', NULL, 95, NULL, 400000, NULL, 600000),
    ('fairmined-2.0', 'silver', '2014-04-05', NULL, 95, 10, NULL, 15, NULL),
    ('fairmined-2.0', 'platinum', '2014-04-05', NULL, 95, 10, NULL, 15, NULL),
    ('fairtrade-gold-2013', 'gold', '2013-04-22', '2013-07-31', 95, 10, NULL, 15, NULL),
    ('fairtrade-gold-2013', 'gold', '2013-08-01', NULL, 95, NULL, 200000, 15, NULL),
    ('fairtrade-gold-2013', 'silver', '2013-04-22', NULL, 95, 10, NULL, 15, NULL),
    ('fairtrade-gold-2013', 'platinum', '2013-04-22', NULL, 95, 10, NULL, 15, NULL);

CREATE TEMP TABLE certs AS
SELECT
    certificate_id,
    standard,
    string_split(metals, ';') AS metals,
    ecological = 'true' AS eco,
    valid_from::DATE AS valid_from,
    coalesce(nullif(valid_to, '')::DATE, DATE '9999-12-31') AS valid_to,
    status,
    nullif(status_since, '')::DATE AS since
FROM read_csv(getvariable('certificates'), all_varchar = true);

-- A mass such as 10kg or 500g in milligrams (NULL if not a plain number of g or kg).
CREATE TEMP MACRO mg(t) AS CASE
    WHEN regexp_full_match(t, '[0-9]+(\.[0-9]{1,6})?kg')
    THEN (left(t, -2)::DECIMAL(30, 6) * 1000000)::HUGEINT
    WHEN regexp_full_match(t, '[0-9]+(\.[0-9]{1,3})?g')
    THEN (left(t, -1)::DECIMAL(30, 3) * 1000)::HUGEINT
END;
-- Whole cents of a plain amount with at most two decimals.
CREATE TEMP MACRO cents(t) AS CASE
    WHEN regexp_full_match(t, '[0-9]{1,15}(\.[0-9]{1,2})?') THEN (t::DECIMAL(18, 2) * 100)::HUGEINT
END;
-- n / d rounded half up, for n >= 0 and d > 0.
CREATE TEMP MACRO half_up(n, d) AS (2 * n + d) // (2 * d);

CREATE TEMP TABLE production AS
SELECT
    row_number() OVER () AS period,
    certificate_id,
    period_start::DATE AS p_start,
    period_end::DATE AS p_end,
    metal,
    mg(fine_mass) AS declared_mg
FROM read_csv(getvariable('production'), all_varchar = true);

CREATE TEMP TABLE lots AS
SELECT row_number() OVER () + 1 AS line, *
FROM read_csv(
    getvariable('lots'),
    header = false, skip = 1, null_padding = true, auto_detect = false,
    delim = ',', quote = '"', escape = '"',
    -- one column more than the header: a row with a cell too many fills it
    columns = {
        'lot_id': 'VARCHAR', 'sale_date': 'VARCHAR', 'certificate_id': 'VARCHAR',
        'metal': 'VARCHAR', 'gross_mass': 'VARCHAR', 'fineness': 'VARCHAR',
        'ecological': 'VARCHAR', 'reference_price': 'VARCHAR', 'price_paid': 'VARCHAR',
        'premium_paid': 'VARCHAR', 'currency': 'VARCHAR', 'extra': 'VARCHAR'
    }
);

CREATE TEMP TABLE parsed AS
SELECT
    line,
    lot_id,
    certificate_id,
    metal,
    ecological,
    ecological = 'true' AS eco,
    CASE
        WHEN regexp_full_match(sale_date, '[0-9]{4}-[0-9]{2}-[0-9]{2}')
        THEN try_cast(sale_date AS DATE)
    END AS day,
    mg(gross_mass) AS mg,
    -- fineness as num / den: 0.995, 18k (of 24), 999.9 per mille
    CASE
        WHEN regexp_full_match(fineness, '[01]?\.[0-9]{1,6}|1')
        THEN (fineness::DECIMAL(10, 6) * 1000000)::HUGEINT
        WHEN regexp_full_match(fineness, '[0-9]{1,2}k') THEN left(fineness, -1)::HUGEINT
        WHEN regexp_full_match(fineness, '[0-9]{1,4}(\.[0-9])?‰')
        THEN (left(fineness, -1)::DECIMAL(6, 1) * 10)::HUGEINT
    END AS f_num,
    CASE
        WHEN regexp_full_match(fineness, '[0-9]{1,2}k') THEN 24
        WHEN fineness LIKE '%‰' THEN 10000
        ELSE 1000000
    END::HUGEINT AS f_den,
    cents(reference_price) AS ref_c,
    cents(price_paid) AS paid_c,
    cents(premium_paid) AS prem_c,
    currency,
    extra
FROM lots;

CREATE TEMP TABLE checked AS
WITH valid AS (
    SELECT
        *,
        extra IS NULL AND currency = 'USD' AND metal IN ('gold', 'silver', 'platinum')
            AND coalesce(lot_id, '') <> '' AND coalesce(certificate_id, '') <> ''
            AND day IS NOT NULL AND mg > 0 AND f_num > 0 AND f_num <= f_den
            AND ecological IN ('true', 'false')
            AND ref_c > 0 AND paid_c IS NOT NULL AND prem_c IS NOT NULL AS ok,
        mg * f_num AS fine  -- fine mass in mg / f_den
    FROM parsed
), priced AS (
    SELECT
        v.*,
        c.certificate_id IS NOT NULL AS known,
        c.metals, c.eco AS cert_eco, c.valid_from, c.valid_to, c.status, c.since,
        -- cents = pct/100 * ref_c * (fine / f_den / 1000 g) / 31.1034768 g
        half_up(s.floor_pct * v.ref_c * v.fine * 10000000, 100 * v.f_den * 1000 * 311034768)
            AS floor_c,
        CASE
            WHEN (CASE WHEN v.eco THEN s.eco_pct ELSE s.prem_pct END) IS NOT NULL
            THEN half_up(
                (CASE WHEN v.eco THEN s.eco_pct ELSE s.prem_pct END) * v.ref_c * v.fine * 10000000,
                100 * v.f_den * 1000 * 311034768
            )
            -- cents per kg of fine metal
            ELSE half_up(
                (CASE WHEN v.eco THEN s.eco_kg ELSE s.prem_kg END) * v.fine, v.f_den * 1000000
            )
        END AS due_c
    FROM valid AS v
    LEFT JOIN certs AS c ON v.ok AND c.certificate_id = v.certificate_id
    LEFT JOIN schedule AS s
        ON s.standard = c.standard AND s.metal = v.metal
        AND v.day >= s.eff_from AND (s.eff_to IS NULL OR v.day <= s.eff_to)
), periods AS (
    SELECT p.line, min(d.period) AS period
    FROM priced AS p
    JOIN production AS d
        ON p.known AND d.certificate_id = p.certificate_id AND d.metal = p.metal
        AND p.day BETWEEN d.p_start AND d.p_end
    GROUP BY p.line
), balance AS (
    SELECT
        p.line,
        -- in units of 1/3,000,000 mg, which every f_den divides
        sum(p.fine * (3000000 // p.f_den)) OVER (
            PARTITION BY q.period ORDER BY p.day, p.line
            ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
        ) > d.declared_mg * 3000000 AS over
    FROM priced AS p
    JOIN periods AS q USING (line)
    JOIN production AS d ON d.period = q.period
)
SELECT
    p.line,
    p.lot_id,
    p.ok,
    CASE WHEN NOT p.ok THEN [] WHEN NOT p.known THEN ['certificate_unknown'] ELSE list_filter([
        CASE WHEN p.day NOT BETWEEN p.valid_from AND p.valid_to THEN 'certificate_not_valid' END,
        CASE WHEN p.status <> 'active' AND p.day >= p.since THEN 'certificate_suspended' END,
        CASE WHEN NOT list_contains(p.metals, p.metal) THEN 'metal_not_in_scope' END,
        CASE WHEN p.eco AND NOT p.cert_eco THEN 'ecological_not_in_scope' END,
        CASE WHEN p.paid_c < p.floor_c THEN 'price_below_floor' END,
        CASE WHEN p.prem_c < p.due_c THEN 'premium_underpaid' END
    ], lambda x: x IS NOT NULL) END
    || CASE
        WHEN p.ok AND p.lot_id IS NOT NULL
            AND min(p.line) OVER (PARTITION BY p.lot_id) < p.line
        THEN ['duplicate_lot'] ELSE [] END
    || CASE WHEN p.ok AND b.over THEN ['mass_balance_exceeded'] ELSE [] END AS checks,
    CASE WHEN p.ok AND p.known THEN p.due_c END AS due_c
FROM priced AS p
LEFT JOIN balance AS b USING (line);

COPY (
    SELECT
        line,
        lot_id,
        CASE WHEN NOT ok THEN 'invalid' WHEN len(checks) > 0 THEN 'fail' ELSE 'pass' END
            AS status,
        array_to_string(checks, ';') AS checks,
        due_c AS premium_due_cents
    FROM checked
    ORDER BY line
) TO (getvariable('out')) (HEADER, DELIMITER ',');
