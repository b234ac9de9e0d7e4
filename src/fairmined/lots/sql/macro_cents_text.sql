-- Whole cents as the amount text of the outputs: 4975.00.
CREATE OR REPLACE TEMP MACRO fm_cents_text(c) AS
    (c // 100)::VARCHAR || '.' || lpad((c % 100)::VARCHAR, 2, '0')
