-- A plain decimal text (digits, at most one dot, at most 18 digits before it)
-- as a whole number of 10^-s units; NULL when it has more than s decimals or
-- is written any other way (those rows go to the Python reference).
CREATE OR REPLACE TEMP MACRO fm_scaled(t, s) AS CASE
    WHEN regexp_full_match(t, '[0-9]{1,18}(\.[0-9]*)?|\.[0-9]{1,18}')
        AND (position('.' IN t) = 0 OR length(t) - position('.' IN t) <= s)
    THEN (
        replace(t, '.', '')
        || repeat('0', s - CASE WHEN position('.' IN t) = 0 THEN 0 ELSE length(t) - position('.' IN t) END)
    )::HUGEINT
END
