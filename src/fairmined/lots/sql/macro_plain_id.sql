-- A lot id every output writes as it is: no character JSON escapes or CSV
-- quotes, and no start a spreadsheet would read as a formula.
CREATE OR REPLACE TEMP MACRO fm_plain_id(t) AS
    NOT regexp_matches(t, '["\\,\x00-\x1f\x7f]') AND NOT regexp_matches(t, '^[=+\-@]')
