-- The lot cells of a DataFrame or Arrow table: lot_frame, registered by the
-- engine with a line column and the lot columns in order (_frames.py), each
-- cell cast to text, a missing value empty. A row with a control character
-- goes to the Python reader, which names it.
SELECT line, NULL::VARCHAR AS raw, NOT control AS plain, * EXCLUDE (line, control)
FROM (
    SELECT *, regexp_matches(concat(*COLUMNS(* EXCLUDE (line))), '[\x00-\x08\x0b-\x1f\x7f]') AS control
    FROM (SELECT line, coalesce(COLUMNS(* EXCLUDE (line))::VARCHAR, '') FROM lot_frame)
)
