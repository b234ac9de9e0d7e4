-- A lot id every output writes as it is: no character JSON or the terminal
-- escaping rewrites (controls, C1, bidi marks and overrides) or CSV quotes,
-- and no start a spreadsheet would read as a formula.
CREATE OR REPLACE TEMP MACRO fm_plain_id(t) AS
    NOT regexp_matches(
        t, '["\\,\x00-\x1f\x7f-\x{9f}\x{61c}\x{200e}\x{200f}\x{202a}-\x{202e}\x{2066}-\x{2069}]'
    )
    AND NOT regexp_matches(t, '^[=+\-@]')
