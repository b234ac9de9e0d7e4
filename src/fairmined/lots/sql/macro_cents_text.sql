-- Whole cents as the amount text of the outputs: 4975.00 (in 64-bit arithmetic when c fits:
-- see macro_div.sql).
CREATE OR REPLACE TEMP MACRO fm_cents_text(c) AS CASE
    WHEN c BETWEEN -9223372036854775807 AND 9223372036854775807
    THEN (c::BIGINT // 100)::VARCHAR || '.' || lpad((c::BIGINT % 100)::VARCHAR, 2, '0')
    ELSE (c // 100)::VARCHAR || '.' || lpad((c % 100)::VARCHAR, 2, '0')
END
