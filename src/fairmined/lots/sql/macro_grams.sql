-- A fine mass in 10^-7 g as the messages write it, to the milligram
-- rounded half up: 1,243.750 g.
CREATE OR REPLACE TEMP MACRO fm_grams(f7) AS
    format('{:,}', ((f7 + 5000) // 10000 // 1000)::BIGINT) || '.'
    || lpad(((f7 + 5000) // 10000 % 1000)::VARCHAR, 3, '0') || ' g'
