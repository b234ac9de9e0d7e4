-- The findings across rows, added to each lot's verdict: a lot id seen on an
-- earlier line or, with other content, in the ledger; then the mass balance
-- (the extra table). Lot ids are compared after Unicode normalisation (NFC)
-- with invisible format characters (Cf: zero-width space, byte-order mark,
-- soft hyphen) removed. A table of the lines that have any (few, as a
-- rule); joined.sql puts them after the per-lot findings.
CREATE TABLE more_findings AS
WITH keyed AS (
    SELECT line, lot_id, fm_lot_key(lot_id) AS lot_key FROM verdicts WHERE lot_id IS NOT NULL
), repeated AS (
    -- Ids on more than one line, with the first of them (a hash aggregate, no sort).
    SELECT lot_key, min(line) AS first FROM keyed GROUP BY lot_key HAVING count(*) > 1
), ids AS (
    SELECT k.line, k.lot_id, k.lot_key, coalesce(r.first, k.line) AS first
    FROM keyed AS k
    LEFT JOIN repeated AS r USING (lot_key)
), recorded AS (
    -- The first lot of this file with an id the ledger holds with other content.
    SELECT i.line, i.lot_id, arg_min(k.delivery, (k.delivery, k.line)) AS delivery,
        arg_min(k.line, (k.delivery, k.line)) AS known_line
    FROM ids AS i
    JOIN verdicts AS v USING (line)
    JOIN known_lots AS k ON k.lot_key = i.lot_key
    WHERE i.first = i.line AND k.content <> v.content
        AND i.line NOT IN (SELECT line FROM same_known)
    GROUP BY i.line, i.lot_id
), dups AS (
    -- At most one a line: its id repeats an earlier line's, or (the first
    -- line with it) the ledger holds it with other content.
    SELECT line,
        'lot id ' || lot_id || ' already appears on line ' || first AS message,
        concat('{"first_line": ', fm_js(first::VARCHAR), ', "lot_id": ', fm_js(lot_id), '}') AS args
    FROM ids WHERE first <> line
    UNION ALL
    SELECT line,
        'lot id ' || lot_id || ' is already in the ledger with other content (delivery '
        || delivery || ', line ' || known_line || ')',
        concat('{"delivery": ', fm_js(delivery::VARCHAR), ', "ledger_line": ',
            fm_js(known_line::VARCHAR), ', "lot_id": ', fm_js(lot_id), '}')
    FROM recorded
)
-- A line's duplicate finding, then its mass-balance finding (extra holds at
-- most one a line). No aggregate: a file of duplicates has one a line, and
-- an ordered list aggregate over them did not fit MEMORY_LIMIT.
SELECT
    coalesce(d.line, e.line) AS line,
    CASE WHEN d.line IS NULL THEN [] ELSE ['duplicate_lot'] END
        || CASE WHEN e.line IS NULL THEN [] ELSE [e.check_name] END AS more_checks,
    CASE WHEN d.line IS NULL THEN [] ELSE [d.message] END
        || CASE WHEN e.line IS NULL THEN [] ELSE [e.message] END AS more_messages,
    CASE WHEN d.line IS NULL THEN [] ELSE [d.args] END
        || CASE WHEN e.line IS NULL THEN [] ELSE [e.args] END AS more_args
FROM dups AS d
FULL OUTER JOIN extra AS e ON e.line = d.line
