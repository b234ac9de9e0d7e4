-- Whole cents as the amount text of the outputs: 4975.00. Below 10^18 cents by an
-- exact DECIMAL product (DuckDB writes DECIMAL(18,2) as 4975.00; about twice as
-- fast as the integer arithmetic), beyond by whole units and a padded remainder.
CREATE OR REPLACE TEMP MACRO fm_cents_text(c) AS CASE
    WHEN c BETWEEN 0 AND 999999999999999999 THEN (c::DECIMAL(18, 0) * 0.01)::VARCHAR
    ELSE (c // 100)::VARCHAR || '.' || lpad((c % 100)::VARCHAR, 2, '0')
END
