-- The output text of lines $lo to $hi - 1, in input order: each result as Python
-- rendered it or, for the rest, as the report layer's SQL expression over
-- line, lot_id, due_text and paid_text writes it (the engine puts it in place
-- of the braced name below).
SELECT string_agg(coalesce(t.text, {render}), chr(10) ORDER BY f.line) || chr(10)
FROM (
    SELECT line, lot_id, fm_cents_text(due) AS due_text, fm_cents_text(paid) AS paid_text
    FROM final
    WHERE line >= $lo AND line < $hi
) AS f
LEFT JOIN (SELECT * FROM texts WHERE line >= $lo AND line < $hi) AS t USING (line)
