-- A paid amount in whole cents, rounded half up (as the Python check rounds it).
CREATE OR REPLACE TEMP MACRO fm_cents(t) AS fm_div(fm_scaled(t, 12) + 5000000000, 10000000000)
