-- Whether lot_csv.sql writes a result: not an invalid row, and no control,
-- C1 or bidi character in its text; Python writes the rest.
reason IS NULL AND lot_id IS NOT NULL
AND NOT regexp_matches(
    CASE WHEN len(messages) = 0 THEN lot_id ELSE lot_id || ' ' || array_to_string(messages, ' ') END,
    '[\x00-\x1f\x7f-\x{9f}\x{61c}\x{200e}\x{200f}\x{202a}-\x{202e}\x{2066}-\x{2069}]'
)
