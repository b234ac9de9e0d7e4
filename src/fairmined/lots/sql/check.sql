-- The per-lot checks on the rows of a batch: the engine puts in place of the
-- braced name below the query of their cells, numbered (cells_csv.sql: the
-- lines of the CSV chunks split at commas; cells_table.sql: a DataFrame or
-- Arrow table); plain is true for a row the checks here may read (for CSV, a
-- line of exactly one record with the header's number of cells; no control
-- character); every other row goes to the Python reader. py is true for a row the Python
-- reference judges instead: anything written out of the ordinary (its exact
-- message comes from the library's parsers), a schedule the units here do not
-- fit. Every amount is a whole number of small units (HUGEINT);
-- the one division, by a troy ounce, is an integer division rounding half up.
-- Every row goes into verdicts; a row for Python as pending, which the engine
-- takes out again once it has read it (pending.sql). The line's text is not
-- carried through the query: what it holds is read again from csv_lines.
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
    content,
    py
FROM (
WITH lot_cells AS (
    {cells}
), parsed AS (
    SELECT
        line,
        plain,
        lot_id,
        certificate_id AS cert,
        sale_date,
        metal,
        CASE WHEN $ledger THEN sha256(concat_ws(chr(31),
            coalesce(lot_id, ''), coalesce(sale_date, ''), coalesce(certificate_id, ''),
            coalesce(metal, ''), coalesce(gross_mass, ''), coalesce(fineness, ''),
            coalesce(ecological, ''), coalesce(reference_price, ''), coalesce(price_paid, ''),
            coalesce(premium_paid, ''), coalesce(currency, ''), nullif(supply_model, '')
        )) END AS content,
        ecological = 'true' AS eco,
        nullif(supply_model, '') AS model,
        CASE
            WHEN regexp_full_match(sale_date, '[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}')
            THEN try_cast(sale_date AS DATE)
        END AS day,
        -- gross mass in milligrams
        CASE
            WHEN regexp_full_match(gross_mass, '[0-9.]+g')
            THEN fm_scaled(left(gross_mass, -1), 3)
            WHEN regexp_full_match(gross_mass, '[0-9.]+kg')
            THEN fm_scaled(left(gross_mass, -2), 6)
        END AS mg,
        -- fineness in 10^-4: a fraction, karats that divide exactly, or per mille
        CASE
            WHEN regexp_full_match(fineness, '[01]?\.[0-9]+|[01]')
            THEN fm_scaled(fineness, 4)
            WHEN regexp_full_match(fineness, '[0-9]{1,2}k')
                AND left(fineness, -1)::BIGINT * 10000 % 24 = 0
            THEN (left(fineness, -1)::BIGINT * 10000 // 24)::HUGEINT
            WHEN regexp_full_match(fineness, '[0-9]{1,4}(\.[0-9])?‰')
            THEN fm_scaled(left(fineness, -1), 1)
        END AS f4,
        fm_scaled(reference_price, 2) AS r2,
        fm_cents(price_paid) AS price_cents,
        fm_cents(premium_paid) AS premium_cents,
        plain
            AND currency = 'USD'
            AND metal IN ('gold', 'silver', 'platinum')
            AND ecological IN ('true', 'false')
            AND regexp_full_match(lot_id, '[!-~](.*[!-~])?')
            AND regexp_full_match(certificate_id, '[!-~](.*[!-~])?')
            AND (coalesce(supply_model, '') = ''
                OR regexp_full_match(supply_model, '[a-z][a-z0-9_-]*')) AS words_ok
    FROM lot_cells
), read AS MATERIALIZED (
    SELECT
        *,
        coalesce(
            words_ok
            AND day IS NOT NULL
            AND mg > 0 AND mg <= 10000000000000
            AND f4 > 0 AND f4 <= 10000
            AND r2 > 0 AND r2 <= 100000000
            AND price_cents IS NOT NULL
            AND premium_cents IS NOT NULL,
            false
        ) AS ok
    FROM parsed
), keys AS (
    -- Each certificate's standard, metal and sale day once: the schedule row
    -- in force (the first in the standard's order) and the production period.
    SELECT DISTINCT c.std, r.cert, r.metal, r.day
    FROM read AS r
    JOIN certs AS c ON r.ok AND c.cert = r.cert
), day_rates AS (
    SELECT
        k.std, k.metal, k.day, s.floor4, s.usable, s.prem4, s.prem_kg2, s.eco4, s.eco_kg2,
        s.std_id, s.sched_text, s.floor_text, s.prem_text, s.eco_text,
        s.floor_args, s.prem_args, s.eco_args, s.eff_from
    FROM (SELECT DISTINCT std, metal, day FROM keys) AS k
    JOIN rates AS s
        ON s.std = k.std AND s.metal = k.metal
        AND k.day >= s.eff_from AND (s.eff_to IS NULL OR k.day <= s.eff_to)
    QUALIFY row_number() OVER (PARTITION BY k.std, k.metal, k.day ORDER BY s.prio) = 1
), day_periods AS (
    SELECT k.cert, k.metal, k.day, min(p.period) AS period
    FROM (SELECT DISTINCT cert, metal, day FROM keys) AS k
    JOIN production AS p
        ON p.cert = k.cert AND p.metal = k.metal AND k.day BETWEEN p.p_start AND p.p_end
    GROUP BY k.cert, k.metal, k.day
), rated AS (
    SELECT
        r.*,
        c.cert IS NOT NULL AS known,
        c.metals, c.scope, c.eco AS cert_eco, c.valid_from, c.valid_to, c.from_text,
        c.until_text, c.status AS cert_status, c.since, c.since_text,
        c.models AS cert_models, c.models_text, c.std_models_text, c.std_models,
        m.model IS NOT NULL AS model_known, m.name AS model_name, m.scoped, m.traced,
        s.floor4, s.usable,
        CASE WHEN r.eco THEN s.eco4 ELSE s.prem4 END AS prem4,
        CASE WHEN r.eco THEN s.eco_kg2 ELSE s.prem_kg2 END AS prem_kg2,
        s.std_id, s.sched_text, s.floor_text, s.eff_from::VARCHAR AS sched_from,
        CASE WHEN r.eco THEN s.eco_text ELSE s.prem_text END AS prem_text,
        s.floor_args,
        CASE WHEN r.eco THEN s.eco_args ELSE s.prem_args END AS prem_args,
        dp.period
    FROM read AS r
    LEFT JOIN certs AS c ON r.ok AND c.cert = r.cert
    LEFT JOIN day_rates AS s ON s.std = c.std AND s.metal = r.metal AND s.day = r.day
    LEFT JOIN day_periods AS dp ON dp.cert = r.cert AND dp.metal = r.metal AND dp.day = r.day
    LEFT JOIN supply AS m ON m.std = c.std AND m.model = r.model
), priced AS (
    SELECT
        *,
        -- the floor in cents is floor_n // 6220695360000, worked out only for a
        -- lot below it (judged), since a HUGEINT division is slow
        2 * floor4 * r2 * mg * f4 + 3110347680000 AS floor_n,
        CASE
            WHEN prem4 IS NOT NULL
            THEN fm_div(2 * prem4 * r2 * mg * f4 + 3110347680000, 6220695360000)
            ELSE fm_div(2 * prem_kg2 * mg * f4 + 10000000000, 20000000000)
        END AS due_cents
    FROM rated
), flagged AS (
    -- Each check once, as a flag (a comparison with NULL finds nothing).
    SELECT
        *,
        coalesce(day < valid_from OR day > valid_to, false) AS f_valid,
        coalesce(cert_status <> 'active' AND day >= since, false) AS f_suspended,
        coalesce(NOT list_contains(metals, metal), false) AS f_metal,
        coalesce(eco AND NOT cert_eco, false) AS f_eco,
        coalesce(model IS NOT NULL AND NOT model_known, false) AS f_model,
        coalesce(scoped AND NOT list_contains(cert_models, model), false) AS f_scope,
        coalesce(traced AND $has_production AND period IS NULL, false) AS f_traced,
        -- price_cents < floor_n // M, that is (price_cents + 1) * M <= floor_n
        coalesce((price_cents + 1) * 6220695360000 <= floor_n, false) AS f_floor,
        coalesce(premium_cents < due_cents, false) AS f_premium
    FROM priced
), judged AS (
    SELECT *, f_valid OR f_suspended OR f_metal OR f_eco OR f_model OR f_scope OR f_traced
        OR f_floor OR f_premium AS found,
        CASE WHEN f_floor THEN fm_div(floor_n, 6220695360000) END AS floor_cents
    FROM flagged
)
SELECT
    line,
    NOT ok OR (known AND NOT coalesce(usable AND due_cents IS NOT NULL, false)) AS py,
    lot_id,
    CASE WHEN NOT known THEN ['certificate_unknown'] WHEN NOT found THEN [] ELSE list_filter([
        CASE WHEN f_valid THEN 'certificate_not_valid' END,
        CASE WHEN f_suspended THEN 'certificate_suspended' END,
        CASE WHEN f_metal THEN 'metal_not_in_scope' END,
        CASE WHEN f_eco THEN 'ecological_not_in_scope' END,
        CASE WHEN f_model THEN 'supply_model_unknown' END,
        CASE WHEN f_scope
            THEN 'supply_model_not_in_scope' END,
        CASE WHEN f_traced THEN 'supply_model_untraced' END,
        CASE WHEN f_floor THEN 'price_below_floor' END,
        CASE WHEN f_premium THEN 'premium_underpaid' END
    ], lambda x: x IS NOT NULL) END AS checks,
    CASE WHEN NOT known THEN ['certificate ' || cert || ' is not in ' || $source]
    WHEN NOT found THEN []
    ELSE list_filter([
        CASE WHEN f_valid
            THEN 'sale date ' || sale_date || ' is outside the validity of certificate '
                || cert || ' (' || from_text || ' to ' || until_text || ')'
        END,
        CASE WHEN f_suspended
            THEN 'certificate ' || cert || ' is ' || cert_status || ' since ' || since_text
                || ', on or before the sale date ' || sale_date
        END,
        CASE WHEN f_metal
            THEN metal || ' is not in the scope of certificate ' || cert
                || ' (it covers ' || scope || ')'
        END,
        CASE WHEN f_eco
            THEN 'the lot is sold as ecological ' || metal
                || ', but ecological metal is not in the scope of certificate ' || cert
        END,
        CASE WHEN f_model
            THEN 'supply model ' || model || ' is not in ' || std_id
                || ' (its supply models: ' || std_models_text || ')'
        END,
        CASE WHEN f_scope
            THEN 'supply model ' || model || ' is not in the scope of certificate ' || cert
                || ' (it covers ' || models_text || ')'
        END,
        CASE WHEN f_traced
            THEN model_name || ' metal must come from declared production, but no ' || metal
                || ' production period of certificate ' || cert || ' covers the sale date '
                || sale_date
        END,
        CASE WHEN f_floor
            THEN 'price paid ' || fm_usd(price_cents) || ' is ' || fm_usd(floor_cents - price_cents)
                || ' below the floor price of ' || fm_usd(floor_cents) || ' under ' || std_id
                || ' (' || floor_text || ', ' || fm_usd(r2) || ' per troy ounce, for '
                || fm_grams(mg * f4) || ' of fine ' || metal || '; ' || sched_text || ')'
        END,
        CASE WHEN f_premium
            THEN CASE WHEN eco THEN 'ecological premium' ELSE 'premium' END || ' paid '
                || fm_usd(premium_cents) || ' is ' || fm_usd(due_cents - premium_cents)
                || ' below the ' || fm_usd(due_cents) || ' due under ' || std_id || ' ('
                || prem_text || CASE WHEN prem4 IS NOT NULL
                    THEN ', ' || fm_usd(r2) || ' per troy ounce' ELSE '' END
                || ', for ' || fm_grams(mg * f4) || ' of fine ' || metal || '; ' || sched_text
                || ')'
        END
    ], lambda x: x IS NOT NULL) END AS messages,
    -- The findings' arguments (see fairmined.lots.Finding), in the same order, each a
    -- JSON object with sorted keys as json.dumps writes it (macro_json.sql); a price
    -- finding's rule arguments come from the schedule (rates.sql).
    CASE WHEN NOT known THEN [concat('{"certificate": ', fm_js(cert), ', "source": ', fm_js($source), '}')]
    WHEN NOT found THEN []
    ELSE list_filter([
        CASE WHEN f_valid
            THEN concat('{"certificate": ', fm_js(cert), ', "sale_date": ', fm_js(sale_date),
                ', "valid_from": ', fm_js(valid_from::VARCHAR), ', "valid_to": ',
                fm_js(valid_to::VARCHAR), '}')
        END,
        CASE WHEN f_suspended
            THEN concat('{"certificate": ', fm_js(cert), ', "sale_date": ', fm_js(sale_date),
                ', "since": ', fm_js(since::VARCHAR), ', "status": ', fm_js(cert_status), '}')
        END,
        CASE WHEN f_metal
            THEN concat('{"certificate": ', fm_js(cert), ', "metal": ', fm_js(metal),
                ', "metals": ', fm_js_list(metals), '}')
        END,
        CASE WHEN f_eco
            THEN concat('{"certificate": ', fm_js(cert), ', "metal": ', fm_js(metal), '}')
        END,
        CASE WHEN f_model
            THEN concat('{"models": ', fm_js_list(std_models), ', "standard": ', fm_js(std_id),
                ', "supply_model": ', fm_js(model), '}')
        END,
        CASE WHEN f_scope
            THEN concat('{"certificate": ', fm_js(cert), ', "models": ', fm_js_list(cert_models),
                ', "supply_model": ', fm_js(model), '}')
        END,
        CASE WHEN f_traced
            THEN concat('{"certificate": ', fm_js(cert), ', "metal": ', fm_js(metal),
                ', "model_name": ', fm_js(model_name), ', "sale_date": ', fm_js(sale_date),
                ', "supply_model": ', fm_js(model), '}')
        END,
        CASE WHEN f_floor
            THEN concat(
                '{"fine_g": ', fm_js(fm_grams_text(mg * f4)),
                ', "floor": ', fm_js(fm_cents_text(floor_cents)),
                ', "metal": ', fm_js(metal),
                ', "paid": ', fm_js(fm_cents_text(price_cents)),
                ', "reference": ', fm_js(fm_cents_text(r2)),
                ', "reference_date": null, "reference_session": null, ', floor_args,
                ', "schedule_from": ', fm_js(sched_from),
                ', "shortfall": ', fm_js(fm_cents_text(floor_cents - price_cents)),
                ', "standard": ', fm_js(std_id), '}'
            )
        END,
        CASE WHEN f_premium
            THEN concat(
                '{"due": ', fm_js(fm_cents_text(due_cents)),
                ', "ecological": ', CASE WHEN eco THEN '"true"' ELSE '"false"' END,
                ', "fine_g": ', fm_js(fm_grams_text(mg * f4)),
                ', "metal": ', fm_js(metal),
                ', "paid": ', fm_js(fm_cents_text(premium_cents)),
                ', "reference": ', fm_js(fm_cents_text(r2)),
                ', "reference_date": null, "reference_session": null, ', prem_args,
                ', "schedule_from": ', fm_js(sched_from),
                ', "shortfall": ', fm_js(fm_cents_text(due_cents - premium_cents)),
                ', "standard": ', fm_js(std_id), '}'
            )
        END
    ], lambda x: x IS NOT NULL) END AS args,
    CASE WHEN known THEN due_cents END AS due,
    premium_cents AS paid,
    CASE WHEN known THEN period END AS period,
    day,
    CASE WHEN known THEN mg * f4 END AS fine7,
    cert,
    metal,
    content
FROM judged
)
