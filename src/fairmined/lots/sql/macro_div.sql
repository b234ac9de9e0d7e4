-- n // d for a whole number n and 0 < d < 2^63, in 64-bit arithmetic when n
-- fits (DuckDB divides a HUGEINT bit by bit: about a microsecond each, the
-- most expensive step of a row); the same result either way.
CREATE OR REPLACE TEMP MACRO fm_div(n, d) AS CASE
    WHEN n BETWEEN -9223372036854775807 AND 9223372036854775807 THEN (n::BIGINT // d)::HUGEINT
    ELSE n // d
END
