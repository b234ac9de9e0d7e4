-- Whether lot_json.sql writes a result: not an invalid row, and no text JSON
-- or the terminal escaping would rewrite (quotes, backslashes, controls, C1,
-- bidi marks) nor arguments other than text or lists of text; Python writes the rest.
-- A lot without findings (most) skips joining its messages and arguments.
reason IS NULL AND lot_id IS NOT NULL
AND NOT regexp_matches(
    CASE WHEN len(messages) = 0 THEN lot_id ELSE lot_id || ' ' || array_to_string(messages, ' ') END,
    '["\\\x00-\x1f\x7f-\x{9f}\x{61c}\x{200e}\x{200f}\x{202a}-\x{202e}\x{2066}-\x{2069}]'
)
AND NOT CASE WHEN len(args) = 0 THEN false ELSE regexp_matches(
    array_to_string(args, ' '),
    '[\\\x00-\x1f\x7f-\x{9f}\x{61c}\x{200e}\x{200f}\x{202a}-\x{202e}\x{2066}-\x{2069}]|[\[,] ?[^" \]]|: ?\{'
) END
