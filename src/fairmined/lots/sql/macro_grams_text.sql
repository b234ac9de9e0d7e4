-- A fine mass in 10^-7 g as a finding's argument, to the milligram rounded
-- half up: 1243.750.
CREATE OR REPLACE TEMP MACRO fm_grams_text(f7) AS
    ((f7 + 5000) // 10000 // 1000)::VARCHAR || '.'
    || lpad(((f7 + 5000) // 10000 % 1000)::VARCHAR, 3, '0')
