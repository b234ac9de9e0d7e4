-- Declared production periods, by their index in the production file;
-- declared7 is the fine mass in 10^-7 g (NULL when it does not fit).
CREATE TABLE production AS SELECT
    unnest($period) AS period,
    unnest($cert) AS cert,
    unnest($metal) AS metal,
    unnest($p_start) AS p_start,
    unnest($p_end) AS p_end,
    unnest($declared7)::HUGEINT AS declared7,
    unnest($declared_text) AS declared_text
